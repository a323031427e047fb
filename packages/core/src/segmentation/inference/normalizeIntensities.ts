import type { NormalizationStep } from './ModelManifest.ts';

/** Histogram bins for percentiles: values are exact to (max − min) / 65536. */
const PERCENTILE_BINS = 65536;

/**
 * Apply a manifest's normalisation steps, in order, to `values` in place. Masked statistics
 * ('nonzero') use the voxels that are non-zero before the step; zscore with that mask sets the
 * others to 0 (nnU-Net's `use_mask_for_norm`).
 *
 * @example normalizeIntensities(tensor, [{ op: 'minmax', range: [0, 1] }]);
 */
export function normalizeIntensities(values: Float32Array, steps: readonly NormalizationStep[]): Float32Array {
  for (const s of steps) {
    switch (s.op) {
      case 'clip': clip(values, s.min ?? -Infinity, s.max ?? Infinity); break;
      case 'percentileClip': {
        const [lo, hi] = percentiles(values, [s.lower, s.upper], s.mask === 'nonzero');
        clip(values, lo, hi);
        break;
      }
      case 'minmax': {
        const [lo, hi] = extent(values, false);
        mapLinear(values, lo, hi, s.range);
        break;
      }
      case 'zscore': zscore(values, s.mask === 'nonzero'); break;
      case 'standardize': affine(values, 1 / s.std, -s.mean / s.std); break;
      case 'window':
        clip(values, s.min, s.max);
        mapLinear(values, s.min, s.max, s.range);
        break;
    }
  }
  return values;
}

function clip(a: Float32Array, lo: number, hi: number): void {
  for (let n = 0; n < a.length; n++) {
    const v = a[n];
    if (v < lo) a[n] = lo;
    else if (v > hi) a[n] = hi;
  }
}

function affine(a: Float32Array, scale: number, offset: number): void {
  for (let n = 0; n < a.length; n++) a[n] = a[n] * scale + offset;
}

/** [lo, hi] → range; a constant image maps to range[0]. */
function mapLinear(a: Float32Array, lo: number, hi: number, range: readonly [number, number]): void {
  const scale = hi > lo ? (range[1] - range[0]) / (hi - lo) : 0;
  affine(a, scale, range[0] - lo * scale);
}

function extent(a: Float32Array, nonZero: boolean): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let n = 0; n < a.length; n++) {
    const v = a[n];
    if (nonZero && v === 0) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

function zscore(a: Float32Array, nonZero: boolean): void {
  let sum = 0, sum2 = 0, count = 0;
  for (let n = 0; n < a.length; n++) {
    const v = a[n];
    if (nonZero && v === 0) continue;
    sum += v;
    sum2 += v * v;
    count++;
  }
  const mean = count ? sum / count : 0;
  // nnU-Net adds 1e-8 to the std so a constant image does not divide by zero.
  const std = Math.sqrt(Math.max(0, (count ? sum2 / count : 0) - mean * mean)) + 1e-8;
  for (let n = 0; n < a.length; n++) {
    const v = a[n];
    a[n] = nonZero && v === 0 ? 0 : (v - mean) / std;
  }
}

/** Percentiles (0–100) by a histogram over [min, max], linear within a bin; no sorted copy of the image. */
export function percentiles(a: Float32Array, pct: readonly number[], nonZero = false): number[] {
  const [lo, hi] = extent(a, nonZero);
  if (!(hi > lo)) return pct.map(() => lo);
  const bins = new Float64Array(PERCENTILE_BINS);
  const scale = PERCENTILE_BINS / (hi - lo);
  let count = 0;
  for (let n = 0; n < a.length; n++) {
    const v = a[n];
    if (nonZero && v === 0) continue;
    bins[Math.min(PERCENTILE_BINS - 1, Math.floor((v - lo) * scale))]++;
    count++;
  }
  return pct.map((p) => {
    const want = (p / 100) * count;
    let seen = 0;
    for (let b = 0; b < PERCENTILE_BINS; b++) {
      if (seen + bins[b] >= want && bins[b] > 0) return lo + (b + (want - seen) / bins[b]) / scale;
      seen += bins[b];
    }
    return hi;
  });
}
