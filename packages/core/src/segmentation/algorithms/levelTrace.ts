import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3 } from '../../math/Vec3.ts';
import { fillHoles } from './fillHoles.ts';
import { checkGrid, outputMask } from './grid.ts';
import { IndexQueue } from './IndexQueue.ts';

/** Options of `levelTrace`. */
export interface LevelTraceOptions {
  /** The level; default the value at the seed (the region is then the seed's value and above). */
  level?: number;
  /** In-slice connectivity: 4 (default, edges) or 8 (edges and corners). */
  connectivity?: 4 | 8;
  /** Fill holes inside the traced outline, as filling the outline does in Slicer (default true). */
  fillHoles?: boolean;
  /** Written into and returned; only the seed's slice is written, other slices are left as they are. */
  out?: Uint8Array;
}

/** Documented defaults of `levelTrace`. */
export const LEVEL_TRACE_DEFAULTS = { connectivity: 4 as 4 | 8, fillHoles: true };

/**
 * Level tracing on one slice: across index axis `axis` through the seed voxel (i, j, k), the
 * connected region of the seed's side of the level (values ≥ level when the seed's value is
 * ≥ level, else ≤ level): the region whose outline Slicer's Level tracing effect draws. Returns a
 * grid mask with that region on the seed's slice (0/1).
 */
export function levelTrace(values: ArrayLike<number>, dims: Dims3, seedIjk: [number, number, number], axis: 0 | 1 | 2, options: LevelTraceOptions = {}): Uint8Array {
  const n = checkGrid(values, dims, 'levelTrace', 'intensity volume');
  if (axis !== 0 && axis !== 1 && axis !== 2) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'levelTrace' }, `axis ${axis} must be 0, 1 or 2`);
  if (!seedIjk.every((v, a) => Number.isInteger(v) && v >= 0 && v < dims[a])) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'levelTrace' }, `seed (${seedIjk.join(', ')}) is outside the grid ${dims.join('×')}`);
  }
  const connectivity = options.connectivity ?? LEVEL_TRACE_DEFAULTS.connectivity;
  if (connectivity !== 4 && connectivity !== 8) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'levelTrace' }, `connectivity ${connectivity} must be 4 or 8`);
  // The slice as a w×h image: u and v are the two other index axes, in order.
  const stride = [1, dims[0], dims[0] * dims[1]];
  const ua = axis === 0 ? 1 : 0, va = axis === 2 ? 1 : 2;
  const w = dims[ua], h = dims[va], su = stride[ua], sv = stride[va];
  const base = seedIjk[axis] * stride[axis];
  const seedValue = values[base + seedIjk[ua] * su + seedIjk[va] * sv];
  const level = options.level ?? seedValue;
  const above = seedValue >= level;

  const region = new Uint8Array(w * h);
  const queue = new IndexQueue();
  const start = seedIjk[ua] + w * seedIjk[va];
  region[start] = 1;
  queue.push(start);
  const inside = (u: number, v: number): boolean => {
    const x = values[base + u * su + v * sv];
    return above ? x >= level : x <= level;
  };
  while (queue.size > 0) {
    const p = queue.shift();
    const u = p % w, v = (p - u) / w;
    for (let dv = -1; dv <= 1; dv++) {
      const vv = v + dv;
      if (vv < 0 || vv >= h) continue;
      for (let du = -1; du <= 1; du++) {
        if ((du === 0 && dv === 0) || (connectivity === 4 && du !== 0 && dv !== 0)) continue;
        const uu = u + du;
        if (uu < 0 || uu >= w) continue;
        const q = uu + w * vv;
        if (region[q] === 0 && inside(uu, vv)) {
          region[q] = 1;
          queue.push(q);
        }
      }
    }
  }
  // The slice is a w×h×1 grid: 'axial' fills across its third axis, i.e. within the slice.
  const traced = (options.fillHoles ?? LEVEL_TRACE_DEFAULTS.fillHoles) ? fillHoles(region, [w, h, 1], { slicewise: 'axial', out: region }) : region;
  const out = outputMask(options.out, n, 'levelTrace');
  for (let v = 0; v < h; v++) for (let u = 0; u < w; u++) out[base + u * su + v * sv] = traced[u + w * v];
  return out;
}
