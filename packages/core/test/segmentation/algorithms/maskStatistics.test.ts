import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../../src/math/Mat4.ts';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { dice, maskBounds, maskVolumeMm3, maskVoxelCount } from '../../../src/segmentation/algorithms/maskStatistics.ts';
import { at, fillBox } from './testGrids.ts';

describe('mask statistics', () => {
  it('computes Dice from overlaps, 1 for two empty masks', () => {
    expect(dice(new Uint8Array([1, 1, 0, 0]), new Uint8Array([0, 1, 1, 0]))).toBeCloseTo(0.5, 12);
    expect(dice(new Uint8Array(3), new Uint8Array(3))).toBe(1);
    expect(() => dice(new Uint8Array(3), new Uint8Array(2))).toThrow(/3 and 2 voxels/);
  });

  it('measures volume from spacing or from a sheared indexToWorld', () => {
    const m = new Uint8Array([1, 0, 2, 3]);
    expect(maskVoxelCount(m)).toBe(3);
    expect(maskVolumeMm3(m, [0.5, 0.5, 2])).toBeCloseTo(1.5, 12);
    // Columns (1,0,0), (0.5,1,0), (0,0,3): a sheared grid whose voxels are 3 mm³.
    expect(maskVolumeMm3(m, mat4FromColumns([1, 0, 0], [0.5, 1, 0], [0, 0, 3], [9, 9, 9]))).toBeCloseTo(9, 12);
  });

  it('finds the inclusive index box, null when empty', () => {
    const dims: Dims3 = [6, 5, 4];
    const m = fillBox(new Uint8Array(120), dims, [1, 2, 1], [3, 2, 2]);
    m[at(dims, 5, 0, 3)] = 1;
    expect(maskBounds(m, dims)).toEqual({ lo: [1, 0, 1], hi: [5, 2, 3] });
    expect(maskBounds(new Uint8Array(120), dims)).toBeNull();
  });
});
