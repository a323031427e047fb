import { describe, expect, it } from 'vitest';
import { maskIntersect, maskInvert, maskSubtract, maskUnion, maskXor } from '../../../src/segmentation/algorithms/logical.ts';

const a = new Uint8Array([0, 0, 1, 1, 5]);
const b = new Uint8Array([0, 3, 0, 1, 1]);

describe('logical mask operations', () => {
  it('computes union, intersection, difference, xor and complement as 0/1', () => {
    expect(Array.from(maskUnion(a, b))).toEqual([0, 1, 1, 1, 1]);
    expect(Array.from(maskIntersect(a, b))).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(maskSubtract(a, b))).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(maskXor(a, b))).toEqual([0, 1, 1, 0, 0]);
    expect(Array.from(maskInvert(a))).toEqual([1, 1, 0, 0, 0]);
  });

  it('writes into an input when it is the out', () => {
    const x = a.slice();
    expect(maskSubtract(x, b, { out: x })).toBe(x);
    expect(Array.from(x)).toEqual([0, 0, 1, 0, 0]);
  });

  it('rejects masks of different sizes with a grid error', () => {
    expect(() => maskUnion(a, new Uint8Array(4))).toThrow(/masks have 5 and 4 voxels/);
    expect(() => maskUnion(a, b, { out: new Uint8Array(3) })).toThrow(/out has 3 voxels, 5 expected/);
  });
});
