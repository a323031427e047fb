import { describe, expect, it } from 'vitest';
import { threshold } from '../../../src/segmentation/algorithms/threshold.ts';

describe('threshold', () => {
  it('keeps values inside [lo, hi] inclusive and never NaN', () => {
    const v = new Float32Array([-1000, -100, 0, 40, 80, 81, NaN, 3000]);
    expect(Array.from(threshold(v, -100, 80))).toEqual([0, 1, 1, 1, 1, 0, 0, 0]);
  });

  it('works on integer arrays and writes into out', () => {
    const out = new Uint8Array(4).fill(9);
    expect(threshold(new Int16Array([5, 6, 7, 8]), 6, 7, { out })).toBe(out);
    expect(Array.from(out)).toEqual([0, 1, 1, 0]);
  });

  it('rejects an empty range', () => {
    expect(() => threshold([1], 5, 4)).toThrow(/range \[5, 4\]/);
  });
});
