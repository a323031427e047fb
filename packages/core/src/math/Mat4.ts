import type { Vec3 } from './Vec3.ts';

/**
 * A 4×4 affine matrix, column-major like three.js and gl-matrix: element (row r, column c) is
 * `m[c * 4 + r]`. Voxa's volumes carry one as `indexToWorld` (voxel IJK → patient LPS mm).
 */
export type Mat4 = Float64Array;

export function mat4Identity(out: Mat4 = new Float64Array(16)): Mat4 {
  out.fill(0);
  out[0] = out[5] = out[10] = out[15] = 1;
  return out;
}

/** Build from the three column vectors (the images of unit steps in i, j, k) and a translation. */
export function mat4FromColumns(ci: Vec3, cj: Vec3, ck: Vec3, t: Vec3, out: Mat4 = new Float64Array(16)): Mat4 {
  out[0] = ci[0]; out[1] = ci[1]; out[2] = ci[2]; out[3] = 0;
  out[4] = cj[0]; out[5] = cj[1]; out[6] = cj[2]; out[7] = 0;
  out[8] = ck[0]; out[9] = ck[1]; out[10] = ck[2]; out[11] = 0;
  out[12] = t[0]; out[13] = t[1]; out[14] = t[2]; out[15] = 1;
  return out;
}

/** Column c (0..3) of m, as a Vec3. */
export function mat4Column(m: Mat4, c: number, out: Vec3 = [0, 0, 0]): Vec3 {
  out[0] = m[c * 4];
  out[1] = m[c * 4 + 1];
  out[2] = m[c * 4 + 2];
  return out;
}

/** out = a · b */
export function mat4Multiply(a: Mat4, b: Mat4, out: Mat4 = new Float64Array(16)): Mat4 {
  const r = out === a || out === b ? new Float64Array(16) : out;
  for (let c = 0; c < 4; c++) {
    for (let row = 0; row < 4; row++) {
      r[c * 4 + row] =
        a[row] * b[c * 4] + a[4 + row] * b[c * 4 + 1] + a[8 + row] * b[c * 4 + 2] + a[12 + row] * b[c * 4 + 3];
    }
  }
  if (r !== out) out.set(r);
  return out;
}

/** out = m⁻¹ for a general 4×4 matrix; throws on a singular matrix. */
export function mat4Invert(m: Mat4, out: Mat4 = new Float64Array(16)): Mat4 {
  const a00 = m[0], a01 = m[1], a02 = m[2], a03 = m[3];
  const a10 = m[4], a11 = m[5], a12 = m[6], a13 = m[7];
  const a20 = m[8], a21 = m[9], a22 = m[10], a23 = m[11];
  const a30 = m[12], a31 = m[13], a32 = m[14], a33 = m[15];
  const b00 = a00 * a11 - a01 * a10, b01 = a00 * a12 - a02 * a10, b02 = a00 * a13 - a03 * a10;
  const b03 = a01 * a12 - a02 * a11, b04 = a01 * a13 - a03 * a11, b05 = a02 * a13 - a03 * a12;
  const b06 = a20 * a31 - a21 * a30, b07 = a20 * a32 - a22 * a30, b08 = a20 * a33 - a23 * a30;
  const b09 = a21 * a32 - a22 * a31, b10 = a21 * a33 - a23 * a31, b11 = a22 * a33 - a23 * a32;
  const det = b00 * b11 - b01 * b10 + b02 * b09 + b03 * b08 - b04 * b07 + b05 * b06;
  if (!det || !Number.isFinite(det)) throw new Error('mat4Invert: matrix is singular');
  const d = 1 / det;
  out[0] = (a11 * b11 - a12 * b10 + a13 * b09) * d;
  out[1] = (a02 * b10 - a01 * b11 - a03 * b09) * d;
  out[2] = (a31 * b05 - a32 * b04 + a33 * b03) * d;
  out[3] = (a22 * b04 - a21 * b05 - a23 * b03) * d;
  out[4] = (a12 * b08 - a10 * b11 - a13 * b07) * d;
  out[5] = (a00 * b11 - a02 * b08 + a03 * b07) * d;
  out[6] = (a32 * b02 - a30 * b05 - a33 * b01) * d;
  out[7] = (a20 * b05 - a22 * b02 + a23 * b01) * d;
  out[8] = (a10 * b10 - a11 * b08 + a13 * b06) * d;
  out[9] = (a01 * b08 - a00 * b10 - a03 * b06) * d;
  out[10] = (a30 * b04 - a31 * b02 + a33 * b00) * d;
  out[11] = (a21 * b02 - a20 * b04 - a23 * b00) * d;
  out[12] = (a11 * b07 - a10 * b09 - a12 * b06) * d;
  out[13] = (a00 * b09 - a01 * b07 + a02 * b06) * d;
  out[14] = (a31 * b01 - a30 * b03 - a32 * b00) * d;
  out[15] = (a20 * b03 - a21 * b01 + a22 * b00) * d;
  return out;
}

/** out = m · (p, 1): transform a point. */
export function transformPoint(m: Mat4, p: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  const x = p[0], y = p[1], z = p[2];
  out[0] = m[0] * x + m[4] * y + m[8] * z + m[12];
  out[1] = m[1] * x + m[5] * y + m[9] * z + m[13];
  out[2] = m[2] * x + m[6] * y + m[10] * z + m[14];
  return out;
}

/** out = m · (v, 0): transform a direction (no translation). */
export function transformDirection(m: Mat4, v: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  const x = v[0], y = v[1], z = v[2];
  out[0] = m[0] * x + m[4] * y + m[8] * z;
  out[1] = m[1] * x + m[5] * y + m[9] * z;
  out[2] = m[2] * x + m[6] * y + m[10] * z;
  return out;
}

/** Flip x and y of a world matrix: LPS ↔ RAS (the NIfTI edge). Involutive. */
export function mat4FlipLpsRas(m: Mat4, out: Mat4 = new Float64Array(16)): Mat4 {
  out.set(m);
  for (let c = 0; c < 4; c++) {
    out[c * 4] = -m[c * 4];
    out[c * 4 + 1] = -m[c * 4 + 1];
  }
  return out;
}
