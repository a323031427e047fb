import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3 } from '../../math/Vec3.ts';
import { connectedComponents } from './connectedComponents.ts';
import type { Connectivity } from './neighbours.ts';

/** Options of `splitIslands`. */
export interface SplitIslandsOptions {
  /** Default 6 (face neighbours). */
  connectivity?: Connectivity;
  /** At most this many islands are returned, the largest (default 32: each is a whole-grid mask). */
  maxIslands?: number;
  /** Islands smaller than this are dropped (default 1: none). */
  minVoxels?: number;
}

/** Documented defaults of `splitIslands`. */
export const SPLIT_ISLANDS_DEFAULTS: Required<SplitIslandsOptions> = { connectivity: 6, maxIslands: 32, minVoxels: 1 };

/** One 0/1 mask per island, largest first (ties in scan order), capped at `maxIslands`. */
export function splitIslands(mask: Uint8Array, dims: Dims3, options: SplitIslandsOptions = {}): Uint8Array[] {
  const o = { ...SPLIT_ISLANDS_DEFAULTS, ...options };
  if (!Number.isInteger(o.maxIslands) || o.maxIslands < 0) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'splitIslands' }, `maxIslands ${o.maxIslands} must be a non-negative integer`);
  }
  const { labels, count, sizes } = connectedComponents(mask, dims, { connectivity: o.connectivity });
  const order: number[] = [];
  for (let c = 1; c <= count; c++) if (sizes[c] >= o.minVoxels) order.push(c);
  order.sort((a, b) => sizes[b] - sizes[a] || a - b);
  const kept = order.slice(0, o.maxIslands);
  // Component number → position in the output (0 = not returned).
  const slot = new Int32Array(count + 1);
  kept.forEach((c, m) => (slot[c] = m + 1));
  const out = kept.map(() => new Uint8Array(labels.length));
  for (let p = 0; p < labels.length; p++) {
    const s = slot[labels[p]];
    if (s !== 0) out[s - 1][p] = 1;
  }
  return out;
}
