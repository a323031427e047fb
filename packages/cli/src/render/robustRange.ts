import { histogramPercentiles, valueHistogram, valueRange, type Volume } from '@voxa/core';

/** The percentiles a relative preset (MR, PET) is mapped between, and the histogram that finds them. */
export const ROBUST_RANGE_DEFAULTS = { low: 0.01, high: 0.995, bins: 4096 };

/**
 * The volume's robust value range (its 1st and 99.5th percentiles by default), immune to a few
 * hot or dead voxels: what relative presets and projection windows are mapped onto.
 */
export function robustRange(volume: Volume, o = ROBUST_RANGE_DEFAULTS): { low: number; high: number } {
  const [min, max] = valueRange(volume);
  return histogramPercentiles(valueHistogram(volume.voxels, min, max, o.bins), o.low, o.high);
}
