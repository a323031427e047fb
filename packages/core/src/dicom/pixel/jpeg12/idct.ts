/**
 * The 1-D inverse DCT of ITU-T T.81 A.3.3, f(x) = Σu C(u)/2 · cos((2x + 1)uπ/16) · F(u), split by
 * symmetry: f(x) = E(x) + O(x) and f(7 − x) = E(x) − O(x), E over even u, O over odd u.
 * ODD[u' * 4 + x] = C(u)/2 · cos((2x + 1)uπ/16) for u = 2u' + 1, x = 0…3.
 */
const ODD = new Float64Array(16);
for (let i = 0; i < 4; i++) {
  for (let x = 0; x < 4; x++) ODD[i * 4 + x] = Math.cos(((2 * x + 1) * (2 * i + 1) * Math.PI) / 16) / 2;
}
/** Even-part factors: C(0)/2 = cos(π/4)/2, and cos(π/8)/2, cos(3π/8)/2 for u = 2, 6. */
const K0 = Math.SQRT1_2 / 2;
const P = Math.cos(Math.PI / 8) / 2;
const Q = Math.cos((3 * Math.PI) / 8) / 2;

/** Row-pass results, reused by every call (no allocation per block). */
const _rows = new Float64Array(64);
/** 1-D IDCT output of the current line. */
const _line = new Float64Array(8);

/** 1-D IDCT of the 8 values at `from`, `step` apart, into {@link _line}. */
function idct8(src: ArrayLike<number>, from: number, step: number): void {
  const f0 = src[from];
  const f1 = src[from + step];
  const f2 = src[from + 2 * step];
  const f3 = src[from + 3 * step];
  const f4 = src[from + 4 * step];
  const f5 = src[from + 5 * step];
  const f6 = src[from + 6 * step];
  const f7 = src[from + 7 * step];
  // Even part: u = 0 and 4 (±K0), u = 2 and 6 (±P, ±Q).
  const t0 = K0 * (f0 + f4);
  const t1 = K0 * (f0 - f4);
  const t2 = P * f2 + Q * f6;
  const t3 = Q * f2 - P * f6;
  const e0 = t0 + t2;
  const e3 = t0 - t2;
  const e1 = t1 + t3;
  const e2 = t1 - t3;
  const o0 = ODD[0] * f1 + ODD[4] * f3 + ODD[8] * f5 + ODD[12] * f7;
  const o1 = ODD[1] * f1 + ODD[5] * f3 + ODD[9] * f5 + ODD[13] * f7;
  const o2 = ODD[2] * f1 + ODD[6] * f3 + ODD[10] * f5 + ODD[14] * f7;
  const o3 = ODD[3] * f1 + ODD[7] * f3 + ODD[11] * f5 + ODD[15] * f7;
  _line[0] = e0 + o0;
  _line[7] = e0 - o0;
  _line[1] = e1 + o1;
  _line[6] = e1 - o1;
  _line[2] = e2 + o2;
  _line[5] = e2 - o2;
  _line[3] = e3 + o3;
  _line[4] = e3 - o3;
}

/**
 * Inverse DCT of one 8×8 block (ITU-T T.81 A.3.3) in double precision, then level shift by
 * 2^(P−1), rounding and clamping to 0 … 2^P − 1 (A.3.1); written to `out` at `offset`, rows
 * `stride` samples apart. `coefficients` are dequantized, in natural (not zig-zag) order.
 * Floating point, not a scaled integer approximation: the result is the exact IDCT rounded once,
 * so 12-bit data keeps its precision.
 */
export function idct8x8(coefficients: Int32Array, out: Uint16Array, offset: number, stride: number, precision: number): void {
  const shift = (1 << (precision - 1)) + 0.5;
  const max = (1 << precision) - 1;
  // Pass 1 along each row of coefficients (horizontal frequencies); most rows of a block are zero.
  for (let v = 0; v < 8; v++) {
    const r = v * 8;
    let ac = 0;
    for (let u = 1; u < 8; u++) ac |= coefficients[r + u];
    if (ac === 0) {
      _rows.fill(coefficients[r] * K0, r, r + 8);
      continue;
    }
    idct8(coefficients, r, 1);
    for (let x = 0; x < 8; x++) _rows[r + x] = _line[x];
  }
  // Pass 2 down each column (vertical frequencies).
  for (let x = 0; x < 8; x++) {
    idct8(_rows, x, 8);
    for (let y = 0; y < 8; y++) {
      // Negative sums clamp to 0, so truncation toward zero rounds correctly wherever it matters.
      const value = (_line[y] + shift) | 0;
      out[offset + y * stride + x] = value < 0 ? 0 : value > max ? max : value;
    }
  }
}
