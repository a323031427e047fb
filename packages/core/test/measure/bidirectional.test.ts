import { describe, expect, it } from 'vitest';
import { type Vec3, cross, normalize } from '../../src/math/Vec3.ts';
import { bidirectional, bidirectionalFromPoints } from '../../src/measure/bidirectional.ts';
import { thrown } from '../util/thrown.ts';

/** Points a·e1 + b·e2 + c in an oblique plane. */
function inPlane(c: Vec3): (a: number, b: number) => Vec3 {
  const e1 = normalize([2, 1, -1]), e2 = normalize(cross(e1, [0, 1, 0]));
  return (a, b) => [c[0] + a * e1[0] + b * e2[0], c[1] + a * e1[1] + b * e2[1], c[2] + a * e1[2] + b * e2[2]];
}

describe('bidirectional', () => {
  it('gives both lengths and the angle between the axes', () => {
    const r = bidirectional([0, 0, 0], [30, 0, 0], [15, -8, 0], [15, 8, 0]);
    expect(r).toEqual({ longMm: 30, shortMm: 16, perpendicularityDeg: 90 });
    // Short axis tilted by 10° from perpendicular.
    const t = (80 * Math.PI) / 180;
    const tilted = bidirectional([0, 0, 0], [30, 0, 0], [15, 0, 0], [15 + 10 * Math.cos(t), 10 * Math.sin(t), 0]);
    expect(tilted.shortMm).toBeCloseTo(10, 12);
    expect(tilted.perpendicularityDeg).toBeCloseTo(80, 10);
  });
});

describe('bidirectionalFromPoints', () => {
  it('finds 2a and 2b for an ellipse contour in an oblique plane', () => {
    const at = inPlane([10, -20, 35]);
    const contour: Vec3[] = [];
    for (let k = 0; k < 720; k++) contour.push(at(15 * Math.cos((k * Math.PI) / 360), 8 * Math.sin((k * Math.PI) / 360)));
    const r = bidirectionalFromPoints(contour);
    expect(r.longMm).toBeCloseTo(30, 10);
    expect(r.shortMm).toBeCloseTo(16, 10);
    expect(r.perpendicularityDeg).toBeCloseTo(90, 8);
  });

  it('finds the longest perpendicular chord of a rectangle: 6 / cos of the diagonal angle', () => {
    // 20 × 6 rectangle: long axis = diagonal √436; short chords perpendicular to it cross the long
    // sides, each 6·√436/20 long.
    const at = inPlane([0, 0, 0]);
    const r = bidirectionalFromPoints([at(0, 0), at(20, 0), at(20, 6), at(0, 6)]);
    expect(r.longMm).toBeCloseTo(Math.sqrt(436), 10);
    expect(r.shortMm).toBeCloseTo((6 * Math.sqrt(436)) / 20, 10);
  });

  it('keeps the short axis inside a non-convex (U-shaped) contour', () => {
    // U: outer 20 wide × 10 tall, a 12 × 8 notch from the top. Long axis: the diagonal (0,0)–(20,10).
    // A perpendicular chord crossing the notch would be split; the longest inside piece stays in one arm or the base.
    const at = inPlane([0, 0, 0]);
    const u = [[0, 0], [20, 0], [20, 10], [16, 10], [16, 2], [4, 2], [4, 10], [0, 10]].map(([a, b]) => at(a, b));
    const r = bidirectionalFromPoints(u);
    expect(r.longMm).toBeCloseTo(Math.sqrt(500), 10);
    // Perpendicular chords run along (−1, 2). One from (a, 0) stays inside only while x ∈ [0, 4] above
    // y = 2, i.e. a − 1 ≤ 4, and reaches the top (y = 10, x = a − 5 ≥ 0) only for a = 5: the chord
    // (5, 0)–(4, 2)–(0, 10) grazing the notch corner, √125 long. Any chord across the notch is split.
    expect(r.shortMm).toBeCloseTo(Math.sqrt(125), 9);
    // Its ends (either order; the mirrored chord if the other diagonal was taken as long axis).
    const ends = [r.shortA, r.shortB];
    const near = (p: Vec3, q: Vec3) => Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]) < 1e-9;
    const matches = (a: Vec3, b: Vec3) => (near(ends[0], a) && near(ends[1], b)) || (near(ends[0], b) && near(ends[1], a));
    expect(matches(at(5, 0), at(0, 10)) || matches(at(15, 0), at(20, 10))).toBe(true);
  });

  it('refuses contours with fewer than 3 points or no area', () => {
    expect(thrown(() => bidirectionalFromPoints([[0, 0, 0], [1, 0, 0]])).code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(thrown(() => bidirectionalFromPoints([[0, 0, 0], [1, 0, 0], [2, 0, 0]])).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });
});
