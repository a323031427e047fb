import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3 } from '../../math/Vec3.ts';
import { checkGrid, outputMask } from './grid.ts';
import { IndexQueue } from './IndexQueue.ts';
import { type Connectivity, neighbourSteps } from './neighbours.ts';

/** Options of `connectedThreshold`. */
export interface ConnectedThresholdOptions {
  /** Default 6 (face neighbours). */
  connectivity?: Connectivity;
  /** Growth stays inside the non-zero voxels of this mask (an editable region). */
  within?: Uint8Array;
  /** Written into (and returned) instead of a new mask; cleared first. */
  out?: Uint8Array;
}

/** Documented defaults of `connectedThreshold`. */
export const CONNECTED_THRESHOLD_DEFAULTS = { connectivity: 6 as Connectivity };

/**
 * Region growing: the voxels with values in [lo, hi] connected to any seed (linear indices)
 * through voxels also in [lo, hi]. Seeds outside the range grow nothing. Visits only the region
 * and its rim, so a small region on a large volume is cheap. 0/1 output.
 */
export function connectedThreshold(
  values: ArrayLike<number>, dims: Dims3, seedIndices: ArrayLike<number>, lo: number, hi: number, options: ConnectedThresholdOptions = {},
): Uint8Array {
  const n = checkGrid(values, dims, 'connectedThreshold', 'intensity volume');
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'connectedThreshold' }, `range [${lo}, ${hi}] must have lo ≤ hi`);
  }
  const within = options.within;
  if (within) checkGrid(within, dims, 'connectedThreshold', 'within');
  const { count: ns, di, dj, dk, offset } = neighbourSteps(options.connectivity ?? CONNECTED_THRESHOLD_DEFAULTS.connectivity, dims, 'connectedThreshold');
  const out = outputMask(options.out, n, 'connectedThreshold');
  out.fill(0);
  const queue = new IndexQueue();
  for (let s = 0; s < seedIndices.length; s++) {
    const p = seedIndices[s];
    if (!Number.isInteger(p) || p < 0 || p >= n) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'connectedThreshold' }, `seed index ${p} is outside the grid of ${n} voxels`);
    }
    const v = values[p];
    if (out[p] === 0 && v >= lo && v <= hi && (!within || within[p] !== 0)) {
      out[p] = 1;
      queue.push(p);
    }
  }
  const [nx, ny, nz] = dims;
  // floodFrom's loop with the range tested in place: no full-size mask is made for what may be a small region.
  while (queue.size > 0) {
    const p = queue.shift();
    const i = p % nx;
    const r = (p - i) / nx;
    const j = r % ny;
    const k = (r - j) / ny;
    const interior = i > 0 && j > 0 && k > 0 && i < nx - 1 && j < ny - 1 && k < nz - 1;
    for (let s = 0; s < ns; s++) {
      if (!interior) {
        const ii = i + di[s], jj = j + dj[s], kk = k + dk[s];
        if (ii < 0 || jj < 0 || kk < 0 || ii >= nx || jj >= ny || kk >= nz) continue;
      }
      const q = p + offset[s];
      if (out[q] !== 0) continue;
      const v = values[q];
      if (v >= lo && v <= hi && (!within || within[q] !== 0)) {
        out[q] = 1;
        queue.push(q);
      }
    }
  }
  return out;
}
