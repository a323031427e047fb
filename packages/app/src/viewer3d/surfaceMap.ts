import { colorMapScalars, distanceToMeshMm, surfaceThicknessMm, type ColorLegend, type ColorMapName, type Mesh } from '@voxa/core';

/** What a surface map shows per vertex: the segment's own thickness, or its distance to another segment's surface. */
export type SurfaceMapKind = 'thickness' | 'distance';

/** Summary of a map's values (mm) over the vertices that have one. */
export interface SurfaceMapStats {
  min: number;
  mean: number;
  max: number;
  /** Vertices with a value. */
  count: number;
  /** Vertices without (NaN: a thickness ray that found no opposite side); drawn in the legend's `nanRgb`. */
  missing: number;
}

/** Options of `surfaceMap`. */
export interface SurfaceMapOptions {
  /** Colour map (default 'viridis': perceptually uniform, readable with colour blindness). */
  map?: ColorMapName;
}

/** Documented defaults of `surfaceMap`. */
export const SURFACE_MAP_DEFAULTS: Required<SurfaceMapOptions> = { map: 'viridis' };

/** A map's per-vertex values (mm), their sRGB colours (r, g, b per vertex), legend and summary. */
export interface SurfaceMapResult {
  values: Float32Array;
  rgb: Uint8Array;
  legend: ColorLegend;
  stats: SurfaceMapStats;
}

/**
 * The 3D view's per-vertex map of one segment surface: thickness (core `surfaceThicknessMm`, the
 * largest inscribed ball at each vertex; the mesh needs its outward normals) or the unsigned
 * distance of its vertices to `other`'s surface (core `distanceToMeshMm`), coloured from the
 * smallest to the largest value. Runs in the surface-map worker; pure, so it is tested directly.
 *
 * @example
 * const { rgb, legend, stats } = surfaceMap('distance', tumour, vessel);
 */
export function surfaceMap(kind: SurfaceMapKind, mesh: Mesh, other?: Mesh, options: SurfaceMapOptions = {}): SurfaceMapResult {
  let values: Float32Array;
  if (kind === 'thickness') values = surfaceThicknessMm(mesh);
  else if (kind === 'distance') {
    if (!other) throw new Error('a distance map needs the other segment\'s surface');
    values = distanceToMeshMm(mesh, other);
  } else throw new Error(`unknown surface map '${String(kind)}' (expected thickness or distance)`);
  const stats = valueStats(values);
  const { rgb, legend } = colorMapScalars(values, { map: options.map ?? SURFACE_MAP_DEFAULTS.map, unit: 'mm' });
  return { values, rgb, legend, stats };
}

/** Min, mean and max of the finite values, and how many there are; NaN statistics when none is. */
function valueStats(values: Float32Array): SurfaceMapStats {
  let min = Infinity, max = -Infinity, sum = 0, count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  return count ? { min, mean: sum / count, max, count, missing: values.length - count } : { min: NaN, mean: NaN, max: NaN, count: 0, missing: values.length };
}
