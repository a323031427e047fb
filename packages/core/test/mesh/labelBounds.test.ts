import { describe, expect, it } from 'vitest';
import { labelBounds } from '../../src/mesh/labelBounds.ts';
import type { Dims3 } from '../../src/math/Vec3.ts';
import { mulberry32 } from '../util/mulberry32.ts';

describe('labelBounds', () => {
  it('finds the same boxes and counts as a direct search, in one pass', () => {
    const rnd = mulberry32(5);
    const d: Dims3 = [13, 9, 7];
    const labels = new Uint8Array(13 * 9 * 7);
    // Sparse values so that boxes differ: most voxels 0, a few of 1…4.
    for (let p = 0; p < labels.length; p++) labels[p] = rnd() < 0.05 ? 1 + Math.floor(rnd() * 4) : 0;
    const counts = new Float64Array(256);
    const box = labelBounds(labels, d, -1, counts);
    for (let v = 1; v < 256; v++) {
      const lo = [Infinity, Infinity, Infinity], hi = [-1, -1, -1];
      let n = 0;
      for (let k = 0; k < d[2]; k++) for (let j = 0; j < d[1]; j++) for (let i = 0; i < d[0]; i++) {
        if (labels[i + d[0] * (j + d[1] * k)] !== v) continue;
        n++;
        [i, j, k].forEach((x, a) => { lo[a] = Math.min(lo[a], x); hi[a] = Math.max(hi[a], x); });
      }
      expect(counts[v]).toBe(n);
      if (n === 0) expect(box[6 * v + 3]).toBeLessThan(0);
      else expect(Array.from(box.subarray(6 * v, 6 * v + 6))).toEqual([...lo, ...hi]);
    }
    const only = labelBounds(labels, d, 3);
    expect(Array.from(only.subarray(18, 24))).toEqual(Array.from(box.subarray(18, 24)));
    expect(only[6 + 3]).toBeLessThan(0); // value 1 not searched
  });
});
