import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { splitIslands } from '../../../src/segmentation/algorithms/splitIslands.ts';
import { at, countOn, fillBox } from './testGrids.ts';

const dims: Dims3 = [12, 10, 8];
function islands(): Uint8Array {
  const m = new Uint8Array(960);
  m[at(dims, 11, 9, 7)] = 1; // 1 voxel, first in no particular order
  fillBox(m, dims, [6, 6, 4], [7, 7, 5]); // 8
  fillBox(m, dims, [0, 0, 0], [2, 2, 2]); // 27
  return m;
}

describe('splitIslands', () => {
  it('returns one mask per island, largest first', () => {
    const parts = splitIslands(islands(), dims);
    expect(parts.map(countOn)).toEqual([27, 8, 1]);
    expect(parts[0][at(dims, 0, 0, 0)]).toBe(1);
    expect(parts[2][at(dims, 11, 9, 7)]).toBe(1);
  });

  it('caps the count and drops small islands', () => {
    expect(splitIslands(islands(), dims, { maxIslands: 2 }).map(countOn)).toEqual([27, 8]);
    expect(splitIslands(islands(), dims, { minVoxels: 2 }).map(countOn)).toEqual([27, 8]);
    expect(splitIslands(new Uint8Array(960), dims)).toEqual([]);
  });
});
