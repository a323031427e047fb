import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../../src/math/Mat4.ts';
import type { Dims3, Vec3 } from '../../../src/math/Vec3.ts';
import { localThicknessMm } from '../../../src/mesh/maps/localThickness.ts';
import { at, axisGrid, ball, rasterize } from '../meshGrids.ts';
import { thrownMessage } from '../../util/thrown.ts';

/** A slab n voxels thick along k, 24 × 20 voxels wide, in a grid with one voxel of background around it. */
function slab(n: number): { labels: Uint8Array; dims: Dims3 } {
  const dims: Dims3 = [26, 22, n + 2];
  const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let k = 1; k <= n; k++) for (let j = 1; j <= 20; j++) for (let i = 1; i <= 24; i++) labels[at(dims, i, j, k)] = 3;
  return { labels, dims };
}


describe('localThicknessMm', () => {
  // Anisotropic, the slab's normal along the finest axis (k, 0.5 mm), as cartilage in sagittal MR.
  const spacing: Vec3 = [0.7, 0.8, 0.5];

  it('gives a slab n·s − s/2 (n even) or n·s + s/2 (n odd) away from its rim: exact on average over the grid phase', () => {
    const values: number[] = [];
    for (const n of [6, 7]) {
      const { labels, dims } = slab(n);
      const t = localThicknessMm(labels, dims, axisGrid(spacing), 3);
      // The largest ball spans the n inside centres plus one outside centre for odd n (balls are
      // centred on voxel centres), less the default correction of half the finest spacing.
      const expected = (n % 2 === 0 ? n : n + 1) * 0.5 - 0.25;
      let interior = 0;
      for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) {
        const p = at(dims, i, j, k);
        if (labels[p] === 0) expect(t[p]).toBe(0);
        else if (i >= 4 && i <= 21 && j >= 4 && j <= 17) {
          interior++;
          expect(t[p]).toBeCloseTo(expected, 5);
        } else {
          // The rim's corners lie in no ball as large (the edge of a box is thinner than its middle).
          expect(t[p]).toBeLessThanOrEqual(expected + 1e-5);
          expect(t[p]).toBeGreaterThan(0);
        }
      }
      expect(interior).toBe(18 * 14 * n);
      values.push(expected);
    }
    // True thicknesses 3.0 and 3.5 mm: the mean of the two is exact.
    expect((values[0] + values[1]) / 2).toBeCloseTo(3.25, 10);
  });

  it('gives most of a ball the diameter of its largest inscribed ball', () => {
    // A 10 mm ball off the lattice, 0.5 mm voxels: its largest digital inscribed ball (centred on
    // the voxel nearest the true centre, 0.24 mm off it) covers all but the surface voxels that
    // stick out of it; those lie in smaller balls only.
    const g = rasterize([28, 28, 28], axisGrid([0.5, 0.5, 0.5]), ball([6.8, 7.1, 6.9], 5));
    const t = localThicknessMm(g.labels, g.dims, g.indexToWorld, 1);
    const inside = Array.from(t).filter((_, p) => g.labels[p] === 1);
    expect(inside).toHaveLength(g.count);
    const max = Math.max(...inside);
    expect(max).toBeGreaterThan(10 - 2 * 0.5 - 0.25);
    expect(max).toBeLessThan(10);
    expect(inside.filter((v) => v === max).length / inside.length).toBeGreaterThan(0.8);
    expect(Math.min(...inside)).toBeGreaterThan(5);
  });

  it('does not depend on the grid orientation: a rotated orthogonal grid gives the same values', () => {
    const { labels, dims } = slab(5);
    const c = Math.cos(0.4), s = Math.sin(0.4);
    const rotated = mat4FromColumns([0.7 * c, 0.7 * s, 0], [-0.8 * s, 0.8 * c, 0], [0, 0, -0.5], [12, -40, 7]);
    const a = localThicknessMm(labels, dims, axisGrid(spacing), 3);
    const b = localThicknessMm(labels, dims, rotated, 3);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('returns zeros for an absent label and refuses skewed grids and bad corrections', () => {
    const { labels, dims } = slab(4);
    expect(localThicknessMm(labels, dims, axisGrid(spacing), 9).every((v) => v === 0)).toBe(true);
    const skewed = mat4FromColumns([1, 0, 0], [0.3, 1, 0], [0, 0, 1], [0, 0, 0]);
    expect(thrownMessage(() => localThicknessMm(labels, dims, skewed, 3))).toMatch(/VOXA_ERR_BAD_ARGUMENT: .*axes are not orthogonal/);
    expect(thrownMessage(() => localThicknessMm(labels, dims, axisGrid(spacing), 3, { correctionMm: -1 }))).toMatch(/correctionMm must be a finite number ≥ 0/);
    expect(thrownMessage(() => localThicknessMm(labels, dims, axisGrid(spacing), 300))).toMatch(/label value must be an integer 0…255/);
    expect(thrownMessage(() => localThicknessMm(labels.subarray(1), dims, axisGrid(spacing), 3))).toMatch(/VOXA_ERR_GRID_MISMATCH/);
  });
});
