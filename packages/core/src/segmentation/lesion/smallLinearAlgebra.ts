/** Solve (JᵀWJ + λ·diag(JᵀWJ)) δ = JᵀWr (Levenberg–Marquardt step) by Gaussian elimination with partial pivoting; null when singular. */
export function solveDamped(jtj: Float64Array, jtr: Float64Array, lambda: number): Float64Array | null {
  const P = jtr.length;
  const m = new Float64Array(P * (P + 1));
  for (let r = 0; r < P; r++) {
    for (let c = 0; c < P; c++) m[r * (P + 1) + c] = jtj[r * P + c] + (r === c ? lambda * (jtj[r * P + r] || 1) : 0);
    m[r * (P + 1) + P] = jtr[r];
  }
  for (let c = 0; c < P; c++) {
    let piv = c;
    for (let r = c + 1; r < P; r++) if (Math.abs(m[r * (P + 1) + c]) > Math.abs(m[piv * (P + 1) + c])) piv = r;
    if (!(Math.abs(m[piv * (P + 1) + c]) > 1e-300)) return null;
    if (piv !== c) for (let k = 0; k <= P; k++) [m[c * (P + 1) + k], m[piv * (P + 1) + k]] = [m[piv * (P + 1) + k], m[c * (P + 1) + k]];
    for (let r = c + 1; r < P; r++) {
      const f = m[r * (P + 1) + c] / m[c * (P + 1) + c];
      for (let k = c; k <= P; k++) m[r * (P + 1) + k] -= f * m[c * (P + 1) + k];
    }
  }
  const x = new Float64Array(P);
  for (let r = P - 1; r >= 0; r--) {
    let v = m[r * (P + 1) + P];
    for (let k = r + 1; k < P; k++) v -= m[r * (P + 1) + k] * x[k];
    x[r] = v / m[r * (P + 1) + r];
  }
  return x.every(Number.isFinite) ? x : null;
}

/** Inverse of a row-major 3×3 matrix; null when singular. */
export function invert3(m: Float64Array): Float64Array | null {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 1e-300)) return null;
  return new Float64Array([A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det]);
}

/** Lower-triangular L (l0; l1 l2; l3 l4 l5) with L·Lᵀ = m, or null when m is not positive definite. */
export function cholesky3(m: Float64Array): number[] | null {
  const l0 = Math.sqrt(m[0]);
  const l1 = m[3] / l0, l3 = m[6] / l0;
  const l2 = Math.sqrt(m[4] - l1 * l1);
  const l4 = (m[7] - l3 * l1) / l2;
  const l5 = Math.sqrt(m[8] - l3 * l3 - l4 * l4);
  const l = [l0, l1, l2, l3, l4, l5];
  return l.every(Number.isFinite) ? l : null;
}
