import type { Dims3 } from '../../math/Vec3.ts';
import type { IndexQueue } from './IndexQueue.ts';
import type { NeighbourSteps } from './neighbours.ts';

/**
 * Drain the queue, labelling with `c` every voxel of `mask` reached that is still unlabelled;
 * returns how many voxels were taken from the queue. Shared with the seeded island functions.
 */
export function floodFrom(
  mask: Uint8Array,
  labels: Int32Array | Uint8Array,
  c: number,
  dims: Dims3,
  steps: NeighbourSteps,
  queue: IndexQueue,
): number {
  const nx = dims[0], ny = dims[1], nz = dims[2];
  const { count: ns, di, dj, dk, offset } = steps;
  let taken = 0;
  while (queue.size > 0) {
    const p = queue.shift();
    taken++;
    const i = p % nx;
    const r = (p - i) / nx;
    const j = r % ny;
    const k = (r - j) / ny;
    // Interior voxels need no bounds checks; most voxels of a large component are interior.
    const interior = i > 0 && j > 0 && k > 0 && i < nx - 1 && j < ny - 1 && k < nz - 1;
    for (let s = 0; s < ns; s++) {
      if (!interior) {
        const ii = i + di[s], jj = j + dj[s], kk = k + dk[s];
        if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
      }
      const q = p + offset[s];
      if (mask[q] !== 0 && labels[q] === 0) {
        labels[q] = c;
        queue.push(q);
      }
    }
  }
  return taken;
}
