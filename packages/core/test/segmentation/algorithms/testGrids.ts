import type { Dims3, Vec3 } from '../../../src/math/Vec3.ts';
import { mulberry32 } from '../../util/mulberry32.ts';

/** Deterministic PRNG in [0, 1) (mulberry32). */
export const rng = mulberry32;

/** A mask with each voxel set with probability `p`. */
export function randomMask(dims: Dims3, p: number, seed: number): Uint8Array {
  const r = rng(seed);
  const m = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let n = 0; n < m.length; n++) m[n] = r() < p ? 1 : 0;
  return m;
}

/** Linear index of (i, j, k). */
export const at = (dims: Dims3, i: number, j: number, k: number): number => i + dims[0] * (j + dims[1] * k);

/** Set every voxel of the inclusive index box to `v`. */
export function fillBox(m: Uint8Array, dims: Dims3, lo: Vec3, hi: Vec3, v = 1): Uint8Array {
  for (let k = lo[2]; k <= hi[2]; k++) for (let j = lo[1]; j <= hi[1]; j++) for (let i = lo[0]; i <= hi[0]; i++) m[at(dims, i, j, k)] = v;
  return m;
}

/** Set voxels whose centre lies within `r` mm of the centre voxel (spacing in mm). */
export function fillBall(m: Uint8Array, dims: Dims3, c: Vec3, r: number, spacing: Vec3 = [1, 1, 1], v = 1): Uint8Array {
  for (let k = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++) {
        const d2 = ((i - c[0]) * spacing[0]) ** 2 + ((j - c[1]) * spacing[1]) ** 2 + ((k - c[2]) * spacing[2]) ** 2;
        if (d2 <= r * r) m[at(dims, i, j, k)] = v;
      }
    }
  }
  return m;
}

/** Count of non-zero voxels. */
export function countOn(m: ArrayLike<number>): number {
  let c = 0;
  for (let n = 0; n < m.length; n++) if (m[n] !== 0) c++;
  return c;
}

/** Brute-force squared distance (mm²) from each voxel to the nearest voxel where `pick` holds. */
export function bruteSquaredDistance(m: Uint8Array, dims: Dims3, spacing: Vec3, pick: (v: number) => boolean): Float64Array {
  const pts: number[][] = [];
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) if (pick(m[at(dims, i, j, k)])) pts.push([i, j, k]);
  const out = new Float64Array(m.length);
  for (let k = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++) {
        let best = Infinity;
        for (const [a, b, c] of pts) {
          const d = ((i - a) * spacing[0]) ** 2 + ((j - b) * spacing[1]) ** 2 + ((k - c) * spacing[2]) ** 2;
          if (d < best) best = d;
        }
        out[at(dims, i, j, k)] = best;
      }
    }
  }
  return out;
}
