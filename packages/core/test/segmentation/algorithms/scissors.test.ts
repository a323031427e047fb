import { describe, expect, it } from 'vitest';
import { mat4FromColumns, mat4Identity, transformPoint } from '../../../src/math/Mat4.ts';
import type { Dims3, Point3, Vec3 } from '../../../src/math/Vec3.ts';
import { scissors } from '../../../src/segmentation/algorithms/scissors.ts';
import { at, countOn } from './testGrids.ts';

const dims: Dims3 = [20, 20, 20];
/** A square x, y ∈ [4.5, 9.5] at z = 10 (LPS = index on the identity grid): 5 × 5 voxel centres. */
const square: Point3[] = [[4.5, 4.5, 10], [9.5, 4.5, 10], [9.5, 9.5, 10], [4.5, 9.5, 10]];

describe('scissors', () => {
  it('fills the prism of a polygon through the whole volume', () => {
    const m = new Uint8Array(8000);
    const r = scissors(m, dims, mat4Identity(), square, [0, 0, 1], 'fill-inside', { value: 4 });
    expect(countOn(m)).toBe(5 * 5 * 20);
    expect(m[at(dims, 5, 5, 0)]).toBe(4);
    expect(r).toEqual({ changed: 500, box: { lo: [5, 5, 0], hi: [9, 9, 19] } });
  });

  it('limits the cut to a slab measured from the polygon plane along the direction', () => {
    const m = new Uint8Array(8000).fill(1);
    const r = scissors(m, dims, mat4Identity(), square, [0, 0, -2], 'erase-inside', { slabMm: [0, 5] });
    // Along −z from z = 10: slices 10 down to 5.
    expect(r.changed).toBe(5 * 5 * 6);
    expect(m[at(dims, 6, 6, 5)]).toBe(0);
    expect(m[at(dims, 6, 6, 4)]).toBe(1);
    expect(m[at(dims, 6, 6, 11)]).toBe(1);
  });

  it('erases everything outside the prism', () => {
    const m = new Uint8Array(8000).fill(1);
    scissors(m, dims, mat4Identity(), square, [0, 0, 1], 'erase-outside');
    expect(countOn(m)).toBe(500);
    const slab = new Uint8Array(8000).fill(1);
    scissors(slab, dims, mat4Identity(), square, [0, 0, 1], 'erase-outside', { slabMm: [-1, 1] });
    expect(countOn(slab)).toBe(75);
  });

  it('cuts along rows that run parallel to the direction', () => {
    // Direction along i: each row projects to one point of the polygon's plane.
    const tri: Point3[] = [[3, 2.5, 2.5], [3, 12.7, 2.5], [3, 2.5, 12.7]];
    const m = new Uint8Array(8000);
    scissors(m, dims, mat4Identity(), tri, [1, 0, 0], 'fill-inside');
    // Centres (j, k) inside the triangle: j, k ≥ 3 and j + k < 15.2, i.e. 10 + 9 + … + 1 = 55, in each of 20 rows.
    expect(countOn(m)).toBe(55 * 20);
    expect(m[at(dims, 0, 3, 12)]).toBe(1);
    expect(m[at(dims, 19, 3, 13)]).toBe(0);
  });

  it('matches an even-odd point-in-polygon test of every projected centre on an oblique grid', () => {
    const d: Dims3 = [30, 25, 15];
    const m = mat4FromColumns([0.9, 0.2, 0], [-0.15, 0.8, 0.3], [0.1, -0.4, 2], [-10, -5, 3]);
    const dir: Vec3 = [0.2, -0.3, 1];
    // A concave, self-touching-free star in a plane across dir, through an LPS point inside the grid.
    const o = transformPoint(m, [15.2, 12.4, 7.3]);
    const l = Math.hypot(...dir);
    const n: Vec3 = [dir[0] / l, dir[1] / l, dir[2] / l];
    const e1 = normalise([n[2], 0, -n[0]]);
    const e2: Vec3 = [n[1] * e1[2] - n[2] * e1[1], n[2] * e1[0] - n[0] * e1[2], n[0] * e1[1] - n[1] * e1[0]];
    const pts2: [number, number][] = [];
    for (let s = 0; s < 10; s++) {
      const a = (s * Math.PI) / 5, r = s % 2 ? 4.3 : 10.7;
      pts2.push([r * Math.cos(a), r * Math.sin(a)]);
    }
    const poly: Point3[] = pts2.map(([x, y]) => [o[0] + x * e1[0] + y * e2[0], o[1] + x * e1[1] + y * e2[1], o[2] + x * e1[2] + y * e2[2]]);
    const mask = new Uint8Array(d[0] * d[1] * d[2]);
    scissors(mask, d, m, poly, dir, 'fill-inside', { slabMm: [-6, 8] });
    let mismatches = 0, inside = 0;
    for (let k = 0; k < d[2]; k++) for (let j = 0; j < d[1]; j++) for (let i = 0; i < d[0]; i++) {
      const p = transformPoint(m, [i, j, k]);
      const q: Vec3 = [p[0] - o[0], p[1] - o[1], p[2] - o[2]];
      const x = q[0] * e1[0] + q[1] * e1[1] + q[2] * e1[2], y = q[0] * e2[0] + q[1] * e2[1] + q[2] * e2[2];
      const h = q[0] * n[0] + q[1] * n[1] + q[2] * n[2];
      let c = false;
      for (let a = 0, b = pts2.length - 1; a < pts2.length; b = a++) {
        const [xa, ya] = pts2[a], [xb, yb] = pts2[b];
        if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) c = !c;
      }
      const want = c && h >= -6 && h <= 8 ? 1 : 0;
      inside += want;
      if (mask[at(d, i, j, k)] !== want) mismatches++;
    }
    expect(inside).toBeGreaterThan(500);
    expect(mismatches).toBe(0);
  });

  it('rejects a degenerate polygon or direction', () => {
    const m = new Uint8Array(8000);
    expect(() => scissors(m, dims, mat4Identity(), square.slice(0, 2), [0, 0, 1], 'fill-inside')).toThrow(/at least 3/);
    expect(() => scissors(m, dims, mat4Identity(), square, [0, 0, 0], 'fill-inside')).toThrow(/direction/);
  });
});

function normalise(a: Vec3): Vec3 {
  const l = Math.hypot(...a);
  return [a[0] / l, a[1] / l, a[2] / l];
}
