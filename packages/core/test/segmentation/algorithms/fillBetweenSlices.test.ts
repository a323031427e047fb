import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { fillBetweenSlices } from '../../../src/segmentation/algorithms/fillBetweenSlices.ts';
import { at } from './testGrids.ts';

const dims: Dims3 = [40, 40, 12];

/** Paint a disc of radius r (voxel centres within r) on slice k. */
function disc(m: Uint8Array, d: Dims3, k: number, ci: number, cj: number, r: number, value = 1): void {
  for (let j = 0; j < d[1]; j++) for (let i = 0; i < d[0]; i++) if ((i - ci) ** 2 + (j - cj) ** 2 <= r * r) m[at(d, i, j, k)] = value;
}
const sliceCount = (m: Uint8Array, d: Dims3, k: number, value = 1) => {
  let c = 0;
  for (let j = 0; j < d[1]; j++) for (let i = 0; i < d[0]; i++) if (m[at(d, i, j, k)] === value) c++;
  return c;
};

describe('fillBetweenSlices', () => {
  it('copies an unchanged outline to every slice between two identical drawn slices', () => {
    const m = new Uint8Array(40 * 40 * 12);
    disc(m, dims, 2, 20, 20, 8);
    disc(m, dims, 9, 20, 20, 8);
    const out = fillBetweenSlices(m, dims, [1, 1, 3]);
    for (let k = 2; k <= 9; k++) expect(sliceCount(out, dims, k)).toBe(sliceCount(m, dims, 2));
    // Nothing beyond the first and last drawn slice.
    for (const k of [0, 1, 10, 11]) expect(sliceCount(out, dims, k)).toBe(0);
  });

  it('grows the radius linearly from a small disc to a large one', () => {
    const m = new Uint8Array(40 * 40 * 12);
    disc(m, dims, 0, 20, 20, 6);
    disc(m, dims, 10, 20, 20, 16);
    const out = fillBetweenSlices(m, dims, [1, 1, 1]);
    // On slice k the interpolated radius is 6 + k (signed distances of concentric discs blend
    // linearly). Compare equivalent radii √(area/π) with the digital disc of that radius: the
    // digital distance maps run between voxel centres, not to the true circle, which moves the
    // outline by a fraction of a voxel (measured ≤ 0.16); allow 0.25.
    for (let k = 1; k < 10; k++) {
      const ref = new Uint8Array(40 * 40 * 12);
      disc(ref, dims, k, 20, 20, 6 + k);
      const got = Math.sqrt(sliceCount(out, dims, k) / Math.PI), want = Math.sqrt(sliceCount(ref, dims, k) / Math.PI);
      expect(Math.abs(got - want)).toBeLessThan(0.25);
    }
    expect(sliceCount(out, dims, 0)).toBe(sliceCount(m, dims, 0));
    expect(sliceCount(out, dims, 10)).toBe(sliceCount(m, dims, 10));
  });

  it('interpolates several labels independently and never overwrites a drawn voxel', () => {
    const m = new Uint8Array(40 * 40 * 12);
    disc(m, dims, 0, 10, 10, 5, 1);
    disc(m, dims, 4, 10, 10, 5, 1);
    disc(m, dims, 0, 28, 28, 6, 2);
    disc(m, dims, 8, 28, 28, 6, 2);
    // Slice 2 already holds label 3 where label 1 would go: it stays 3.
    m[at(dims, 10, 10, 2)] = 3;
    const out = fillBetweenSlices(m, dims, [1, 1, 1]);
    expect(sliceCount(out, dims, 2, 1)).toBe(sliceCount(m, dims, 0, 1) - 1);
    expect(out[at(dims, 10, 10, 2)]).toBe(3);
    for (let k = 1; k < 8; k++) expect(sliceCount(out, dims, k, 2)).toBe(sliceCount(m, dims, 0, 2));
    expect(sliceCount(out, dims, 6, 1)).toBe(0);
    // Only the labels asked for.
    const only2 = fillBetweenSlices(m, dims, [1, 1, 1], { labels: [2] });
    expect(sliceCount(only2, dims, 2, 1)).toBe(0);
    expect(sliceCount(only2, dims, 2, 2)).toBe(sliceCount(m, dims, 0, 2));
  });

  it('gives a voxel claimed by two labels to the one it lies deeper inside', () => {
    const d: Dims3 = [30, 10, 5];
    const m = new Uint8Array(30 * 10 * 5);
    // Label 1 spans i 0..15 on slices 0 and 4, label 2 spans i 14..29: they would overlap at 14, 15.
    for (const k of [0, 4]) for (let j = 0; j < 10; j++) {
      for (let i = 0; i <= 13; i++) m[at(d, i, j, k)] = 1;
      for (let i = 16; i < 30; i++) m[at(d, i, j, k)] = 2;
    }
    m[at(d, 14, 0, 0)] = m[at(d, 15, 0, 0)] = m[at(d, 14, 0, 4)] = m[at(d, 15, 0, 4)] = 0;
    const out = fillBetweenSlices(m, d, [1, 1, 1]);
    for (let i = 0; i < 30; i++) expect(out[at(d, i, 5, 2)]).toBe(i <= 13 ? 1 : i >= 16 ? 2 : 0);
  });

  it('works across another axis', () => {
    const d: Dims3 = [12, 30, 30];
    const m = new Uint8Array(12 * 30 * 30);
    for (const i of [1, 7]) for (let k = 10; k < 20; k++) for (let j = 5; j < 15; j++) m[at(d, i, j, k)] = 1;
    const out = fillBetweenSlices(m, d, [1, 1, 1], { axis: 0 });
    let c = 0;
    for (let p = 0; p < out.length; p++) c += out[p];
    expect(c).toBe(7 * 100);
  });

  it('refuses to write into its input', () => {
    const m = new Uint8Array(8);
    expect(() => fillBetweenSlices(m, [2, 2, 2], [1, 1, 1], { out: m })).toThrow(/out must not be the input/);
  });
});
