import type { Vec3 } from '../math/Vec3.ts';
import type { TransformModel } from './TransformModel.ts';

/**
 * Rigid: μ = [θx, θy, θz (radians), tx, ty, tz (mm)], A = Rz(θz)·Ry(θy)·Rx(θx) (rotations about
 * the LPS axes through the centre), the layout of ITK's Euler3DTransform with ComputeZYX.
 */
export const rigidTransformModel: TransformModel = {
  kind: 'rigid',
  parameterCount: 6,
  identity: () => new Float64Array(6),
  scales: (radiusMm) => new Float64Array([radiusMm, radiusMm, radiusMm, 1, 1, 1]),
  matrix(params, center, out) {
    rotation(params, _r);
    writeMatrix(_r, params[3], params[4], params[5], center, out);
  },
  gradientFromMatrix(params, gradM, out) {
    rotationDerivatives(params, _dr);
    for (let p = 0; p < 3; p++) {
      let s = 0;
      for (let e = 0; e < 9; e++) s += _dr[p * 9 + e] * gradM[e];
      out[p] = s;
    }
    out[3] = gradM[9]; out[4] = gradM[10]; out[5] = gradM[11];
  },
  fromAffine(matrix, center) {
    // Euler angles of R = Rz·Ry·Rx: R[2][0] = −sin θy, R[2][1] = cos θy sin θx, R[1][0] = sin θz cos θy.
    const θy = Math.asin(Math.max(-1, Math.min(1, -matrix[8])));
    const θx = Math.atan2(matrix[9], matrix[10]);
    const θz = Math.atan2(matrix[4], matrix[0]);
    const params = new Float64Array([θx, θy, θz, 0, 0, 0]);
    rotation(params, _r);
    for (let i = 0; i < 3; i++) params[3 + i] = matrix[i * 4 + 3] - center[i];
    return params;
  },
};

const _r = new Float64Array(9);
const _dr = new Float64Array(27);

/** R = Rz·Ry·Rx, row-major 3×3. */
function rotation(params: Float64Array, out: Float64Array): void {
  const cx = Math.cos(params[0]), sx = Math.sin(params[0]);
  const cy = Math.cos(params[1]), sy = Math.sin(params[1]);
  const cz = Math.cos(params[2]), sz = Math.sin(params[2]);
  out[0] = cz * cy; out[1] = cz * sy * sx - sz * cx; out[2] = cz * sy * cx + sz * sx;
  out[3] = sz * cy; out[4] = sz * sy * sx + cz * cx; out[5] = sz * sy * cx - cz * sx;
  out[6] = -sy; out[7] = cy * sx; out[8] = cy * cx;
}

/** ∂R/∂θx, ∂R/∂θy, ∂R/∂θz, each row-major 3×3, one after the other. */
function rotationDerivatives(params: Float64Array, out: Float64Array): void {
  const cx = Math.cos(params[0]), sx = Math.sin(params[0]);
  const cy = Math.cos(params[1]), sy = Math.sin(params[1]);
  const cz = Math.cos(params[2]), sz = Math.sin(params[2]);
  // ∂/∂θx
  out.set([0, cz * sy * cx + sz * sx, -cz * sy * sx + sz * cx, 0, sz * sy * cx - cz * sx, -sz * sy * sx - cz * cx, 0, cy * cx, -cy * sx], 0);
  // ∂/∂θy
  out.set([-cz * sy, cz * cy * sx, cz * cy * cx, -sz * sy, sz * cy * sx, sz * cy * cx, -cy, -sy * sx, -sy * cx], 9);
  // ∂/∂θz
  out.set([-sz * cy, -sz * sy * sx - cz * cx, -sz * sy * cx + cz * sx, cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx, 0, 0, 0], 18);
}

/** M = [A | c + t] row-major 3×4 from a row-major 3×3 A. */
export function writeMatrix(a: ArrayLike<number>, tx: number, ty: number, tz: number, center: Vec3, out: Float64Array): void {
  out[0] = a[0]; out[1] = a[1]; out[2] = a[2]; out[3] = center[0] + tx;
  out[4] = a[3]; out[5] = a[4]; out[6] = a[5]; out[7] = center[1] + ty;
  out[8] = a[6]; out[9] = a[7]; out[10] = a[8]; out[11] = center[2] + tz;
}
