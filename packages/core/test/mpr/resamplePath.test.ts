import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { resamplePath } from '../../src/mpr/resamplePath.ts';
import { thrown } from '../util/thrown.ts';

describe('resamplePath', () => {
  it('places points every step along a straight line, the last at the end', () => {
    const r = resamplePath([[0, 0, 0], [10, 0, 0]], 3);
    expect(r.positions).toEqual([[0, 0, 0], [3, 0, 0], [6, 0, 0], [9, 0, 0], [10, 0, 0]]);
    expect(Array.from(r.arcLengthMm)).toEqual([0, 3, 6, 9, 10]);
    expect(r.lengthMm).toBe(10);
    for (const t of r.tangents) expect(t).toEqual([1, 0, 0]);
  });

  it('adds no extra point when the length is a multiple of the step', () => {
    const r = resamplePath([[0, 0, 0], [0, 0, 0.3]], 0.1);
    expect(r.positions.length).toBe(4);
    expect(r.positions[3][2]).toBeCloseTo(0.3, 12);
  });

  it('follows corners by arc length and uses central differences for tangents', () => {
    // L shape: 4 mm along +x, then 4 mm along +y; step 1 → 9 points, the corner is point 4.
    const r = resamplePath([[0, 0, 0], [4, 0, 0], [4, 4, 0]], 1);
    expect(r.positions.length).toBe(9);
    expect(r.positions[4]).toEqual([4, 0, 0]);
    expect(r.positions[6]).toEqual([4, 2, 0]);
    // At the corner, (p5 − p3) = (1, 1, 0): the bisector.
    expect(r.tangents[4][0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(r.tangents[4][1]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(r.tangents[0]).toEqual([1, 0, 0]);
    expect(r.tangents[8]).toEqual([0, 1, 0]);
  });

  it('skips repeated points and gives the true tangent of a finely sampled circle', () => {
    const R = 20;
    const pts: Vec3[] = [];
    for (let d = 0; d <= 180; d += 0.5) pts.push([R * Math.cos((d * Math.PI) / 180), R * Math.sin((d * Math.PI) / 180), 5]);
    pts.splice(10, 0, [...pts[10]]);
    const r = resamplePath(pts, 0.5);
    expect(r.lengthMm).toBeCloseTo(Math.PI * R, 2);
    // The second-last sample sits between unequal gaps (0.5 and 0.33 mm), so its tangent is off by ~4e-3: skipped.
    for (let m = 1; m < r.positions.length - 2; m++) {
      const [x, y] = r.positions[m];
      expect(Math.hypot(x, y)).toBeCloseTo(R, 2);
      // Circle tangent at angle θ is (−sin θ, cos θ, 0); the input chords (0.5°) leave ~2e-4 of error,
      // a one-sided difference would be off by step / 2R = 0.0125.
      const th = Math.atan2(y, x);
      expect(r.tangents[m][0]).toBeCloseTo(-Math.sin(th), 3);
      expect(r.tangents[m][1]).toBeCloseTo(Math.cos(th), 3);
    }
  });

  it('refuses fewer than 2 points, a zero length and a non-positive step', () => {
    expect(thrown(() => resamplePath([[0, 0, 0]], 1)).code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(thrown(() => resamplePath([[1, 1, 1], [1, 1, 1]], 1)).code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(thrown(() => resamplePath([[0, 0, 0], [1, 0, 0]], 0)).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });
});
