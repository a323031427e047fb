import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { cobbAngleDeg } from '../../src/measure/cobbAngleDeg.ts';

const dir = (deg: number): Vec3 => [Math.cos((deg * Math.PI) / 180), 0, Math.sin((deg * Math.PI) / 180)];
const line = (from: Vec3, deg: number, len: number): [Vec3, Vec3] => [from, [from[0] + len * dir(deg)[0], from[1], from[2] + len * dir(deg)[2]]];

describe('cobbAngleDeg', () => {
  it('is the acute angle between two endplate lines, whatever their point order', () => {
    // Endplates tilted +12° and −13°: Cobb angle 25°.
    const upper = line([0, 0, 40], 12, 30), lower = line([2, 0, -40], -13, 25);
    expect(cobbAngleDeg(upper, lower)).toBeCloseTo(25, 10);
    expect(cobbAngleDeg([upper[1], upper[0]], lower)).toBeCloseTo(25, 10);
    expect(cobbAngleDeg(upper, [lower[1], lower[0]])).toBeCloseTo(25, 10);
  });

  it('folds obtuse angles between the lines to acute ones (120° → 60°), 90 at most', () => {
    expect(cobbAngleDeg(line([0, 0, 0], 0, 10), line([0, 0, 0], 120, 10))).toBeCloseTo(60, 10);
    expect(cobbAngleDeg(line([0, 0, 0], 0, 10), line([5, 0, 5], 90, 10))).toBeCloseTo(90, 10);
    expect(cobbAngleDeg(line([0, 0, 0], 30, 10), line([5, 0, 5], 30, 3))).toBeCloseTo(0, 10);
  });
});
