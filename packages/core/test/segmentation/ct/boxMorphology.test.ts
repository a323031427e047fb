import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { boxCloseMm, boxDilateMm, boxErodeMm } from '../../../src/segmentation/ct/boxMorphology.ts';

const dims: Dims3 = [9, 9, 5];
const at = (i: number, j: number, k: number) => i + 9 * (j + 9 * k);
const count = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);

describe('box morphology', () => {
  it('dilates one voxel into a box of the radius in mm, rounded down to whole voxels per axis', () => {
    const m = new Uint8Array(9 * 9 * 5);
    m[at(4, 4, 2)] = 1;
    // 2.5 mm on a 1 × 1 × 2 mm grid: ±2 voxels in i and j, ±1 in k → 5 × 5 × 3.
    const d = boxDilateMm(m, dims, [1, 1, 2], 2.5);
    expect(count(d)).toBe(75);
    expect(d[at(2, 2, 1)]).toBe(1);
    expect(d[at(1, 4, 2)]).toBe(0);
  });

  it('erodes from inside only: the grid edge does not erode', () => {
    const m = new Uint8Array(9 * 9 * 5).fill(1);
    m[at(4, 4, 2)] = 0;
    const e = boxErodeMm(m, dims, [1, 1, 1], [1, 1, 0]);
    expect(count(e)).toBe(9 * 9 * 5 - 9); // the 3 × 3 in-plane box around the hole
    expect(e[at(0, 0, 0)]).toBe(1);
  });

  it('closes a one-voxel gap in a wall and leaves a convex block as it was', () => {
    const m = new Uint8Array(9 * 9 * 5);
    for (let k = 0; k < 5; k++) for (let i = 0; i < 9; i++) if (i !== 4) m[at(i, 4, k)] = 1;
    const c = boxCloseMm(m, dims, [1, 1, 1], [1, 1, 0]);
    expect(c[at(4, 4, 2)]).toBe(1);
    expect(count(c)).toBe(9 * 5);
  });
});
