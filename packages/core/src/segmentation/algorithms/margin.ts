import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { squaredDistanceMm2 } from './distanceTransform.ts';
import { checkGrid, checkSpacing, cropPadded, outputMask, uncrop } from './grid.ts';

/** Options of `marginMm`. */
export interface MarginOptions {
  /** Written into (and returned) instead of a new mask; may be the input mask. */
  out?: Uint8Array;
}

/**
 * Relative tolerance on the ball radius, so that voxel centres exactly on the ball's surface
 * (a 2 mm ball on a 1 mm grid reaches (2,0,0)) count as inside despite float32 rounding.
 */
export const MARGIN_RADIUS_TOLERANCE = 1e-6;

/**
 * Grow (margin > 0: dilation by a ball of that radius in mm) or shrink (margin < 0: erosion) a
 * mask. A voxel joins the grown mask when a mask voxel centre lies within the radius; it stays in
 * the shrunk mask when no background voxel centre does. Outside the grid is neither: a mask that
 * touches the grid's edge is not eroded from it. Exact (Euclidean distance transform), computed on
 * the mask's bounding box padded by the margin, so small masks on large grids are cheap. 0/1 output.
 */
export function marginMm(mask: Uint8Array, dims: Dims3, spacingMm: Vec3, marginMm: number, options: MarginOptions = {}): Uint8Array {
  const n = checkGrid(mask, dims, 'marginMm');
  checkSpacing(spacingMm, 'marginMm');
  if (!Number.isFinite(marginMm)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'marginMm' }, `margin ${marginMm} mm must be finite`);
  const out = outputMask(options.out, n, 'marginMm');
  const r2 = marginMm * marginMm * (1 + MARGIN_RADIUS_TOLERANCE);
  // Growing reaches at most the radius beyond the bounds; shrinking needs one voxel of the
  // background around the bounds (the nearest background voxel can always be clamped into it).
  const pad: Vec3 = marginMm > 0
    ? [Math.ceil(marginMm / spacingMm[0]), Math.ceil(marginMm / spacingMm[1]), Math.ceil(marginMm / spacingMm[2])]
    : [1, 1, 1];
  const crop = cropPadded(mask, dims, pad);
  if (!crop) return out.fill(0);
  const { sub, subDims } = crop;
  const result = crop.whole ? out : new Uint8Array(sub.length);
  if (marginMm > 0) {
    const d2 = squaredDistanceMm2(sub, subDims, spacingMm, 1);
    for (let p = 0; p < d2.length; p++) result[p] = d2[p] <= r2 ? 1 : 0;
  } else {
    const d2 = squaredDistanceMm2(sub, subDims, spacingMm, 0);
    for (let p = 0; p < d2.length; p++) result[p] = sub[p] !== 0 && !(d2[p] <= r2) ? 1 : 0;
  }
  uncrop(result, crop, out, dims);
  return out;
}
