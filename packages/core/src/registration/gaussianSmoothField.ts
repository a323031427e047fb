import type { Dims3, Vec3 } from '../math/Vec3.ts';

/**
 * Blur each plane (a field component, an update, an image) in place with a separable Gaussian of
 * `sigmaVoxels` per axis, truncated at 3σ; edges replicate, so a uniform field stays uniform.
 * The demons regulariser: smoothing the whole field each iteration is Thirion's "diffusion-like"
 * regularisation, smoothing only the update the "fluid-like" one.
 */
export function gaussianSmoothField(planes: readonly Float32Array[], dims: Dims3, sigmaVoxels: Vec3): void {
  if (!planes.length) return;
  const [nx, ny, nz] = dims;
  const scratch = new Float32Array(planes[0].length);
  const line = new Float64Array(nx + 6 * Math.ceil(Math.max(1, sigmaVoxels[0])) + 2);
  for (const p of planes) {
    if (sigmaVoxels[0] > 0 && nx > 1) smoothRows(p, nx, gaussianKernel(sigmaVoxels[0]), line);
    // Along j and k, whole rows (i) or slices (i, j) at a time: contiguous, streaming memory.
    if (sigmaVoxels[1] > 0 && ny > 1) smoothStrided(p, scratch, nx, ny, nz, gaussianKernel(sigmaVoxels[1]));
    if (sigmaVoxels[2] > 0 && nz > 1) smoothStrided(p, scratch, nx * ny, nz, 1, gaussianKernel(sigmaVoxels[2]));
  }
}

/** Normalised weights of exp(−t²/2σ²) for t in [−r, r], r = ⌈3σ⌉. */
function gaussianKernel(sigma: number): Float64Array {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let t = -r; t <= r; t++) sum += k[t + r] = Math.exp(-(t * t) / (2 * sigma * sigma));
  for (let t = 0; t < k.length; t++) k[t] /= sum;
  return k;
}

/** Convolve along i: each row gathered with replicated edges into `line`, the result written back. */
function smoothRows(values: Float32Array, nx: number, kernel: Float64Array, line: Float64Array): void {
  const r = (kernel.length - 1) >> 1;
  const taps = kernel.length;
  for (let base = 0; base < values.length; base += nx) {
    for (let t = 0; t < nx; t++) line[r + t] = values[base + t];
    const first = line[r], last = line[r + nx - 1];
    for (let t = 0; t < r; t++) {
      line[t] = first;
      line[r + nx + t] = last;
    }
    for (let t = 0; t < nx; t++) {
      let s = 0;
      for (let q = 0; q < taps; q++) s += kernel[q] * line[t + q];
      values[base + t] = s;
    }
  }
}

/**
 * Convolve along an axis of `n` steps, each step a contiguous run of `run` values, repeated
 * `blocks` times (j: run nx, n ny, blocks nz; k: run nx·ny, n nz, blocks 1). Edges replicate.
 */
function smoothStrided(values: Float32Array, scratch: Float32Array, run: number, n: number, blocks: number, kernel: Float64Array): void {
  const r = (kernel.length - 1) >> 1;
  const taps = kernel.length;
  const from = new Int32Array(taps);
  for (let b = 0; b < blocks; b++) {
    const block = b * run * n;
    for (let t = 0; t < n; t++) {
      for (let q = 0; q < taps; q++) {
        const u = t + q - r;
        from[q] = block + (u < 0 ? 0 : u >= n ? n - 1 : u) * run;
      }
      const dst = block + t * run;
      for (let x = 0; x < run; x++) {
        let s = 0;
        for (let q = 0; q < taps; q++) s += kernel[q] * values[from[q] + x];
        scratch[dst + x] = s;
      }
    }
  }
  values.set(scratch);
}
