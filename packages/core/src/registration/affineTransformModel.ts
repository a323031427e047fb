import type { TransformModel } from './TransformModel.ts';
import { writeMatrix } from './rigidTransformModel.ts';

/**
 * Affine: μ = [a11 a12 a13 a21 a22 a23 a31 a32 a33, tx ty tz], T(x) = A·(x − c) + c + t: the
 * parameter layout of ITK's AffineTransform (matrix row-major, then translation; centre fixed).
 */
export const affineTransformModel: TransformModel = {
  kind: 'affine',
  parameterCount: 12,
  identity: () => new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]),
  scales: (radiusMm) => new Float64Array([radiusMm, radiusMm, radiusMm, radiusMm, radiusMm, radiusMm, radiusMm, radiusMm, radiusMm, 1, 1, 1]),
  matrix(params, center, out) {
    writeMatrix(params, params[9], params[10], params[11], center, out);
  },
  gradientFromMatrix(_params, gradM, out) {
    out.set(gradM.subarray(0, 12));
  },
  fromAffine(matrix, center) {
    return new Float64Array([
      matrix[0], matrix[1], matrix[2], matrix[4], matrix[5], matrix[6], matrix[8], matrix[9], matrix[10],
      matrix[3] - center[0], matrix[7] - center[1], matrix[11] - center[2],
    ]);
  },
};
