import { VoxaError } from '../../errors/VoxaError.ts';
import type { Mat4 } from '../../math/Mat4.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { type Volume, type VoxelArray, spacingMm } from '../../volume/Volume.ts';

/** What every CT rule reads: the HU voxels, the grid and its geometry. */
export interface CtContext {
  dims: Dims3;
  /** Voxels per volume. */
  n: number;
  hu: VoxelArray;
  spacingMm: Vec3;
  voxelMm3: number;
  indexToWorld: Mat4;
}

/**
 * The context of a CT volume. The rules work slice by slice in axial planes, so k must run along
 * the patient's superior axis (as DICOM axial series and RAS/LPS NIfTI usually are); other
 * orientations are refused rather than segmented wrongly.
 */
export function ctContext(ct: Volume, where: string): CtContext {
  if (ct.components !== 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, 'the CT must have one component (HU)');
  const m = ct.indexToWorld;
  const s = spacingMm(ct);
  const cosK = Math.abs(m[10]) / s[2];
  if (!(cosK > 0.8)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `slices must be axial (k along S; cos ${cosK.toFixed(2)}): reslice the CT first`);
  }
  const [nx, ny, nz] = ct.dimensions;
  return { dims: [nx, ny, nz], n: nx * ny * nz, hu: ct.voxels, spacingMm: s, voxelMm3: s[0] * s[1] * s[2], indexToWorld: m };
}

/** Patient coordinate (0 = L, 1 = P, 2 = S, in mm) of voxel (i, j, k). */
export function lpsAt(ctx: CtContext, axis: 0 | 1 | 2, i: number, j: number, k: number): number {
  const m = ctx.indexToWorld;
  return m[12 + axis] + i * m[axis] + j * m[4 + axis] + k * m[8 + axis];
}

/** Millilitres → voxels on this grid (at least 1). */
export function mlToVoxels(ctx: CtContext, ml: number): number {
  return Math.max(1, Math.round((ml * 1000) / ctx.voxelMm3));
}

/** A 0/1 mask of the voxels with lo ≤ HU < hi, inside `within` when given. */
export function huRangeMask(ctx: CtContext, lo: number, hi: number, within?: Uint8Array): Uint8Array {
  const out = new Uint8Array(ctx.n);
  const hu = ctx.hu;
  for (let p = 0; p < ctx.n; p++) {
    const v = hu[p];
    out[p] = v >= lo && v < hi && (!within || within[p] !== 0) ? 1 : 0;
  }
  return out;
}

/** Voxels of a mask. */
export function countMask(mask: Uint8Array): number {
  let c = 0;
  for (let p = 0; p < mask.length; p++) c += mask[p];
  return c;
}

/** The context of a box of the grid (inclusive bounds), with its own copy of the HU. */
export function cropContext(ctx: CtContext, lo: Vec3, hi: Vec3): CtContext {
  const dims: Dims3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const n = dims[0] * dims[1] * dims[2];
  const Ctor = ctx.hu.constructor as new (n: number) => VoxelArray;
  const hu = new Ctor(n);
  const [nx, ny] = ctx.dims;
  for (let k = 0, q = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++, q += dims[0]) {
      const src = lo[0] + nx * (lo[1] + j + ny * (lo[2] + k));
      hu.set(ctx.hu.subarray(src, src + dims[0]), q);
    }
  }
  const m = ctx.indexToWorld.slice();
  for (let a = 0; a < 3; a++) m[12 + a] += lo[0] * m[a] + lo[1] * m[4 + a] + lo[2] * m[8 + a];
  return { dims, n, hu, spacingMm: ctx.spacingMm, voxelMm3: ctx.voxelMm3, indexToWorld: m };
}
