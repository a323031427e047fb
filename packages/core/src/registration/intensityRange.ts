/**
 * The [lo, hi] percentiles of the values (strided to at most ~200k reads): the histogram range
 * of the metric, robust to a few extreme voxels that would squeeze the rest into one bin.
 */
export function intensityRange(values: ArrayLike<number>, loPercent = 0.1, hiPercent = 99.9): [number, number] {
  const stride = Math.max(1, Math.floor(values.length / 200_000));
  const picked = new Float32Array(Math.ceil(values.length / stride));
  let n = 0;
  for (let i = 0; i < values.length; i += stride) picked[n++] = values[i];
  const sorted = picked.subarray(0, n).sort();
  const at = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.round((p / 100) * (n - 1))))];
  const lo = at(loPercent), hi = at(hiPercent);
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}
