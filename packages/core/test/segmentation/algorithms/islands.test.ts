import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { keepIslandsAt, keepLargestIsland, removeSmallIslands } from '../../../src/segmentation/algorithms/islands.ts';
import { at, countOn, fillBox } from './testGrids.ts';

const dims: Dims3 = [12, 10, 8];
/** Three islands: A 3³ = 27, B 2·2·2 = 8, C one voxel; B and C touch A's corner only diagonally. */
function threeIslands(): Uint8Array {
  const m = new Uint8Array(960);
  fillBox(m, dims, [0, 0, 0], [2, 2, 2]);
  fillBox(m, dims, [6, 6, 4], [7, 7, 5]);
  m[at(dims, 3, 3, 3)] = 1; // corner-touches A at (2,2,2)
  return m;
}

describe('islands', () => {
  it('keeps the largest island only', () => {
    const out = keepLargestIsland(threeIslands(), dims);
    expect(countOn(out)).toBe(27);
    expect(out[at(dims, 2, 2, 2)]).toBe(1);
    expect(out[at(dims, 6, 6, 4)]).toBe(0);
  });

  it('counts corner neighbours as the same island at 26-connectivity', () => {
    expect(countOn(keepLargestIsland(threeIslands(), dims, { connectivity: 26 }))).toBe(28);
  });

  it('returns an empty mask for an empty input', () => {
    expect(countOn(keepLargestIsland(new Uint8Array(960), dims))).toBe(0);
  });

  it('removes islands below the size limit and keeps those at it', () => {
    const m = threeIslands();
    expect(countOn(removeSmallIslands(m, dims, 8))).toBe(35);
    expect(countOn(removeSmallIslands(m, dims, 9))).toBe(27);
    expect(countOn(removeSmallIslands(m, dims, 0))).toBe(36);
  });

  it('keeps the islands that contain a seed; seeds on background select nothing', () => {
    const m = threeIslands();
    const out = keepIslandsAt(m, dims, [at(dims, 7, 7, 5), at(dims, 11, 9, 7)]);
    expect(countOn(out)).toBe(8);
    expect(out[at(dims, 6, 6, 4)]).toBe(1);
    const two = keepIslandsAt(m, dims, [at(dims, 3, 3, 3), at(dims, 0, 0, 0)]);
    expect(countOn(two)).toBe(28);
  });

  it('writes into out when given and rejects seeds outside the grid', () => {
    const out = new Uint8Array(960).fill(7);
    expect(keepLargestIsland(threeIslands(), dims, { out })).toBe(out);
    expect(countOn(out)).toBe(27);
    expect(() => keepIslandsAt(threeIslands(), dims, [960])).toThrow(/seed index 960/);
  });
});
