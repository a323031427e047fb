import { IndexQueue } from '../algorithms/IndexQueue.ts';
import type { CtContext } from './ctContext.ts';

/** Options of `segmentSkin`. */
export interface SkinOptions {
  /** Fat is at or below this HU (the upper bound of the usual −190 … −30 fat window). */
  fatMaxHu: number;
  /**
   * Deepest skin (mm along face-neighbour paths from the body surface). Skin is 1.5–4 mm thick;
   * where muscle lies right under it (no fat between) nothing in HU separates the two, so the
   * dense layer is cut here.
   */
  maxDepthMm: number;
}

/** Defaults of `segmentSkin`. */
export const SKIN_DEFAULTS: Readonly<SkinOptions> = { fatMaxHu: -30, maxDepthMm: 6 };

/** Depths are kept in tenths of a millimetre in a byte; 255 = not reached. */
const DEPTH_UNIT_MM = 0.1;
const UNREACHED = 255;

/**
 * Skin: the dense layer at the body surface. The surface voxels (a face neighbour outside the
 * body, inside the grid, so cut faces at the ends of the scan are not skin) are skin whatever
 * their HU (they share their volume with air); from them the layer grows inwards through
 * non-fat voxels (HU > fatMaxHu) up to maxDepthMm. The subcutaneous fat below ends it.
 */
export function segmentSkin(ctx: CtContext, body: Uint8Array, options: Partial<SkinOptions> = {}): Uint8Array {
  const o = { ...SKIN_DEFAULTS, ...options };
  const [nx, ny, nz] = ctx.dims;
  const nxy = nx * ny;
  const hu = ctx.hu;
  const unit = ctx.spacingMm.map((s) => Math.round(s / DEPTH_UNIT_MM)) as number[];
  const cap = Math.min(UNREACHED - 1, Math.round(o.maxDepthMm / DEPTH_UNIT_MM));
  const depth = new Uint8Array(ctx.n).fill(UNREACHED);
  const skin = new Uint8Array(ctx.n);
  const queue = new IndexQueue();
  for (let k = 0, p = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, p++) {
        if (!body[p]) continue;
        let d = UNREACHED;
        if (i > 0 && !body[p - 1]) d = Math.min(d, unit[0] >> 1);
        if (i < nx - 1 && !body[p + 1]) d = Math.min(d, unit[0] >> 1);
        if (j > 0 && !body[p - nx]) d = Math.min(d, unit[1] >> 1);
        if (j < ny - 1 && !body[p + nx]) d = Math.min(d, unit[1] >> 1);
        if (k > 0 && !body[p - nxy]) d = Math.min(d, unit[2] >> 1);
        if (k < nz - 1 && !body[p + nxy]) d = Math.min(d, unit[2] >> 1);
        if (d === UNREACHED) continue;
        depth[p] = d;
        skin[p] = 1;
        queue.push(p);
      }
    }
  }
  const dirStep = [-1, 1, -nx, nx, -nxy, nxy];
  while (queue.size > 0) {
    const p = queue.shift();
    const i = p % nx, j = ((p - i) / nx) % ny, k = (p - i - nx * j) / nxy;
    for (let e = 0; e < 6; e++) {
      const a = e >> 1;
      const d = depth[p] + unit[a];
      if (d > cap) continue;
      const c = a === 0 ? i : a === 1 ? j : k;
      if ((e & 1) === 0 ? c === 0 : c === ctx.dims[a] - 1) continue;
      const q = p + dirStep[e];
      if (!body[q] || depth[q] <= d || !(hu[q] > o.fatMaxHu)) continue;
      depth[q] = d;
      skin[q] = 1;
      queue.push(q);
    }
  }
  return skin;
}
