import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { IndexQueue } from '../algorithms/IndexQueue.ts';

/**
 * Noise of a CT region (σ in HU), from differences of neighbouring voxels along rows: in
 * uniform tissue Var(a − b) = 2σ², and the median absolute difference ignores the few pairs
 * across an edge (σ = 1.4826·MAD / √2).
 */
export function noiseSigmaHu(hu: Float32Array, dims: Dims3): number {
  const [nx] = dims;
  const d: number[] = [];
  for (let p = 0; p + 1 < hu.length; p += 2) if ((p + 1) % nx !== 0) d.push(Math.abs(hu[p + 1] - hu[p]));
  if (!d.length) return 0;
  d.sort((a, b) => a - b);
  return (1.4826 * d[d.length >> 1]) / Math.SQRT2;
}

/** Median of `values` at the voxels of `mask` (NaN when empty). */
export function maskedMedian(values: Float32Array, mask: Uint8Array): number {
  const v: number[] = [];
  for (let p = 0; p < mask.length; p++) if (mask[p]) v.push(values[p]);
  if (!v.length) return NaN;
  v.sort((a, b) => a - b);
  return v[v.length >> 1];
}

/** 0/1 mask of the voxels whose centre lies within radiusMm of the point (crop index coordinates). */
export function ballMask(dims: Dims3, spacingMm: Vec3, centreIjk: Vec3, radiusMm: number): Uint8Array {
  const [nx, ny, nz] = dims;
  const out = new Uint8Array(nx * ny * nz);
  const r2 = radiusMm * radiusMm;
  for (let k = 0, p = 0; k < nz; k++) {
    const dz = (k - centreIjk[2]) * spacingMm[2];
    for (let j = 0; j < ny; j++) {
      const dy = (j - centreIjk[1]) * spacingMm[1];
      for (let i = 0; i < nx; i++, p++) {
        const dx = (i - centreIjk[0]) * spacingMm[0];
        out[p] = dx * dx + dy * dy + dz * dz <= r2 ? 1 : 0;
      }
    }
  }
  return out;
}

/**
 * Region growing from the seed through face neighbours inside `allowed` whose value lies on the
 * lesion's side of `thresholdHu` (sign +1: at or above it, −1: below it).
 */
export function growFromSeed(values: Float32Array, dims: Dims3, seed: number, thresholdHu: number, sign: 1 | -1, allowed: Uint8Array): Uint8Array {
  const [nx, ny, nz] = dims;
  const nxy = nx * ny;
  const out = new Uint8Array(values.length);
  const ok = (q: number) => allowed[q] !== 0 && sign * (values[q] - thresholdHu) >= 0;
  if (!ok(seed)) return out;
  const queue = new IndexQueue();
  out[seed] = 1;
  queue.push(seed);
  while (queue.size > 0) {
    const p = queue.shift();
    const i = p % nx, j = ((p - i) / nx) % ny, k = (p - i - nx * j) / nxy;
    if (i > 0 && !out[p - 1] && ok(p - 1)) { out[p - 1] = 1; queue.push(p - 1); }
    if (i < nx - 1 && !out[p + 1] && ok(p + 1)) { out[p + 1] = 1; queue.push(p + 1); }
    if (j > 0 && !out[p - nx] && ok(p - nx)) { out[p - nx] = 1; queue.push(p - nx); }
    if (j < ny - 1 && !out[p + nx] && ok(p + nx)) { out[p + nx] = 1; queue.push(p + nx); }
    if (k > 0 && !out[p - nxy] && ok(p - nxy)) { out[p - nxy] = 1; queue.push(p - nxy); }
    if (k < nz - 1 && !out[p + nxy] && ok(p + nxy)) { out[p + nxy] = 1; queue.push(p + nxy); }
  }
  return out;
}
