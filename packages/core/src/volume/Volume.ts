import type { Dims3, Vec3 } from '../math/Vec3.ts';
import { type Mat4, mat4Column, mat4Invert, transformPoint } from '../math/Mat4.ts';
import { length } from '../math/Vec3.ts';
import type { IngestWarning } from './IngestWarning.ts';

/** Voxel storage. Values are real-world values (modality LUT applied: HU, SUV, …). */
export type VoxelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export type VoxelType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

/** The physical meaning of voxel values. */
export type VolumeUnits = 'HU' | 'SUVbw' | 'BQML' | 'arbitrary' | 'label' | string;

/** Per-volume metadata: where the volume came from and what was found on the way. */
export interface VolumeMetadata {
  modality?: string;
  patientId?: string;
  patientName?: string;
  studyInstanceUid?: string;
  studyDate?: string;
  studyDescription?: string;
  seriesInstanceUid?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  frameOfReferenceUid?: string;
  /** Display hint: MONOCHROME1 data is shown inverted; the values themselves are untouched. */
  invertDisplay?: boolean;
  /** Suggested window (centre, width) from the data, if any. */
  window?: { center: number; width: number };
  /** Which time point / phase of a 4D series this volume is (0-based), with its label. */
  timeIndex?: number;
  timeLabel?: string;
  /** Files this volume was read from, in slice order. */
  sourceFiles?: string[];
  /** Everything odd found while building this volume. */
  warnings: IngestWarning[];
  /** Any further key/value facts (acquisition parameters, SUV factors, …). */
  extra?: Record<string, unknown>;
}

/**
 * A scalar (or RGB) image on a regular grid in patient space.
 *
 * Voxel (i, j, k), component c, lives at `voxels[c + components * (i + nx * (j + ny * k))]`;
 * its centre is at `indexToWorld · (i, j, k, 1)` in patient LPS millimetres.
 *
 * @example
 * const v = createVolume({ dimensions: [4, 4, 4], type: 'int16' });
 * v.voxels[indexOf(v, 1, 2, 3)] = 100;
 */
export interface Volume {
  dimensions: Dims3;
  /** 1 for scalar, 3 for interleaved RGB. */
  components: 1 | 3;
  voxels: VoxelArray;
  /** Voxel index → patient LPS mm (column-major 4×4). */
  indexToWorld: Mat4;
  units: VolumeUnits;
  meta: VolumeMetadata;
}

/** A 4D series: time points or phases, every volume on the same grid. */
export interface VolumeSeries4D {
  volumes: Volume[];
  /** What the fourth axis is (e.g. 'TemporalPositionIndex', 'TriggerTime'). */
  axis: string;
}

const CTORS = {
  uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array,
  uint32: Uint32Array, int32: Int32Array, float32: Float32Array, float64: Float64Array,
} as const;

/** Allocate a voxel array of the given type. */
export function allocVoxels(type: VoxelType, count: number): VoxelArray {
  return new CTORS[type](count);
}

/** The element type name of a voxel array. */
export function voxelTypeOf(a: VoxelArray): VoxelType {
  for (const [name, C] of Object.entries(CTORS)) if (a instanceof C) return name as VoxelType;
  throw new Error('voxelTypeOf: unknown array type');
}

export interface CreateVolumeOptions {
  dimensions: Dims3;
  type?: VoxelType;
  components?: 1 | 3;
  voxels?: VoxelArray;
  indexToWorld?: Mat4;
  units?: VolumeUnits;
  meta?: Partial<VolumeMetadata>;
}

/** Make a volume; identity geometry (1 mm, origin 0) unless given. */
export function createVolume(o: CreateVolumeOptions): Volume {
  const components = o.components ?? 1;
  const count = o.dimensions[0] * o.dimensions[1] * o.dimensions[2] * components;
  const voxels = o.voxels ?? allocVoxels(o.type ?? 'float32', count);
  if (voxels.length !== count) {
    throw new Error(`createVolume: ${voxels.length} voxels given, ${count} expected for ${o.dimensions.join('×')}×${components}`);
  }
  const m = o.indexToWorld ?? new Float64Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  return { dimensions: [...o.dimensions] as Dims3, components, voxels, indexToWorld: m, units: o.units ?? 'arbitrary', meta: { warnings: [], ...o.meta } };
}

/** Linear index of voxel (i, j, k) (component 0). */
export function indexOf(v: Volume, i: number, j: number, k: number): number {
  return v.components * (i + v.dimensions[0] * (j + v.dimensions[1] * k));
}

/** Spacing in mm along i, j, k: the lengths of the matrix columns. */
export function spacingMm(v: Volume): Vec3 {
  return [length(mat4Column(v.indexToWorld, 0)), length(mat4Column(v.indexToWorld, 1)), length(mat4Column(v.indexToWorld, 2))];
}

/** Voxel index (fractional) → patient LPS mm. */
export function indexToWorldPoint(v: Volume, ijk: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  return transformPoint(v.indexToWorld, ijk, out);
}

/** Patient LPS mm → fractional voxel index. For many points, invert once with `worldToIndexMatrix`. */
export function worldToIndexPoint(v: Volume, worldLps: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  return transformPoint(mat4Invert(v.indexToWorld), worldLps, out);
}

/** The inverse of indexToWorld. */
export function worldToIndexMatrix(v: Volume): Mat4 {
  return mat4Invert(v.indexToWorld);
}

/** Volume of one voxel in mm³ (|det| of the 3×3 part). */
export function voxelVolumeMm3(v: Volume): number {
  const m = v.indexToWorld;
  return Math.abs(
    m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]),
  );
}

/** Minimum and maximum voxel value (all components). */
export function valueRange(v: Volume): [number, number] {
  const a = v.voxels;
  let lo = Infinity, hi = -Infinity;
  for (let n = 0; n < a.length; n++) {
    const x = a[n];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}
