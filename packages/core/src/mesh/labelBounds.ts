import type { Dims3 } from '../math/Vec3.ts';

/**
 * Index boxes of every label value in one pass: for value v, `box[6v … 6v + 5]` is
 * (iMin, jMin, kMin, iMax, jMax, kMax), inclusive; iMax < 0 when v does not occur. `only`
 * restricts the pass to one value (the others stay absent). Value 0 is skipped unless it is
 * `only`. When `counts` (256 entries) is given, the voxels of each value found are added to it.
 */
export function labelBounds(labels: Uint8Array, dims: Dims3, only = -1, counts?: Float64Array): Int32Array {
  const [nx, ny, nz] = dims;
  const box = new Int32Array(256 * 6);
  for (let v = 0; v < 256; v++) box.set([nx, ny, nz, -1, -1, -1], 6 * v);
  let p = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, p++) {
        const v = labels[p];
        if (only < 0 ? v === 0 : v !== only) continue;
        const b = 6 * v;
        if (box[b + 3] < 0) box[b + 2] = k; // scan order: the first voxel has the smallest k
        if (i < box[b]) box[b] = i;
        if (i > box[b + 3]) box[b + 3] = i;
        if (j < box[b + 1]) box[b + 1] = j;
        if (j > box[b + 4]) box[b + 4] = j;
        box[b + 5] = k;
        if (counts) counts[v]++;
      }
    }
  }
  return box;
}
