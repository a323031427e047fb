/** Number of entries in the Gaussian quantile table (indexed by 16 random bits). */
export const GAUSSIAN_TABLE_SIZE = 65536;

let quantiles: Float64Array | undefined;

/**
 * The standard normal quantiles Φ⁻¹((i + ½)/65536), i = 0 … 65535: an exactly symmetric table
 * whose entries, picked uniformly, are a Gaussian sample truncated at ±4.3σ. Built once by
 * integrating the density (Simpson, step 1/2048 over ±8σ) and inverting the cumulative sum.
 */
export function gaussianQuantileTable(): Float64Array {
  if (quantiles) return quantiles;
  const step = 1 / 2048, lo = -8, steps = 16 * 2048;
  const pdf = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  const cdf = new Float64Array(steps + 1);
  for (let s = 0; s < steps; s++) {
    const a = lo + s * step;
    cdf[s + 1] = cdf[s] + (step / 6) * (pdf(a) + 4 * pdf(a + step / 2) + pdf(a + step));
  }
  const table = new Float64Array(GAUSSIAN_TABLE_SIZE);
  const half = GAUSSIAN_TABLE_SIZE / 2;
  let s = 0;
  for (let i = half; i < GAUSSIAN_TABLE_SIZE; i++) {
    const p = (i + 0.5) / GAUSSIAN_TABLE_SIZE;
    while (cdf[s + 1] < p) s++;
    const x = lo + (s + (p - cdf[s]) / (cdf[s + 1] - cdf[s])) * step;
    table[i] = x;
    table[GAUSSIAN_TABLE_SIZE - 1 - i] = -x;
  }
  quantiles = table;
  return table;
}

/** splitmix32 step: turns any 32-bit input into a well-mixed 32-bit output. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Add zero-mean Gaussian noise of `sigma` (rounded to whole units) to every value, in place,
 * saturating at the int16 range. The stream is xoshiro128** (Blackman & Vigna) seeded from
 * (seed, stream) by splitmix32, read in voxel order: the same seed and stream give identical
 * values on every platform. Each 32-bit draw gives two samples (two 16-bit table indices).
 */
export function addGaussianNoise(values: Int16Array, sigma: number, seed: number, stream: number): void {
  if (!(sigma > 0)) return;
  const q = gaussianQuantileTable();
  const table = new Int16Array(GAUSSIAN_TABLE_SIZE);
  for (let i = 0; i < GAUSSIAN_TABLE_SIZE; i++) table[i] = Math.round(sigma * q[i]);
  let s0 = mix32(seed ^ 0x5eed5eed), s1 = mix32(s0 ^ stream), s2 = mix32(s1 + 0x632be5ab), s3 = mix32(s2 ^ 0x1b873593);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const n = values.length;
  for (let v = 0; v < n; v += 2) {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
    values[v] = clamp16(values[v] + table[r & 0xffff]);
    if (v + 1 < n) values[v + 1] = clamp16(values[v + 1] + table[r >>> 16]);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function clamp16(x: number): number {
  return x < -32768 ? -32768 : x > 32767 ? 32767 : x;
}
