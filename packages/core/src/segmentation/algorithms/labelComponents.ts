import type { Dims3 } from '../../math/Vec3.ts';
import type { NeighbourSteps } from './neighbours.ts';

/** Components found by `labelComponents`: labels 1..count in order of first voxel (scan order), sizes[0] = 0. */
export interface LabelledComponents {
  labels: Int32Array;
  count: number;
  sizes: Float64Array;
}

/**
 * Two-pass connected-component labelling with union-find (Rosenfeld & Pfaltz 1966; Wu, Otoo &
 * Suzuki 2009): the first scan gives each voxel the label of an earlier neighbour and records
 * which labels meet; the second replaces each label by its set's final number. Memory walks in
 * scan order and no queue is kept, which is several times faster than flood filling. Labels the
 * voxels that are non-zero (`value` 1) or zero (`value` 0).
 */
export function labelComponents(mask: Uint8Array, dims: Dims3, steps: NeighbourSteps, value: 0 | 1 = 1): LabelledComponents {
  const [nx, ny, nz] = dims;
  const n = nx * ny * nz;
  const labels = new Int32Array(n);
  // The neighbours already visited in scan order: those with a negative step in the last axis that moves.
  const back: number[] = [];
  for (let s = 0; s < steps.count; s++) {
    const a = steps.di[s], b = steps.dj[s], c = steps.dk[s];
    if (c < 0 || (c === 0 && b < 0) || (c === 0 && b === 0 && a < 0)) back.push(s);
  }
  const nb = back.length;
  const bi = Int32Array.from(back, (s) => steps.di[s]);
  const bj = Int32Array.from(back, (s) => steps.dj[s]);
  const bk = Int32Array.from(back, (s) => steps.dk[s]);
  const bo = Int32Array.from(back, (s) => steps.offset[s]);
  let parent = new Int32Array(1 << 12);
  let next = 1;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]; // path halving
      x = parent[x];
    }
    return x;
  };
  const inSet = value === 1;
  // Union of the label found so far with a visited neighbour's; returns the smaller root.
  const merge = (l: number, lq: number): number => {
    if (lq === 0 || lq === l) return l;
    if (l === 0) return lq;
    const ra = find(l), rb = find(lq);
    if (ra < rb) { parent[rb] = ra; return ra; }
    if (rb < ra) parent[ra] = rb;
    return rb;
  };
  const face = nb === 3 && bo.includes(-1) && bo.includes(-nx) && bo.includes(-nx * ny); // 6-connectivity
  const plane = nx * ny;
  let p = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, p++) {
        if ((mask[p] !== 0) !== inSet) continue;
        let l = 0;
        if (face) {
          // The common case without the general loop's per-neighbour bounds arithmetic.
          if (i > 0) l = labels[p - 1];
          if (j > 0) l = merge(l, labels[p - nx]);
          if (k > 0) l = merge(l, labels[p - plane]);
        } else {
          for (let s = 0; s < nb; s++) {
            const ii = i + bi[s], jj = j + bj[s], kk = k + bk[s];
            if (ii < 0 || ii >= nx || jj < 0 || jj >= ny || kk < 0) continue;
            l = merge(l, labels[p + bo[s]]);
          }
        }
        if (l === 0) {
          if (next === parent.length) {
            const grown = new Int32Array(parent.length * 2);
            grown.set(parent);
            parent = grown;
          }
          l = next++;
          parent[l] = l;
        }
        labels[p] = l;
      }
    }
  }
  // Provisional labels are handed out in scan order and a set's root is its smallest label, so
  // numbering the roots in label order numbers the sets by their first voxel. One table lookup
  // per voxel then replaces a find.
  const map = new Int32Array(next);
  let count = 0;
  for (let l = 1; l < next; l++) {
    const r = find(l);
    map[l] = r === l ? ++count : map[r];
  }
  const sizes = new Float64Array(count + 1);
  for (let q = 0; q < n; q++) {
    const l = labels[q];
    if (l === 0) continue;
    const f = map[l];
    labels[q] = f;
    sizes[f]++;
  }
  return { labels, count, sizes };
}
