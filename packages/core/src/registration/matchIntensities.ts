/** A linear intensity map v ↦ scale · v + offset. */
export interface IntensityMap {
  scale: number;
  offset: number;
}

/** Foreground percentiles the moving image's gain and offset are fitted on: the inner ones, which blur, noise and a cut field of view hardly move. */
const MATCH_PERCENTILES = [10, 25, 50, 75, 90];

/**
 * Maps that put a same-modality pair on one scale before demons compares them value for value:
 * the fixed image's foreground 1st–99th percentiles go to [0, 1]; the moving image first takes
 * the gain and offset that best (least squares) carry its foreground deciles and quartiles onto
 * the fixed image's, so a follow-up MRI with another receiver gain meets its baseline. Foreground:
 * values above the image mean, which leaves the air out of CT and MRI alike. Linear on purpose:
 * a piecewise (histogram-matching) map follows the tails, which interpolation and lesion change
 * move, and then demons bends the anatomy to make up the difference. Not for cross-modality
 * pairs. With `match` false (calibrated units: CT in HU) the moving image takes the fixed map.
 */
export function matchIntensities(fixed: ArrayLike<number>, moving: ArrayLike<number>, match = true): { fixed: IntensityMap; moving: IntensityMap } {
  const [lo, hi] = percentiles(fixed, [1, 99]);
  const fixedMap = { scale: 1 / (hi - lo || 1), offset: -lo / (hi - lo || 1) };
  if (!match) return { fixed: fixedMap, moving: fixedMap };
  // The background level (CT air, MRI noise floor) joins the fit: a lever arm the width of the range.
  const pf = [percentiles(fixed, [2], false)[0], ...percentiles(fixed, MATCH_PERCENTILES)];
  const pm = [percentiles(moving, [2], false)[0], ...percentiles(moving, MATCH_PERCENTILES)];
  const n = pf.length;
  const mf = pf.reduce((s, x) => s + x, 0) / n, mm = pm.reduce((s, x) => s + x, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (pm[i] - mm) * (pf[i] - mf);
    sxx += (pm[i] - mm) ** 2;
  }
  // A flat moving foreground (all deciles equal) has no gain to fit: keep 1.
  const gain = sxx > 0 && sxy > 0 ? sxy / sxx : 1;
  // fixed-scale value = gain · (v − mm) + mf, then through the fixed map.
  return { fixed: fixedMap, moving: { scale: fixedMap.scale * gain, offset: fixedMap.scale * (mf - gain * mm) + fixedMap.offset } };
}

/** `values` through `map`, as float32, into `out`. */
export function applyIntensityMap(values: ArrayLike<number>, map: IntensityMap, out: Float32Array): Float32Array {
  const { scale, offset } = map;
  for (let n = 0; n < values.length; n++) out[n] = values[n] * scale + offset;
  return out;
}

/**
 * Percentiles (0–100, ascending) of the foreground (values above the mean) or of all values, from
 * a 4,096-bin histogram, interpolated within bins.
 */
function percentiles(values: ArrayLike<number>, percents: readonly number[], foreground = true): number[] {
  let sum = 0, min = Infinity, max = -Infinity;
  for (let n = 0; n < values.length; n++) {
    sum += values[n];
    if (values[n] > max) max = values[n];
    if (values[n] < min) min = values[n];
  }
  const low = foreground ? sum / values.length : min;
  const bins = 4096;
  if (!(max > low)) return percents.map(() => low);
  const counts = new Float64Array(bins);
  const scale = bins / (max - low);
  let total = 0;
  for (let n = 0; n < values.length; n++) {
    const v = values[n];
    if (foreground && !(v > low)) continue;
    counts[Math.min(bins - 1, Math.floor((v - low) * scale))]++;
    total++;
  }
  const width = (max - low) / bins;
  let b = 0, below = 0;
  return percents.map((p) => {
    const target = (p / 100) * total;
    while (b < bins - 1 && below + counts[b] < target) below += counts[b++];
    return low + width * (b + (counts[b] > 0 ? Math.min(1, (target - below) / counts[b]) : 0));
  });
}
