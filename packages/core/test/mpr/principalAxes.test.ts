import { describe, expect, it } from 'vitest';
import { type Vec3, dot, normalize, cross } from '../../src/math/Vec3.ts';
import { principalAxes } from '../../src/mpr/principalAxes.ts';

describe('principalAxes', () => {
  it('finds the axes and variances of an ellipse in an oblique plane', () => {
    // Ellipse with semi-axes 10 and 3 along e1, e2; uniformly spaced angles: variances a²/2 = 50 and 4.5.
    const e1 = normalize([1, 2, 2]), e2 = normalize(cross(e1, [0, 0, 1])), n = cross(e1, e2);
    const c: Vec3 = [5, -7, 11];
    const pts: Vec3[] = [];
    for (let k = 0; k < 360; k++) {
      const t = (k * Math.PI) / 180, a = 10 * Math.cos(t), b = 3 * Math.sin(t);
      pts.push([c[0] + a * e1[0] + b * e2[0], c[1] + a * e1[1] + b * e2[1], c[2] + a * e1[2] + b * e2[2]]);
    }
    const p = principalAxes(pts);
    for (let k = 0; k < 3; k++) expect(p.centroidLps[k]).toBeCloseTo(c[k], 10);
    expect(p.variances[0]).toBeCloseTo(50, 8);
    expect(p.variances[1]).toBeCloseTo(4.5, 8);
    expect(p.variances[2]).toBeCloseTo(0, 8);
    expect(Math.abs(dot(p.axes[0], e1))).toBeCloseTo(1, 10);
    expect(Math.abs(dot(p.axes[1], e2))).toBeCloseTo(1, 10);
    expect(Math.abs(dot(p.axes[2], n))).toBeCloseTo(1, 10);
  });
});
