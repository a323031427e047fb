/**
 * One symmetric-forces demons update (Thirion 1998; the ESM form of Vercauteren et al. 2009,
 * "Diffeomorphic demons"): at each grid point, with F the fixed value, W the moving value
 * already warped onto the grid (NaN where it falls outside the moving image) and J = (∇F + ∇W)/2,
 *
 *     u = (F − W) · J / (|J|² + (F − W)² / a² + damping),   a = 2 · maxStepMm
 *
 * the step that brings W(x + u) towards F(x), never longer than maxStepMm (the maximum of
 * |u| over |J| is a/2); `damping` (per mm², see registerDeformable's noiseDamping) shortens the
 * steps that weak, noise-level gradients would take. Writes u (mm, LPS) into `out` and returns
 * the mean squared difference (F − W)² over the points where W is defined.
 */
export function symmetricDemonsUpdate(
  fixed: Float32Array, fixedGradient: readonly Float32Array[], warped: Float32Array, warpedGradient: readonly Float32Array[],
  maxStepMm: number, damping: number, out: readonly Float32Array[],
): number {
  const [fx, fy, fz] = fixedGradient;
  const [wx, wy, wz] = warpedGradient;
  const [ux, uy, uz] = out;
  const invA2 = 1 / (4 * maxStepMm * maxStepMm);
  let sum = 0, count = 0;
  for (let n = 0; n < fixed.length; n++) {
    const diff = fixed[n] - warped[n];
    const jx = 0.5 * (fx[n] + wx[n]), jy = 0.5 * (fy[n] + wy[n]), jz = 0.5 * (fz[n] + wz[n]);
    const denom = jx * jx + jy * jy + jz * jz + diff * diff * invA2 + damping;
    // NaN (W outside the moving image, or beside it in the gradient) fails this test too.
    if (denom > 1e-12) {
      const s = diff / denom;
      ux[n] = s * jx; uy[n] = s * jy; uz[n] = s * jz;
    } else {
      ux[n] = uy[n] = uz[n] = 0;
    }
    if (diff === diff) {
      sum += diff * diff;
      count++;
    }
  }
  return count ? sum / count : 0;
}
