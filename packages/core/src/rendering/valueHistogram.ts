/** Counts of values in `bins` equal bins over [low, high] (the transfer function editor's backdrop). */
export interface ValueHistogram {
  low: number;
  high: number;
  counts: Float64Array;
  total: number;
}

/** Histogram of values over [low, high]; values outside are clamped into the end bins, NaN skipped. */
export function valueHistogram(values: ArrayLike<number>, low: number, high: number, bins = 256): ValueHistogram {
  if (!(high > low)) high = low + 1;
  const counts = new Float64Array(bins);
  const scale = bins / (high - low);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    let b = Math.floor((v - low) * scale);
    b = b < 0 ? 0 : b >= bins ? bins - 1 : b;
    counts[b]++;
    total++;
  }
  return { low, high, counts, total };
}

/**
 * The values below which fractions `lo` and `hi` of the counts lie (e.g. 0.01 and 0.995): the
 * robust range relative presets are mapped onto, immune to a few hot or dead voxels.
 */
export function histogramPercentiles(h: ValueHistogram, lo: number, hi: number): { low: number; high: number } {
  const width = (h.high - h.low) / h.counts.length;
  const at = (fraction: number) => {
    const target = fraction * h.total;
    let sum = 0;
    for (let b = 0; b < h.counts.length; b++) {
      if (sum + h.counts[b] >= target) return h.low + width * (b + (h.counts[b] > 0 ? (target - sum) / h.counts[b] : 0));
      sum += h.counts[b];
    }
    return h.high;
  };
  const low = at(lo), high = at(hi);
  return high > low ? { low, high } : { low: h.low, high: h.high };
}
