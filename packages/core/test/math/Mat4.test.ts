import { describe, expect, it } from 'vitest';
import { mat4FromColumns, mat4Invert, mat4Multiply, transformPoint, mat4FlipLpsRas } from '../../src/math/Mat4.ts';

describe('Mat4', () => {
  const m = mat4FromColumns([0.5, 0, 0], [0, 0, -2], [0, 3, 0.1], [10, -20, 30]);

  it('maps index (1,1,1) to the sum of the columns plus the origin', () => {
    expect(transformPoint(m, [1, 1, 1])).toEqual([10.5, -17, 28.1]);
  });

  it('inverts: m · m⁻¹ is the identity within 1e-12', () => {
    const id = mat4Multiply(m, mat4Invert(m));
    const expected = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    id.forEach((x, n) => expect(x).toBeCloseTo(expected[n], 12));
  });

  it('LPS↔RAS flip negates world x and y and is its own inverse', () => {
    const ras = mat4FlipLpsRas(m);
    expect(transformPoint(ras, [1, 1, 1])).toEqual([-10.5, 17, 28.1]);
    expect(Array.from(mat4FlipLpsRas(ras))).toEqual(Array.from(m));
  });

  it('refuses to invert a singular matrix', () => {
    expect(() => mat4Invert(mat4FromColumns([1, 0, 0], [2, 0, 0], [0, 0, 1], [0, 0, 0]))).toThrow(/singular/);
  });
});
