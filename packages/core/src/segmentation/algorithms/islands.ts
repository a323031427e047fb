import type { Dims3 } from '../../math/Vec3.ts';
import { VoxaError } from '../../errors/VoxaError.ts';
import { connectedComponents } from './connectedComponents.ts';
import { floodFrom } from './flood.ts';
import { checkGrid, outputMask } from './grid.ts';
import { IndexQueue } from './IndexQueue.ts';
import { type Connectivity, neighbourSteps } from './neighbours.ts';

/** Options of the island functions. */
export interface IslandOptions {
  /** Default 6 (face neighbours), as for `connectedComponents`. */
  connectivity?: Connectivity;
  /** Written into (and returned) instead of a new mask. */
  out?: Uint8Array;
}

/** Documented defaults of the island functions. */
export const ISLAND_DEFAULTS = { connectivity: 6 as Connectivity };

/** Keep only the largest connected island (the first in scan order on a tie); 0/1 output. */
export function keepLargestIsland(mask: Uint8Array, dims: Dims3, options: IslandOptions = {}): Uint8Array {
  const { labels, count, sizes } = connectedComponents(mask, dims, options);
  const out = outputMask(options.out, labels.length, 'keepLargestIsland');
  let best = 0;
  for (let c = 1; c <= count; c++) if (sizes[c] > sizes[best]) best = c;
  for (let n = 0; n < labels.length; n++) out[n] = best !== 0 && labels[n] === best ? 1 : 0;
  return out;
}

/** Remove islands of fewer than `minVoxels` voxels; 0/1 output. */
export function removeSmallIslands(mask: Uint8Array, dims: Dims3, minVoxels: number, options: IslandOptions = {}): Uint8Array {
  if (!(minVoxels >= 0)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'removeSmallIslands' }, `minVoxels ${minVoxels} must be ≥ 0`);
  const { labels, count, sizes } = connectedComponents(mask, dims, options);
  const out = outputMask(options.out, labels.length, 'removeSmallIslands');
  const keep = new Uint8Array(count + 1);
  for (let c = 1; c <= count; c++) keep[c] = sizes[c] >= minVoxels ? 1 : 0;
  for (let n = 0; n < labels.length; n++) out[n] = keep[labels[n]];
  return out;
}

/**
 * Keep the islands that contain any of the seed voxels (linear indices); seeds outside the mask
 * select nothing. Floods only from the seeds, so the cost is that of the kept islands.
 */
export function keepIslandsAt(mask: Uint8Array, dims: Dims3, seedIndices: ArrayLike<number>, options: IslandOptions = {}): Uint8Array {
  const n = checkGrid(mask, dims, 'keepIslandsAt');
  const steps = neighbourSteps(options.connectivity ?? ISLAND_DEFAULTS.connectivity, dims, 'keepIslandsAt');
  if (options.out === mask) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'keepIslandsAt' }, 'out must not be the input mask');
  const out = outputMask(options.out, n, 'keepIslandsAt');
  out.fill(0);
  const queue = new IndexQueue();
  for (let s = 0; s < seedIndices.length; s++) {
    const p = seedIndices[s];
    if (!Number.isInteger(p) || p < 0 || p >= n) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'keepIslandsAt' }, `seed index ${p} is outside the grid of ${n} voxels`);
    }
    if (mask[p] !== 0 && out[p] === 0) {
      out[p] = 1;
      queue.push(p);
    }
  }
  floodFrom(mask, out, 1, dims, steps, queue);
  return out;
}
