import { transformPoint, type Mat4 } from '../math/Mat4.ts';
import type { Vec3 } from '../math/Vec3.ts';
import { displacementAt, type DisplacementField } from './DisplacementField.ts';

const _d: Vec3 = [0, 0, 0];

/**
 * Where a fixed-image LPS point lies in the moving image under a deformable registration:
 * fixedToMoving · (p + d(p)) (see DisplacementField). For a lesion centre, a landmark, a contour
 * vertex carried from the baseline to the follow-up.
 */
export function warpPoint(field: DisplacementField, fixedToMoving: Mat4, pointLps: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  displacementAt(field, pointLps, _d);
  _d[0] += pointLps[0];
  _d[1] += pointLps[1];
  _d[2] += pointLps[2];
  return transformPoint(fixedToMoving, _d, out);
}
