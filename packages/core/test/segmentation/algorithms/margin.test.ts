import { describe, expect, it } from 'vitest';
import type { Dims3, Vec3 } from '../../../src/math/Vec3.ts';
import { marginMm } from '../../../src/segmentation/algorithms/margin.ts';
import { at, bruteSquaredDistance, countOn, fillBall, randomMask } from './testGrids.ts';

/** Brute-force dilation (r > 0) or erosion (r < 0) by a ball, as defined in margin.ts. */
function bruteMargin(m: Uint8Array, dims: Dims3, spacing: Vec3, r: number): Uint8Array {
  const r2 = r * r * (1 + 1e-6);
  if (r > 0) return Uint8Array.from(bruteSquaredDistance(m, dims, spacing, (v) => v !== 0), (d) => (d <= r2 ? 1 : 0));
  const d = bruteSquaredDistance(m, dims, spacing, (v) => v === 0);
  return Uint8Array.from(m, (v, n) => (v && !(d[n] <= r2) ? 1 : 0));
}

describe('marginMm', () => {
  it('grows a voxel into the digital ball: the lattice-point count, within 1% of 4/3·π·r³', () => {
    const dims: Dims3 = [31, 31, 31];
    const m = new Uint8Array(31 ** 3);
    m[at(dims, 15, 15, 15)] = 1;
    const out = marginMm(m, dims, [1, 1, 1], 10);
    // 4169 integer points lie in the ball x²+y²+z² ≤ 100 (Gauss's sphere problem, N(10)).
    expect(countOn(out)).toBe(4169);
    expect(Math.abs(4169 - (4 / 3) * Math.PI * 1000) / 4188.79).toBeLessThan(0.01);
    expect(out[at(dims, 25, 15, 15)]).toBe(1); // exactly 10 mm away: on the ball's surface
    expect(out[at(dims, 25, 16, 15)]).toBe(0);
  });

  it('grows and shrinks exactly as brute force on random anisotropic masks', () => {
    const dims: Dims3 = [14, 12, 9];
    const spacing: Vec3 = [0.6, 1, 1.8];
    for (const [p, r, seed] of [[0.05, 2.2, 1], [0.6, -1.5, 2], [0.85, -2.5, 3], [0.1, 3.7, 4], [0.3, 0, 5]] as const) {
      const m = randomMask(dims, p, seed);
      expect(Array.from(marginMm(m, dims, spacing, r))).toEqual(Array.from(bruteMargin(m, dims, spacing, r)));
    }
  });

  it('computes on the padded bounding box of a small mask with the same result as the whole grid', () => {
    const dims: Dims3 = [30, 20, 14];
    const m = new Uint8Array(30 * 20 * 14);
    fillBall(m, dims, [10, 9, 6], 3, [1, 1, 2]);
    m[at(dims, 24, 15, 11)] = 1;
    for (const r of [3, -2]) expect(Array.from(marginMm(m, dims, [1, 1, 2], r))).toEqual(Array.from(bruteMargin(m, dims, [1, 1, 2], r)));
  });

  it('does not erode from the grid edge', () => {
    const m = new Uint8Array(5 * 5 * 5).fill(1);
    m[at([5, 5, 5], 2, 2, 2)] = 0;
    const out = marginMm(m, [5, 5, 5], [1, 1, 1], -1);
    // Only the hole's 6 face neighbours (1 mm away) and the hole itself go.
    expect(countOn(out)).toBe(125 - 7);
  });

  it('shrinks a ball of 10 mm by 4 mm to about the 6 mm ball (volume within 10%)', () => {
    const dims: Dims3 = [25, 25, 25];
    const m = fillBall(new Uint8Array(25 ** 3), dims, [12, 12, 12], 10);
    const n = countOn(marginMm(m, dims, [1, 1, 1], -4));
    // The voxels 4 mm inside a digital ball of radius 10 are those within ~6 mm of the centre.
    expect(Math.abs(n - (4 / 3) * Math.PI * 216) / ((4 / 3) * Math.PI * 216)).toBeLessThan(0.1);
  });

  it('writes in place when out is the input, and empties for an empty mask', () => {
    const dims: Dims3 = [9, 9, 9];
    const m = new Uint8Array(729);
    m[at(dims, 4, 4, 4)] = 1;
    expect(marginMm(m, dims, [1, 1, 1], 1, { out: m })).toBe(m);
    expect(countOn(m)).toBe(7);
    expect(countOn(marginMm(new Uint8Array(729), dims, [1, 1, 1], 3))).toBe(0);
  });
});
