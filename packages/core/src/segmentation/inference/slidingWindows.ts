/**
 * Window starts along one axis, as nnU-Net places them: the fewest windows whose step is at
 * most patch·(1 − overlap), spread evenly from 0 to size − patch (the last one flush with the
 * end). A patch as large as the axis gives one window at 0.
 *
 * @example windowStarts(256, 64, 0) // [0, 64, 128, 192]
 */
export function windowStarts(size: number, patch: number, overlap: number): number[] {
  if (patch >= size) return [0];
  const maxStep = Math.max(1, patch * (1 - overlap));
  const steps = Math.ceil((size - patch) / maxStep - 1e-9) + 1;
  const step = (size - patch) / (steps - 1);
  return Array.from({ length: steps }, (_, s) => Math.round(s * step));
}

/**
 * A 1D Gaussian over a window, peak 1 at its centre, sigma = patch·sigmaFraction (nnU-Net: 1/8).
 * The 3D weight is the product of three of these. Centred at (patch − 1)/2, so it is symmetric
 * (nnU-Net centres at patch//2, half a voxel off for even sizes; immaterial to the result).
 */
export function gaussianWeights(patch: number, sigmaFraction: number): Float32Array {
  const w = new Float32Array(patch);
  const c = (patch - 1) / 2, s = patch * sigmaFraction;
  for (let x = 0; x < patch; x++) w[x] = Math.exp(-((x - c) ** 2) / (2 * s * s));
  return w;
}

/**
 * The summed weight every voxel of one axis receives from all windows. Windows form a grid and
 * the weights are products per axis, so a voxel's total weight is the product of three of these:
 * no whole-volume weight map is needed.
 */
export function axisWeightSums(size: number, starts: readonly number[], weights: Float32Array): Float64Array {
  const sum = new Float64Array(size);
  for (const s of starts) for (let x = 0; x < weights.length && s + x < size; x++) sum[s + x] += weights[x];
  return sum;
}
