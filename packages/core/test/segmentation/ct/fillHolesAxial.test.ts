import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { fillHoles } from '../../../src/segmentation/algorithms/fillHoles.ts';
import { fillHolesAxial } from '../../../src/segmentation/ct/fillHolesAxial.ts';
import { fillSmallHoles2D } from '../../../src/segmentation/ct/fillSmallHoles.ts';

describe('fillHolesAxial', () => {
  it('gives exactly what fillHoles gives slice-wise in axial planes (random masks)', () => {
    const dims: Dims3 = [23, 17, 6];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let t = 0; t < 5; t++) {
      const m = Uint8Array.from({ length: 23 * 17 * 6 }, () => (rand() < 0.45 ? 1 : 0));
      expect(fillHolesAxial(m.slice(), dims)).toEqual(fillHoles(m, dims, { slicewise: 'axial' }));
    }
  });
});

describe('fillSmallHoles2D', () => {
  it('fills holes up to the area and leaves larger ones open', () => {
    // Two rings in one slice of a 1 mm grid: one around 1 voxel (1 mm²), one around 9 (9 mm²).
    const dims: Dims3 = [12, 7, 1];
    const m = new Uint8Array(84);
    const ring = (i0: number, size: number) => {
      for (let j = 1; j < 1 + size + 2; j++) for (let i = i0; i < i0 + size + 2; i++) {
        const edge = j === 1 || j === size + 2 || i === i0 || i === i0 + size + 1;
        if (edge) m[i + 12 * j] = 1;
      }
    };
    ring(0, 1);
    ring(5, 3);
    const out = fillSmallHoles2D(m.slice(), dims, 1, 4);
    expect(out[1 + 12 * 2]).toBe(1); // the small hole
    expect(out[7 + 12 * 3]).toBe(0); // the large one stays
  });
});
