import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import type { VoxelBox } from '../SegmentationHistory.ts';

/** Voxels of a grid; throws when the dimensions are not positive integers. */
export function gridVoxelCount(dims: Dims3, where: string): number {
  const [nx, ny, nz] = dims;
  if (!(Number.isInteger(nx) && Number.isInteger(ny) && Number.isInteger(nz) && nx >= 1 && ny >= 1 && nz >= 1)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `grid dimensions ${dims.join('×')} must be positive integers`);
  }
  return nx * ny * nz;
}

/** Checks that an array has one element per voxel of the grid; returns the voxel count. */
export function checkGrid(a: ArrayLike<number>, dims: Dims3, where: string, what = 'mask'): number {
  const n = gridVoxelCount(dims, where);
  if (a.length !== n) {
    throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { function: where }, `${what} has ${a.length} voxels, the grid ${dims.join('×')} has ${n}`);
  }
  return n;
}

/** Checks a caller's `out` (right length) or allocates one. */
export function outputMask(out: Uint8Array | undefined, n: number, where: string): Uint8Array {
  if (!out) return new Uint8Array(n);
  if (out.length !== n) throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { function: where }, `out has ${out.length} voxels, ${n} expected`);
  return out;
}

/** Checks that spacings are positive and finite. */
export function checkSpacing(spacingMm: Vec3, where: string): void {
  if (!spacingMm.every((s) => Number.isFinite(s) && s > 0)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `spacing ${spacingMm.join(', ')} mm must be positive`);
  }
}

/** Index box of the non-zero voxels (inclusive), or null when there are none. */
export function nonZeroBounds(mask: ArrayLike<number>, dims: Dims3): VoxelBox | null {
  const [nx, ny, nz] = dims;
  let i0 = nx, j0 = ny, k0 = nz, i1 = -1, j1 = -1, k1 = -1;
  let n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let first = -1, last = -1;
      for (let i = 0; i < nx; i++, n++) {
        if (mask[n] !== 0) {
          if (first < 0) first = i;
          last = i;
        }
      }
      if (first < 0) continue;
      if (first < i0) i0 = first;
      if (last > i1) i1 = last;
      if (j < j0) j0 = j;
      if (j > j1) j1 = j;
      if (k < k0) k0 = k;
      k1 = k;
    }
  }
  return i1 < 0 ? null : { lo: [i0, j0, k0], hi: [i1, j1, k1] };
}

/** The box grown by `pad` voxels per axis and clipped to the grid. */
export function padBox(box: VoxelBox, pad: Vec3, dims: Dims3): VoxelBox {
  return {
    lo: [Math.max(0, box.lo[0] - pad[0]), Math.max(0, box.lo[1] - pad[1]), Math.max(0, box.lo[2] - pad[2])],
    hi: [Math.min(dims[0] - 1, box.hi[0] + pad[0]), Math.min(dims[1] - 1, box.hi[1] + pad[1]), Math.min(dims[2] - 1, box.hi[2] + pad[2])],
  };
}

/** Dimensions of an index box. */
export function boxDims(box: VoxelBox): Dims3 {
  return [box.hi[0] - box.lo[0] + 1, box.hi[1] - box.lo[1] + 1, box.hi[2] - box.lo[2] + 1];
}

/** True when the box covers the whole grid. */
export function isWholeGrid(box: VoxelBox, dims: Dims3): boolean {
  return box.lo[0] === 0 && box.lo[1] === 0 && box.lo[2] === 0 && box.hi[0] === dims[0] - 1 && box.hi[1] === dims[1] - 1 && box.hi[2] === dims[2] - 1;
}

/** Copy the box of a grid into a new, smaller grid. */
export function cropToBox(a: Uint8Array, dims: Dims3, box: VoxelBox): Uint8Array {
  const [bx, by, bz] = boxDims(box);
  const out = new Uint8Array(bx * by * bz);
  let m = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const src = box.lo[0] + dims[0] * (box.lo[1] + j + dims[1] * (box.lo[2] + k));
      out.set(a.subarray(src, src + bx), m);
      m += bx;
    }
  }
  return out;
}

/** Write a cropped grid back into its box of the full grid (the rest of `out` is left as it is). */
export function pasteBox(sub: Uint8Array, box: VoxelBox, out: Uint8Array, dims: Dims3): void {
  const [bx, by, bz] = boxDims(box);
  let m = 0;
  for (let k = 0; k < bz; k++) {
    for (let j = 0; j < by; j++) {
      const dst = box.lo[0] + dims[0] * (box.lo[1] + j + dims[1] * (box.lo[2] + k));
      out.set(sub.subarray(m, m + bx), dst);
      m += bx;
    }
  }
}

/** A mask cut down to its padded bounding box (or the whole grid when that is no smaller). */
export interface CroppedMask {
  sub: Uint8Array;
  subDims: Dims3;
  box: VoxelBox;
  whole: boolean;
}

/**
 * The mask's bounding box padded by `pad` voxels per axis, and the mask cut to it; null for an
 * empty mask. Algorithms whose output is 0 farther than the pad from the mask run on `sub` only.
 */
export function cropPadded(mask: Uint8Array, dims: Dims3, pad: Vec3): CroppedMask | null {
  const bounds = nonZeroBounds(mask, dims);
  if (!bounds) return null;
  const box = padBox(bounds, pad, dims);
  const whole = isWholeGrid(box, dims);
  return { sub: whole ? mask : cropToBox(mask, dims, box), subDims: whole ? dims : boxDims(box), box, whole };
}

/** Write a result computed on a crop into `out` (zero outside the box). */
export function uncrop(result: Uint8Array, crop: CroppedMask, out: Uint8Array, dims: Dims3): Uint8Array {
  if (crop.whole) {
    if (result !== out) out.set(result);
    return out;
  }
  out.fill(0);
  pasteBox(result, crop.box, out, dims);
  return out;
}

/** Grow an index box (in place) to hold voxel (i, j, k). */
export function growBox(box: VoxelBox, i: number, j: number, k: number): void {
  if (i < box.lo[0]) box.lo[0] = i;
  if (i > box.hi[0]) box.hi[0] = i;
  if (j < box.lo[1]) box.lo[1] = j;
  if (j > box.hi[1]) box.hi[1] = j;
  if (k < box.lo[2]) box.lo[2] = k;
  if (k > box.hi[2]) box.hi[2] = k;
}
