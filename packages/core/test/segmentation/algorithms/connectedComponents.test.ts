import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { connectedComponents } from '../../../src/segmentation/algorithms/connectedComponents.ts';
import { at, fillBox, randomMask } from './testGrids.ts';

/** Reference labelling by naive union-find over every neighbour pair of the connectivity. */
function referencePartition(m: Uint8Array, dims: Dims3, conn: number): Int32Array {
  const parent = Int32Array.from({ length: m.length }, (_, n) => n);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) {
    const p = at(dims, i, j, k);
    if (!m[p]) continue;
    for (let c = -1; c <= 1; c++) for (let b = -1; b <= 1; b++) for (let a = -1; a <= 1; a++) {
      const order = Math.abs(a) + Math.abs(b) + Math.abs(c);
      if (order === 0 || (conn === 6 && order > 1) || (conn === 18 && order > 2)) continue;
      const ii = i + a, jj = j + b, kk = k + c;
      if (ii < 0 || jj < 0 || kk < 0 || ii >= dims[0] || jj >= dims[1] || kk >= dims[2]) continue;
      const q = at(dims, ii, jj, kk);
      if (m[q]) parent[find(p)] = find(q);
    }
  }
  return Int32Array.from({ length: m.length }, (_, n) => (m[n] ? find(n) + 1 : 0));
}

describe('connectedComponents', () => {
  it('labels two separate boxes in scan order with their exact sizes', () => {
    const dims: Dims3 = [10, 8, 6];
    const m = new Uint8Array(480);
    fillBox(m, dims, [0, 0, 0], [2, 2, 2]); // 27 voxels, first in scan order
    fillBox(m, dims, [5, 4, 2], [8, 7, 5]); // 4·4·4 = 64 voxels
    const c = connectedComponents(m, dims);
    expect(c.count).toBe(2);
    expect(Array.from(c.sizes)).toEqual([0, 27, 64]);
    expect(c.labels[at(dims, 1, 1, 1)]).toBe(1);
    expect(c.labels[at(dims, 8, 7, 5)]).toBe(2);
    expect(c.labels[at(dims, 4, 4, 4)]).toBe(0);
  });

  it('joins voxels through faces at 6, edges at 18 and corners at 26', () => {
    const dims: Dims3 = [3, 3, 3];
    const edge = new Uint8Array(27);
    edge[at(dims, 0, 0, 0)] = edge[at(dims, 1, 1, 0)] = 1;
    const corner = new Uint8Array(27);
    corner[at(dims, 0, 0, 0)] = corner[at(dims, 1, 1, 1)] = 1;
    expect([6, 18, 26].map((c) => connectedComponents(edge, dims, { connectivity: c as 6 | 18 | 26 }).count)).toEqual([2, 1, 1]);
    expect([6, 18, 26].map((c) => connectedComponents(corner, dims, { connectivity: c as 6 | 18 | 26 }).count)).toEqual([2, 2, 1]);
  });

  it('matches a brute-force union-find on random grids for every connectivity', () => {
    const dims: Dims3 = [13, 11, 7];
    for (const conn of [6, 18, 26] as const) {
      for (const p of [0.2, 0.35, 0.5]) {
        const m = randomMask(dims, p, 1000 * conn + p * 100);
        const c = connectedComponents(m, dims, { connectivity: conn });
        const ref = referencePartition(m, dims, conn);
        // Same partition: a bijection between our labels and the reference roots.
        const map = new Map<number, number>();
        const back = new Map<number, number>();
        for (let n = 0; n < m.length; n++) {
          expect(c.labels[n] === 0).toBe(ref[n] === 0);
          if (!c.labels[n]) continue;
          if (!map.has(c.labels[n])) map.set(c.labels[n], ref[n]);
          if (!back.has(ref[n])) back.set(ref[n], c.labels[n]);
          expect(map.get(c.labels[n])).toBe(ref[n]);
          expect(back.get(ref[n])).toBe(c.labels[n]);
        }
        expect(c.count).toBe(map.size);
        const total = c.sizes.reduce((t, s) => t + s, 0);
        expect(total).toBe(m.reduce((t, v) => t + v, 0));
      }
    }
  });

  it('finds nothing in an empty mask', () => {
    const c = connectedComponents(new Uint8Array(8), [2, 2, 2]);
    expect(c.count).toBe(0);
    expect(Array.from(c.sizes)).toEqual([0]);
  });

  it('rejects a mask that does not match the grid and an unknown connectivity', () => {
    expect(() => connectedComponents(new Uint8Array(7), [2, 2, 2])).toThrow(/7 voxels, the grid 2×2×2 has 8/);
    expect(() => connectedComponents(new Uint8Array(8), [2, 2, 2], { connectivity: 8 as 6 })).toThrow(/connectivity 8 must be 6, 18 or 26/);
  });
});
