import type { Dims3, Vec3 } from '../math/Vec3.ts';
import type { Mat4 } from '../math/Mat4.ts';
import { allocVoxels, voxelTypeOf, type Volume, type VolumeMetadata, type VolumeUnits, type VoxelArray } from '../volume/Volume.ts';
import type { IngestWarning } from '../volume/IngestWarning.ts';

/** Everything the volumes of one file share. */
export interface VolumeTemplate {
  dimensions: Dims3;
  components: 1 | 3;
  indexToWorld: Mat4;
  units: VolumeUnits;
  meta: VolumeMetadata;
}

/**
 * Wrap `voxels`, holding `count` consecutive volumes, as Volumes that view it (no copy). Each
 * volume gets its own matrix, warnings list and `extra`; 4D volumes get `timeIndex` and a label.
 */
export function splitVolumes(voxels: VoxelArray, count: number, t: VolumeTemplate, timeLabel?: (n: number) => string): Volume[] {
  const per = t.dimensions[0] * t.dimensions[1] * t.dimensions[2] * t.components;
  const out: Volume[] = [];
  for (let n = 0; n < count; n++) {
    const meta: VolumeMetadata = { ...t.meta, warnings: [...t.meta.warnings], extra: { ...t.meta.extra } };
    if (t.meta.sourceFiles) meta.sourceFiles = [...t.meta.sourceFiles];
    if (count > 1) {
      meta.timeIndex = n;
      if (timeLabel) meta.timeLabel = timeLabel(n);
    }
    out.push({
      dimensions: [...t.dimensions] as Dims3,
      components: t.components,
      voxels: count === 1 ? voxels : voxels.subarray(n * per, (n + 1) * per),
      indexToWorld: new Float64Array(t.indexToWorld),
      units: t.units,
      meta,
    });
  }
  return out;
}

/** Split an array of `channels` interleaved values per voxel into one array per channel. */
export function deinterleave(voxels: VoxelArray, channels: number): VoxelArray[] {
  const count = voxels.length / channels;
  const type = voxelTypeOf(voxels);
  const out: VoxelArray[] = [];
  for (let c = 0; c < channels; c++) {
    const a = allocVoxels(type, count);
    for (let n = 0, s = c; n < count; n++, s += channels) a[n] = voxels[s];
    out.push(a);
  }
  return out;
}

/** Concatenate arrays of one type into one (the series layout of 4D files). */
export function concatVoxels(parts: VoxelArray[]): VoxelArray {
  if (parts.length === 1) return parts[0];
  let total = 0;
  for (const p of parts) total += p.length;
  const out = allocVoxels(voxelTypeOf(parts[0]), total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const _a: Vec3 = [0, 0, 0];
const _b: Vec3 = [0, 0, 0];

/** Cosine between columns a and b of the 3×3 part of m. */
function columnCosine(m: Mat4, a: number, b: number): number {
  for (let r = 0; r < 3; r++) {
    _a[r] = m[a * 4 + r];
    _b[r] = m[b * 4 + r];
  }
  const na = Math.hypot(_a[0], _a[1], _a[2]), nb = Math.hypot(_b[0], _b[1], _b[2]);
  return (_a[0] * _b[0] + _a[1] * _b[1] + _a[2] * _b[2]) / (na * nb || 1);
}

/** A NON_ORTHOGONAL_AXES warning when the grid's axes are sheared (|cos| > 1e-4 between columns). */
export function shearWarning(m: Mat4, file: string | undefined): IngestWarning | undefined {
  const worst = Math.max(Math.abs(columnCosine(m, 0, 1)), Math.abs(columnCosine(m, 0, 2)), Math.abs(columnCosine(m, 1, 2)));
  if (worst <= 1e-4) return undefined;
  const deg = 90 - (Math.acos(Math.min(1, worst)) * 180) / Math.PI;
  return {
    code: 'NON_ORTHOGONAL_AXES',
    message: `voxel axes are sheared (up to ${deg.toFixed(2)}° from orthogonal); the affine is kept as stored`,
    files: file ? [file] : [],
  };
}

/** A MISSING_GEOMETRY warning: the file gives spacing only (or nothing), so position and orientation are guessed. */
export function missingGeometryWarning(detail: string, file: string | undefined): IngestWarning {
  return { code: 'MISSING_GEOMETRY', message: detail, files: file ? [file] : [] };
}
