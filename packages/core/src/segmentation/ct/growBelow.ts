import { IndexQueue } from '../algorithms/IndexQueue.ts';
import type { CtContext } from './ctContext.ts';

/**
 * Region growing from one voxel through face neighbours with HU < thresholdHu inside `within`.
 * Returns the grown 0/1 mask, or null as soon as it passes maxVoxels (a leak), so that a failed
 * try costs no more than the budget.
 */
export function growBelow(ctx: CtContext, seed: number, thresholdHu: number, within: Uint8Array, maxVoxels: number): Uint8Array | null {
  const [nx, ny, nz] = ctx.dims;
  const nxy = nx * ny;
  const hu = ctx.hu;
  const out = new Uint8Array(ctx.n);
  if (!within[seed] || !(hu[seed] < thresholdHu)) return out;
  const queue = new IndexQueue();
  out[seed] = 1;
  queue.push(seed);
  let count = 1;
  while (queue.size > 0) {
    const p = queue.shift();
    const i = p % nx, j = ((p - i) / nx) % ny, k = (p - i - nx * j) / nxy;
    for (let e = 0; e < 6; e++) {
      let q: number;
      if (e === 0) { if (i === 0) continue; q = p - 1; }
      else if (e === 1) { if (i === nx - 1) continue; q = p + 1; }
      else if (e === 2) { if (j === 0) continue; q = p - nx; }
      else if (e === 3) { if (j === ny - 1) continue; q = p + nx; }
      else if (e === 4) { if (k === 0) continue; q = p - nxy; }
      else { if (k === nz - 1) continue; q = p + nxy; }
      if (out[q] || !within[q] || !(hu[q] < thresholdHu)) continue;
      out[q] = 1;
      if (++count > maxVoxels) return null;
      queue.push(q);
    }
  }
  return out;
}
