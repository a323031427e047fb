import type { Vec3 } from '../../math/Vec3.ts';
import type { CtContext } from './ctContext.ts';

/**
 * Gaussian smoothing of the HU (separable, float32), against noise before tissues are told
 * apart by thresholds. A symmetric kernel keeps a planar edge's half-maximum where it was, so
 * thresholds at half-maxima stay unbiased. σ per axis is `sigmaMm`, but never less than half the
 * spacing (a narrower kernel leaves a voxel's own noise untouched). Returns a context whose `hu`
 * is the smoothed copy.
 */
export function smoothHu(ctx: CtContext, sigmaMm: number): CtContext {
  const [nx, ny, nz] = ctx.dims;
  const a = Float32Array.from(ctx.hu as ArrayLike<number>);
  const b = new Float32Array(ctx.n);
  const strides = [1, nx, nx * ny];
  const sigmas = ctx.spacingMm.map((s) => Math.max(sigmaMm, s / 2)) as Vec3;
  let src = a, dst = b;
  for (let axis = 0; axis < 3; axis++) {
    const len = ctx.dims[axis];
    if (len < 2) continue;
    const w = kernel(sigmas[axis] / ctx.spacingMm[axis]);
    convolveAxis(src, dst, ctx.dims, strides[axis], len, w);
    [src, dst] = [dst, src];
  }
  return { ...ctx, hu: src };
}

/**
 * How much `smoothHu` with this σ divides white noise by: σ_smoothed = σ_raw × gain (the root
 * of the sum of the squared 3D kernel weights).
 */
export function smoothingNoiseGain(spacing: Vec3, sigmaMm: number): number {
  let g = 1;
  for (let a = 0; a < 3; a++) {
    const w = kernel(Math.max(sigmaMm, spacing[a] / 2) / spacing[a]);
    let s2 = w[0] * w[0];
    for (let t = 1; t < w.length; t++) s2 += 2 * w[t] * w[t];
    g *= Math.sqrt(s2);
  }
  return g;
}

/** Normalised half-kernel w[0..r] of a Gaussian with σ in voxels, cut at 3σ. */
function kernel(sigmaVox: number): Float64Array {
  const r = Math.max(1, Math.ceil(3 * sigmaVox));
  const w = new Float64Array(r + 1);
  let sum = 0;
  for (let t = 0; t <= r; t++) {
    w[t] = Math.exp((-t * t) / (2 * sigmaVox * sigmaVox));
    sum += t === 0 ? w[t] : 2 * w[t];
  }
  for (let t = 0; t <= r; t++) w[t] /= sum;
  return w;
}

/**
 * One axis: lines of `len` voxels `stride` apart. Samples beyond the ends are clamped (the edge
 * value repeats), so the grid's borders are not darkened. Lines of the j and k axes are walked
 * as contiguous runs of lanes for cache efficiency.
 */
function convolveAxis(src: Float32Array, dst: Float32Array, dims: readonly number[], stride: number, len: number, w: Float64Array): void {
  const r = w.length - 1;
  const [nx, ny, nz] = dims;
  if (stride === 1) {
    for (let row = 0; row < ny * nz; row++) {
      const base = row * nx;
      for (let i = 0; i < nx; i++) {
        let s = w[0] * src[base + i];
        for (let t = 1; t <= r; t++) {
          const lo = i - t < 0 ? 0 : i - t, hi = i + t > nx - 1 ? nx - 1 : i + t;
          s += w[t] * (src[base + lo] + src[base + hi]);
        }
        dst[base + i] = s;
      }
    }
    return;
  }
  const lanes = stride;
  const blocks = stride === nx ? nz : 1;
  const blockSize = nx * ny;
  for (let b = 0; b < blocks; b++) {
    const base = b * blockSize;
    for (let t0 = 0; t0 < len; t0++) {
      const out = base + t0 * stride;
      for (let l = 0; l < lanes; l++) dst[out + l] = w[0] * src[out + l];
      for (let t = 1; t <= r; t++) {
        const lo = base + (t0 - t < 0 ? 0 : t0 - t) * stride, hi = base + (t0 + t > len - 1 ? len - 1 : t0 + t) * stride;
        const wt = w[t];
        for (let l = 0; l < lanes; l++) dst[out + l] += wt * (src[lo + l] + src[hi + l]);
      }
    }
  }
}
