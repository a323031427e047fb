import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { levelTrace } from '../../../src/segmentation/algorithms/levelTrace.ts';
import { at, countOn } from './testGrids.ts';

const dims: Dims3 = [30, 30, 5];
/** Slice k = 2: a 10×10 square of 100 (i, j in 5..14) with a 2×2 pit of 20 inside, and a separate 4×4 square of 100 at 20..23. */
function image(): Float32Array {
  const v = new Float32Array(30 * 30 * 5).fill(10);
  for (let j = 5; j <= 14; j++) for (let i = 5; i <= 14; i++) v[at(dims, i, j, 2)] = 100;
  for (let j = 9; j <= 10; j++) for (let i = 9; i <= 10; i++) v[at(dims, i, j, 2)] = 20;
  for (let j = 20; j <= 23; j++) for (let i = 20; i <= 23; i++) v[at(dims, i, j, 2)] = 100;
  // Other slices are all 100: the trace must not leave its slice.
  for (const k of [1, 3]) for (let n = 0; n < 900; n++) v[k * 900 + n] = 100;
  return v;
}

describe('levelTrace', () => {
  it('outlines the connected bright region under the seed, holes filled, on the seed slice only', () => {
    const out = levelTrace(image(), dims, [7, 7, 2], 2);
    expect(countOn(out)).toBe(100);
    expect(out[at(dims, 9, 9, 2)]).toBe(1); // the pit is inside the outline
    expect(out[at(dims, 21, 21, 2)]).toBe(0); // the other square is not connected
  });

  it('leaves holes when asked, and uses the given level', () => {
    expect(countOn(levelTrace(image(), dims, [7, 7, 2], 2, { fillHoles: false }))).toBe(96);
    // Level 15: the pit (20) is on the bright side too.
    expect(countOn(levelTrace(image(), dims, [7, 7, 2], 2, { level: 15, fillHoles: false }))).toBe(100);
  });

  it('traces the dark side when the seed is below the level', () => {
    const out = levelTrace(image(), dims, [0, 0, 2], 2, { level: 50, fillHoles: false });
    expect(countOn(out)).toBe(900 - 100 - 16);
    expect(out[at(dims, 9, 9, 2)]).toBe(0); // the pit is dark but enclosed: not connected
  });

  it('follows corners only with 8-connectivity', () => {
    const v = new Float32Array(30 * 30 * 5);
    v[at(dims, 3, 3, 2)] = v[at(dims, 4, 4, 2)] = v[at(dims, 5, 5, 2)] = 1;
    expect(countOn(levelTrace(v, dims, [3, 3, 2], 2))).toBe(1);
    expect(countOn(levelTrace(v, dims, [3, 3, 2], 2, { connectivity: 8 }))).toBe(3);
  });

  it('traces across other axes', () => {
    const v = image();
    // Across j at j = 7: row of the big square along i (5..14) on slice k = 2, the rest 10 except k = 1, 3 (100).
    const out = levelTrace(v, dims, [7, 7, 2], 1);
    for (let k = 0; k < 5; k++) for (let i = 0; i < 30; i++) {
      const want = (k === 1 || k === 3 || (k === 2 && i >= 5 && i <= 14)) ? 1 : 0;
      expect(out[at(dims, i, 7, k)]).toBe(want);
    }
    expect(countOn(out)).toBe(70);
  });

  it('rejects a seed outside the grid', () => {
    expect(() => levelTrace(image(), dims, [30, 0, 0], 2)).toThrow(/seed \(30, 0, 0\)/);
  });
});
