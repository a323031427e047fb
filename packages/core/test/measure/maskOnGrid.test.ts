import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../src/math/Mat4.ts';
import type { Dims3, Vec3 } from '../../src/math/Vec3.ts';
import { maskOnGrid } from '../../src/measure/maskOnGrid.ts';

const grid = (n: Dims3, s: number, origin: Vec3) => ({ dimensions: n, indexToWorld: mat4FromColumns([s, 0, 0], [0, s, 0], [0, 0, s], origin) });
const count = (m: Uint8Array) => m.reduce((a, x) => a + x, 0);

describe('maskOnGrid', () => {
  // CT-like 1 mm grid and PET-like 4 mm grid over the same 40 mm cube, the 4 mm voxel (i, j, k) covering
  // 1 mm voxels 4i … 4i+3 (centres 4i+1.5 ± 2 mm).
  const fine = grid([40, 40, 40], 1, [0, 0, 0]);
  const coarse = grid([10, 10, 10], 4, [1.5, 1.5, 1.5]);

  it('covers every coarse voxel that holds a set fine voxel (fine → coarse)', () => {
    const m = new Uint8Array(40 ** 3);
    m[9 + 40 * (9 + 40 * 9)] = 1; // fine (9, 9, 9) lies in coarse (2, 2, 2)
    m[10 + 40 * (9 + 40 * 9)] = 1; // fine (10, 9, 9) too
    m[12 + 40 * (9 + 40 * 9)] = 1; // fine (12, 9, 9) in coarse (3, 2, 2)
    const out = maskOnGrid(m, fine, coarse);
    expect(count(out)).toBe(2);
    expect(out[2 + 10 * (2 + 10 * 2)]).toBe(1);
    expect(out[3 + 10 * (2 + 10 * 2)]).toBe(1);
  });

  it('fills every fine voxel inside a set coarse voxel, without holes (coarse → fine)', () => {
    const m = new Uint8Array(1000);
    m[2 + 10 * (2 + 10 * 2)] = 1;
    const out = maskOnGrid(m, coarse, fine);
    expect(count(out)).toBe(64); // 4 × 4 × 4 fine voxels, 8 … 11 on each axis
    expect(out[8 + 40 * (8 + 40 * 8)]).toBe(1);
    expect(out[11 + 40 * (11 + 40 * 11)]).toBe(1);
  });

  it('grows the carried mask by the margin: one coarse voxel and 4 mm become the 7 voxels of its face neighbours', () => {
    const m = new Uint8Array(40 ** 3);
    m[9 + 40 * (9 + 40 * 9)] = 1;
    const out = maskOnGrid(m, fine, coarse, { marginMm: 4 });
    // Neighbours within 4 mm of the centre: the voxel itself and its 6 face neighbours (edge neighbours are 5.7 mm away).
    expect(count(out)).toBe(7);
  });

  it('reads only the given bounds of the source', () => {
    const m = new Uint8Array(40 ** 3);
    m[0] = 1;
    m[9 + 40 * (9 + 40 * 9)] = 1;
    expect(count(maskOnGrid(m, fine, coarse, { boundsIjk: { lo: [9, 9, 9], hi: [9, 9, 9] } }))).toBe(1);
  });
});
