import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { checkGrid, checkSpacing, cropPadded, outputMask, uncrop } from './grid.ts';
import { forEachLine } from './linePasses.ts';

/** Options of `gaussianLabel`. */
export interface GaussianLabelOptions {
  /** Kernel half-width in standard deviations (default 3: 99.7% of the weight). */
  truncate?: number;
  /** Written into (and returned) instead of a new mask; may be the input mask. */
  out?: Uint8Array;
}

/** Documented defaults of `gaussianLabel`. */
export const GAUSSIAN_LABEL_DEFAULTS = { truncate: 3 };

/**
 * Gaussian smoothing of a binary mask: blur the 0/1 mask with a separable Gaussian of `sigmaMm`
 * (per axis in voxels: σ/spacing) and keep the voxels at 0.5 or more. Rounds corners and removes
 * features thinner than about σ. At the grid's edge the kernel is cut and renormalised, so a mask
 * touching the edge is not eaten from it. 0/1 output.
 */
export function gaussianLabel(mask: Uint8Array, dims: Dims3, spacingMm: Vec3, sigmaMm: number, options: GaussianLabelOptions = {}): Uint8Array {
  const n = checkGrid(mask, dims, 'gaussianLabel');
  checkSpacing(spacingMm, 'gaussianLabel');
  if (!(sigmaMm >= 0) || !Number.isFinite(sigmaMm)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'gaussianLabel' }, `sigma ${sigmaMm} mm must be ≥ 0`);
  const truncate = options.truncate ?? GAUSSIAN_LABEL_DEFAULTS.truncate;
  if (!(truncate > 0) || !Number.isFinite(truncate)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'gaussianLabel' }, `truncate ${truncate} must be > 0`);
  const sigmaVoxels = spacingMm.map((s) => sigmaMm / s);
  // Below a tenth of a voxel the kernel is a delta to float precision.
  const radius = sigmaVoxels.map((s, a) => (s < 0.1 || dims[a] === 1 ? 0 : Math.max(1, Math.ceil(truncate * s))));
  const out = outputMask(options.out, n, 'gaussianLabel');
  // Work on the bounding box padded by two radii: beyond one radius the blur is 0, and a window
  // cut by the crop's edge (rather than the grid's) then only sees zeros, so the result is exact.
  const crop = cropPadded(mask, dims, [2 * radius[0], 2 * radius[1], 2 * radius[2]]);
  if (!crop) return out.fill(0);
  const { sub, subDims } = crop;
  const blurred = new Float32Array(sub.length);
  for (let p = 0; p < sub.length; p++) blurred[p] = sub[p] !== 0 ? 1 : 0;
  const line = new Float64Array(Math.max(subDims[0], subDims[1], subDims[2]));
  for (const a of [0, 1, 2] as const) {
    const r = radius[a];
    if (r === 0) continue;
    const sigma = sigmaVoxels[a];
    const weights = new Float64Array(2 * r + 1);
    let total = 0;
    for (let t = -r; t <= r; t++) total += weights[t + r] = Math.exp(-(t * t) / (2 * sigma * sigma));
    for (let t = 0; t <= 2 * r; t++) weights[t] /= total;
    forEachLine(blurred, subDims, a, (buf, off, len) => {
      let any = false;
      for (let q = 0; q < len; q++) if ((line[q] = buf[off + q]) !== 0) any = true;
      if (!any) return;
      for (let q = 0; q < len; q++) {
        let sum = 0;
        if (q >= r && q < len - r) {
          for (let t = 0, x = q - r; t <= 2 * r; t++, x++) sum += weights[t] * line[x];
        } else {
          // The window is cut by the grid's edge: renormalise over what remains.
          const t0 = Math.max(-r, -q), t1 = Math.min(r, len - 1 - q);
          let norm = 0;
          for (let t = t0; t <= t1; t++) {
            sum += weights[t + r] * line[q + t];
            norm += weights[t + r];
          }
          sum /= norm;
        }
        buf[off + q] = sum;
      }
    });
  }
  const result = crop.whole ? out : new Uint8Array(sub.length);
  for (let p = 0; p < sub.length; p++) result[p] = blurred[p] >= 0.5 ? 1 : 0;
  uncrop(result, crop, out, dims);
  return out;
}
