import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { affineTransformModel } from '../../src/registration/affineTransformModel.ts';
import { rigidTransformModel } from '../../src/registration/rigidTransformModel.ts';
import type { TransformModel } from '../../src/registration/TransformModel.ts';

const center: Vec3 = [10, -20, 30];

/** A linear functional of M, F(M) = Σ w·M, so dF/dM = w exactly: checks each model's chain rule. */
const weights = Float64Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));
function functional(model: TransformModel, params: Float64Array): number {
  const m = new Float64Array(12);
  model.matrix(params, center, m);
  // gradM's layout: dA row-major, then d(offset); M is row-major 3×4.
  let f = 0;
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) f += weights[r * 3 + c] * m[r * 4 + c];
    f += weights[9 + r] * m[r * 4 + 3];
  }
  return f;
}

describe.each([
  ['rigid', rigidTransformModel, new Float64Array([0.1, -0.2, 0.3, 4, -5, 6])],
  ['affine', affineTransformModel, new Float64Array([1.1, 0.05, -0.02, 0.03, 0.95, 0.01, -0.04, 0.02, 1.02, 4, -5, 6])],
] as const)('%s transform model', (_name, model, params) => {
  it('turns dF/dM into dF/dμ matching central differences', () => {
    const analytic = new Float64Array(model.parameterCount);
    model.gradientFromMatrix(params, weights, analytic);
    for (let p = 0; p < model.parameterCount; p++) {
      const h = 1e-6;
      const a = new Float64Array(params); a[p] += h;
      const b = new Float64Array(params); b[p] -= h;
      expect(analytic[p]).toBeCloseTo((functional(model, a) - functional(model, b)) / (2 * h), 5);
    }
  });

  it('recovers its parameters from its own matrix (fromAffine ∘ matrix = identity)', () => {
    const m = new Float64Array(12);
    model.matrix(params, center, m);
    const back = model.fromAffine(m, center);
    for (let p = 0; p < model.parameterCount; p++) expect(back[p]).toBeCloseTo(params[p], 12);
  });

  it('keeps the centre fixed up to the translation: T(c) = c + t', () => {
    const m = new Float64Array(12);
    model.matrix(params, center, m);
    const t = params.subarray(model.parameterCount - 3);
    for (let r = 0; r < 3; r++) expect(m[r * 4 + 3]).toBeCloseTo(center[r] + t[r], 12);
  });
});

describe('rigidTransformModel', () => {
  it('makes a proper rotation (orthonormal, determinant +1)', () => {
    const m = new Float64Array(12);
    rigidTransformModel.matrix(new Float64Array([0.4, -0.7, 1.2, 0, 0, 0]), center, m);
    const a = [0, 1, 2].map((r) => [m[r * 4], m[r * 4 + 1], m[r * 4 + 2]]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(a[0][i] * a[0][j] + a[1][i] * a[1][j] + a[2][i] * a[2][j]).toBeCloseTo(i === j ? 1 : 0, 12);
    const det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    expect(det).toBeCloseTo(1, 12);
  });

  it('rotates about z as the phantom moves: θz = 3° turns +x towards +y', () => {
    const m = new Float64Array(12);
    rigidTransformModel.matrix(new Float64Array([0, 0, (3 * Math.PI) / 180, 0, 0, 0]), [0, 0, 0], m);
    expect(m[4]).toBeCloseTo(Math.sin((3 * Math.PI) / 180), 12); // row y, column x
    expect(m[1]).toBeCloseTo(-Math.sin((3 * Math.PI) / 180), 12);
  });
});
