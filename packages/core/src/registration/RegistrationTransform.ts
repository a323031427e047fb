import { mat4Identity, type Mat4 } from '../math/Mat4.ts';
import type { Vec3 } from '../math/Vec3.ts';
import type { TransformKind } from './TransformModel.ts';

/**
 * A registration's answer: the map from fixed-image LPS mm to moving-image LPS mm, ITK's
 * direction (resampling the moving image onto the fixed grid looks each fixed voxel up through
 * it). `parameters` and `centerMm` are those of the model (see rigidTransformModel /
 * affineTransformModel), kept for the ITK .tfm form.
 */
export interface RegistrationTransform {
  kind: TransformKind;
  /** Fixed LPS → moving LPS, column-major 4×4. */
  fixedToMoving: Mat4;
  centerMm: Vec3;
  parameters: number[];
}

/**
 * The column-major 4×4 of x ↦ A·(x − c) + offset, from the row-major 3×4 [A | offset] that the
 * metric and the models work with (offset = T(c)).
 */
export function mat4FromCentered(m: ArrayLike<number>, centerMm: Vec3, out: Mat4 = mat4Identity()): Mat4 {
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) out[c * 4 + r] = m[r * 4 + c];
    out[12 + r] = m[r * 4 + 3] - (m[r * 4] * centerMm[0] + m[r * 4 + 1] * centerMm[1] + m[r * 4 + 2] * centerMm[2]);
  }
  out[3] = out[7] = out[11] = 0;
  out[15] = 1;
  return out;
}

/** The row-major 3×4 [A | T(c)] of a column-major 4×4 affine T (last row 0 0 0 1). */
export function centeredFromMat4(m: Mat4, centerMm: Vec3, out = new Float64Array(12)): Float64Array {
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) out[r * 4 + c] = m[c * 4 + r];
    out[r * 4 + 3] = m[r] * centerMm[0] + m[4 + r] * centerMm[1] + m[8 + r] * centerMm[2] + m[12 + r];
  }
  return out;
}
