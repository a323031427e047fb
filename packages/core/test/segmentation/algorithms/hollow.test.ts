import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { hollow } from '../../../src/segmentation/algorithms/hollow.ts';
import { at, countOn, fillBox } from './testGrids.ts';

const dims: Dims3 = [20, 20, 20];
/** A 10³ box (i, j, k in 5..14). */
const box = () => fillBox(new Uint8Array(8000), dims, [5, 5, 5], [14, 14, 14]);

describe('hollow', () => {
  it('keeps a one-voxel inside shell for 1 mm on a 1 mm grid: 10³ − 8³', () => {
    const out = hollow(box(), dims, [1, 1, 1], 1);
    expect(countOn(out)).toBe(1000 - 512);
    expect(out[at(dims, 5, 9, 9)]).toBe(1);
    expect(out[at(dims, 6, 9, 9)]).toBe(0);
  });

  it('adds a face layer outside (edges and corners are √2 and √3 mm away)', () => {
    const out = hollow(box(), dims, [1, 1, 1], 1, { shell: 'outside' });
    expect(countOn(out)).toBe(6 * 100);
    expect(out[at(dims, 4, 9, 9)]).toBe(1);
    expect(out[at(dims, 5, 9, 9)]).toBe(0);
  });

  it('splits a centred shell between both sides', () => {
    const out = hollow(box(), dims, [1, 1, 1], 2, { shell: 'centred' });
    expect(countOn(out)).toBe(600 + 488);
  });

  it('counts layers in mm along each axis', () => {
    // Spacing 2 mm along k: 2 mm of thickness is one layer there, two along i and j.
    const out = hollow(box(), dims, [1, 1, 2], 2);
    expect(countOn(out)).toBe(1000 - 6 * 6 * 8);
  });

  it('rejects a non-positive thickness', () => {
    expect(() => hollow(box(), dims, [1, 1, 1], 0)).toThrow(/thickness 0 mm/);
  });
});
