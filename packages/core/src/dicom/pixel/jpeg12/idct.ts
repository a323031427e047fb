/**
 * basis[u * 8 + x] = C(u)/2 · cos((2x + 1)uπ/16), C(0) = 1/√2, else 1: one factor of the 2-D
 * inverse DCT of ITU-T T.81 A.3.3, which separates into a pass over rows and one over columns.
 */
const BASIS = new Float64Array(64);
for (let u = 0; u < 8; u++) {
  const c = u === 0 ? Math.SQRT1_2 : 1;
  for (let x = 0; x < 8; x++) BASIS[u * 8 + x] = (c / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
}

/** Row-pass results, reused by every call (no allocation per block). */
const _rows = new Float64Array(64);
/** Which rows of the current block have a non-zero coefficient. */
const _rowUsed = new Uint8Array(8);

/**
 * Inverse DCT of one 8×8 block (ITU-T T.81 A.3.3) in double precision, then level shift by
 * 2^(P−1), rounding and clamping to 0 … 2^P − 1 (A.3.1); written to `out` at `offset`, rows
 * `stride` samples apart. `coefficients` are dequantized, in natural (not zig-zag) order.
 * Floating point, not a scaled integer approximation: the result is the exact IDCT rounded once,
 * so 12-bit data keeps its precision.
 */
export function idct8x8(coefficients: Int32Array, out: Uint16Array, offset: number, stride: number, precision: number): void {
  const shift = 1 << (precision - 1);
  const max = (1 << precision) - 1;
  // Pass 1, along each row of coefficients (horizontal frequencies u): rows[v][x] = Σu basis[u][x] F[v][u].
  for (let v = 0; v < 8; v++) {
    const r = v * 8;
    let used = 0;
    for (let u = 1; u < 8; u++) used |= coefficients[r + u];
    if (used === 0) {
      const dc = coefficients[r] * BASIS[0];
      _rowUsed[v] = dc === 0 ? 0 : 1;
      for (let x = 0; x < 8; x++) _rows[r + x] = dc;
      continue;
    }
    _rowUsed[v] = 1;
    for (let x = 0; x < 8; x++) {
      let sum = 0;
      for (let u = 0; u < 8; u++) sum += BASIS[u * 8 + x] * coefficients[r + u];
      _rows[r + x] = sum;
    }
  }
  // Pass 2, down each column (vertical frequencies v): f[y][x] = Σv basis[v][y] rows[v][x].
  for (let y = 0; y < 8; y++) {
    const o = offset + y * stride;
    for (let x = 0; x < 8; x++) {
      let sum = shift + 0.5;
      for (let v = 0; v < 8; v++) if (_rowUsed[v] !== 0) sum += BASIS[v * 8 + y] * _rows[v * 8 + x];
      // Negative sums clamp to 0, so truncation toward zero rounds correctly wherever it matters.
      const value = sum | 0;
      out[o + x] = value < 0 ? 0 : value > max ? max : value;
    }
  }
}
