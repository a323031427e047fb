import { describe, expect, it } from 'vitest';
import type { Dims3, Vec3 } from '../../../src/math/Vec3.ts';
import { kernelVoxelsForMm, medianLabel } from '../../../src/segmentation/algorithms/medianLabel.ts';
import { at, countOn, fillBox, randomMask } from './testGrids.ts';

/** Brute-force majority in the grid-clipped box; ties keep the voxel. */
function bruteMedian(m: Uint8Array, dims: Dims3, k: Vec3): Uint8Array {
  const r = k.map((x) => (x - 1) / 2);
  const out = new Uint8Array(m.length);
  for (let z = 0; z < dims[2]; z++) for (let y = 0; y < dims[1]; y++) for (let x = 0; x < dims[0]; x++) {
    let on = 0, all = 0;
    for (let c = Math.max(0, z - r[2]); c <= Math.min(dims[2] - 1, z + r[2]); c++)
      for (let b = Math.max(0, y - r[1]); b <= Math.min(dims[1] - 1, y + r[1]); b++)
        for (let a = Math.max(0, x - r[0]); a <= Math.min(dims[0] - 1, x + r[0]); a++) {
          all++;
          on += m[at(dims, a, b, c)] ? 1 : 0;
        }
    const p = at(dims, x, y, z);
    out[p] = 2 * on > all ? 1 : 2 * on < all ? 0 : m[p] ? 1 : 0;
  }
  return out;
}

describe('medianLabel', () => {
  it('removes a speck, fills a pit, and trims a box’s edges and corners (3³ majority)', () => {
    const dims: Dims3 = [16, 16, 16];
    const m = fillBox(new Uint8Array(4096), dims, [3, 3, 3], [12, 12, 12]);
    m[at(dims, 7, 7, 7)] = 0; // pit
    m[at(dims, 14, 1, 1)] = 1; // speck
    const out = medianLabel(m, dims);
    // Corner voxels see 8/27, edge voxels 12/27: they go; face voxels see 18/27 and stay.
    expect(countOn(out)).toBe(1000 - 8 - 12 * 8);
    expect(out[at(dims, 7, 7, 7)]).toBe(1);
    expect(out[at(dims, 14, 1, 1)]).toBe(0);
  });

  it('matches brute force with per-axis kernels, including at the grid edge', () => {
    const dims: Dims3 = [11, 9, 7];
    for (const [k, seed] of [[[3, 3, 3], 1], [[5, 3, 1], 2], [[1, 7, 3], 3]] as [Vec3, number][]) {
      const m = randomMask(dims, 0.5, seed);
      expect(Array.from(medianLabel(m, dims, { kernel: k }))).toEqual(Array.from(bruteMedian(m, dims, k)));
    }
  });

  it('gives the same result when the mask is small on a large grid (computed on a padded crop)', () => {
    const dims: Dims3 = [30, 24, 20];
    const m = new Uint8Array(30 * 24 * 20);
    const blob = randomMask([6, 5, 4], 0.6, 7);
    for (let k = 0; k < 4; k++) for (let j = 0; j < 5; j++) for (let i = 0; i < 6; i++) m[at(dims, 12 + i, 9 + j, 8 + k)] = blob[i + 6 * (j + 5 * k)];
    m[at(dims, 0, 0, 0)] = 1;
    m[at(dims, 1, 0, 0)] = 1; // a pair in the grid's corner: a tie at the edge keeps them
    for (const k of [[3, 3, 3], [5, 3, 1]] as Vec3[]) expect(Array.from(medianLabel(m, dims, { kernel: k }))).toEqual(Array.from(bruteMedian(m, dims, k)));
  });

  it('turns a size in mm into odd voxel counts', () => {
    expect(kernelVoxelsForMm(3, [1, 0.5, 3])).toEqual([3, 7, 1]);
    expect(() => medianLabel(new Uint8Array(8), [2, 2, 2], { kernel: 2 })).toThrow(/odd/);
  });
});
