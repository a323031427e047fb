import { VoxaError } from '../errors/VoxaError.ts';

/** Which pixels belong to a region: a predicate on pixel (x, y), or a width·height row-major mask (non-zero = in). */
export type PixelMask = ((x: number, y: number) => boolean) | Uint8Array;

/** Statistics of the pixel values inside a region of a 2D image. */
export interface RoiStatistics {
  /** Pixels that entered the statistics: inside the mask and not NaN. */
  count: number;
  /** Pixels inside the mask, NaN or not. */
  pixels: number;
  mean: number;
  /** Sample standard deviation (n − 1 denominator); NaN when count < 2. */
  sd: number;
  min: number;
  max: number;
  /** Area of the region: pixels · pixelAreaMm2 (NaN pixels included: it is the drawn area). */
  areaMm2: number;
}

/**
 * Count, mean, sample SD, min and max of the non-NaN pixels of `image` (row-major, width·height)
 * inside `mask`, and the region's area. Mean and SD use Welford's one-pass update in float64.
 * With no counted pixel, mean, sd, min and max are NaN.
 */
export function roiStatistics(image: Float32Array, width: number, height: number, pixelAreaMm2: number, mask: PixelMask): RoiStatistics {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0 || image.length !== width * height) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `image has ${image.length} pixels, expected ${width}×${height}`);
  }
  if (mask instanceof Uint8Array && mask.length !== width * height) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `mask has ${mask.length} pixels, expected ${width}×${height}`);
  }
  const test = mask instanceof Uint8Array ? (x: number, y: number) => mask[x + width * y] !== 0 : mask;
  let count = 0, pixels = 0, mean = 0, m2 = 0, min = Infinity, max = -Infinity;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!test(x, y)) continue;
      pixels++;
      const v = image[x + width * y];
      if (Number.isNaN(v)) continue;
      count++;
      const d = v - mean;
      mean += d / count;
      m2 += d * (v - mean);
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return {
    count,
    pixels,
    mean: count ? mean : Number.NaN,
    sd: count > 1 ? Math.sqrt(m2 / (count - 1)) : Number.NaN,
    min: count ? min : Number.NaN,
    max: count ? max : Number.NaN,
    areaMm2: pixels * pixelAreaMm2,
  };
}
