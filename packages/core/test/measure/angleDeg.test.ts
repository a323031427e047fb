import { describe, expect, it } from 'vitest';
import { angleDeg } from '../../src/measure/angleDeg.ts';

describe('angleDeg', () => {
  it('measures the angle at the vertex, 0 to 180 degrees', () => {
    expect(angleDeg([11, 0, 5], [1, 0, 5], [1, 7, 5])).toBeCloseTo(90, 12);
    // Equilateral triangle: 60° at every vertex.
    expect(angleDeg([0, 0, 0], [1, 0, 0], [0.5, Math.sqrt(3) / 2, 0])).toBeCloseTo(60, 12);
    expect(angleDeg([-2, 0, 0], [0, 0, 0], [3, 0, 0])).toBeCloseTo(180, 12);
    // 3D: (1, 1, 0) vs (0, 1, 1): cos = 1/2 → 60°.
    expect(angleDeg([1, 1, 0], [0, 0, 0], [0, 1, 1])).toBeCloseTo(60, 12);
  });

  it('stays accurate for tiny angles, where acos of the dot product would not', () => {
    // atan(1e-9) in degrees = 5.7295779513e-8.
    expect(angleDeg([1, 0, 0], [0, 0, 0], [1, 1e-9, 0])).toBeCloseTo(5.7295779513e-8, 17);
  });

  it('is NaN when an arm has zero length', () => {
    expect(angleDeg([1, 1, 1], [1, 1, 1], [2, 0, 0])).toBeNaN();
  });
});
