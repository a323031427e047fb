import type { Vec3 } from '../math/Vec3.ts';

/** The transforms registration can solve for. */
export type TransformKind = 'rigid' | 'affine';

/**
 * A parametric transform x ↦ A·(x − c) + c + t in patient LPS mm, with a fixed centre c. Every
 * model is a function of a 3×4 "matrix + offset" M = [A | c + t], so the metric computes its
 * gradient once with respect to the 12 entries of M and each model applies the chain rule
 * (`gradientFromMatrix`): the hot loop never depends on the model.
 */
export interface TransformModel {
  readonly kind: TransformKind;
  readonly parameterCount: number;
  /** The parameters of the identity transform. */
  identity(): Float64Array;
  /**
   * Millimetres of displacement per unit of each parameter at `radiusMm` from the centre: the
   * optimizer steps in these units, so a rotation in radians and a shift in mm move alike.
   */
  scales(radiusMm: number): Float64Array;
  /** M = [A | c + t] from the parameters, row-major 3×4 into `out` (12 numbers). */
  matrix(params: Float64Array, center: Vec3, out: Float64Array): void;
  /**
   * dF/dμ from dF/dM: `gradM` holds dF/dA (row-major 3×3) then dF/d(offset) (3), where the
   * metric F sees T(x) = A·(x − c) + offset.
   */
  gradientFromMatrix(params: Float64Array, gradM: Float64Array, out: Float64Array): void;
  /** The parameters of `other`'s transform expressed in this model (rigid → affine), when it can. */
  fromAffine(matrix: Float64Array, center: Vec3): Float64Array;
}
