import { histogramPercentiles, valueHistogram } from '../rendering/valueHistogram.ts';

/**
 * The [lo, hi] percentiles of the values (by core's value histogram, 4,096 bins over the full
 * range): the histogram range of the metric, robust to a few extreme voxels that would squeeze
 * the rest into one bin.
 */
export function intensityRange(values: ArrayLike<number>, loPercent = 0.1, hiPercent = 99.9): [number, number] {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) return [min, min + 1];
  const { low, high } = histogramPercentiles(valueHistogram(values, min, max, 4096), loPercent / 100, hiPercent / 100);
  return high > low ? [low, high] : [low, low + 1];
}
