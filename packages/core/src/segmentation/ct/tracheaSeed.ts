import type { CtContext } from './ctContext.ts';
import { lpsAt } from './ctContext.ts';

/** Options of `findTracheaSeed`. */
export interface TracheaSeedOptions {
  /** Air in a lumen is below this HU (lung parenchyma is −700 … −900). */
  lumenHu: number;
  /** Cross-section of the trachea (adult 12–25 mm across). */
  minAreaMm2: number;
  maxAreaMm2: number;
  /** How far from the body's left-right centre the trachea may be. */
  midlineToleranceMm: number;
  /** The lumen must go on downwards this far. */
  minLengthMm: number;
  /** Lungs beside and below it: each side holds this much parenchyma within `lungSearchMm` below. */
  minLungMl: number;
  lungSearchMm: number;
}

/** Defaults of `findTracheaSeed`. */
export const TRACHEA_SEED_DEFAULTS: Readonly<TracheaSeedOptions> = {
  lumenHu: -900, minAreaMm2: 50, maxAreaMm2: 700, midlineToleranceMm: 40, minLengthMm: 30, minLungMl: 100, lungSearchMm: 150,
};

/** Lung-like parenchyma (per side) is HU in this range. */
const PARENCHYMA_HU = [-950, -450] as const;

/**
 * A voxel in the trachea, or −1: scanning axial slices from the top down, the first round air
 * lumen near the midline that continues downwards for minLengthMm and has lungs on both sides
 * below it. Bowel gas fails the last test, so abdominal scans give −1.
 */
export function findTracheaSeed(ctx: CtContext, body: Uint8Array, options: Partial<TracheaSeedOptions> = {}): number {
  const o = { ...TRACHEA_SEED_DEFAULTS, ...options };
  const [nx, ny, nz] = ctx.dims;
  const nxy = nx * ny;
  const hu = ctx.hu;
  const [sx, sy, sz] = ctx.spacingMm;
  const pixelMm2 = sx * sy;
  // Per slice: the body's centre (i, in index units) and the parenchyma left / right of it.
  const centreI = new Float64Array(nz), leftMl = new Float64Array(nz), rightMl = new Float64Array(nz);
  const leftIsHighI = ctx.indexToWorld[0] > 0;
  for (let k = 0; k < nz; k++) {
    let c = 0, si = 0;
    for (let p = k * nxy, e = p + nxy; p < e; p++) if (body[p]) { c++; si += p % nx; }
    centreI[k] = c ? si / c : nx / 2;
    for (let p = k * nxy, e = p + nxy; p < e; p++) {
      if (!body[p] || !(hu[p] >= PARENCHYMA_HU[0] && hu[p] < PARENCHYMA_HU[1])) continue;
      if ((p % nx > centreI[k]) === leftIsHighI) leftMl[k] += ctx.voxelMm3 / 1000; else rightMl[k] += ctx.voxelMm3 / 1000;
    }
  }
  const down = ctx.indexToWorld[10] > 0 ? -1 : 1;
  const labels = new Int32Array(nxy);
  const stack = new Int32Array(nxy);
  for (let t = 0; t < nz; t++) {
    const k = down < 0 ? nz - 1 - t : t;
    labels.fill(0);
    let next = 0;
    for (let q = 0; q < nxy; q++) {
      if (labels[q] || !isLumen(k * nxy + q)) continue;
      // Flood one 4-connected component of the slice, keeping its area and box.
      const c = ++next;
      let top = 0, area = 0, i0 = nx, i1 = -1, j0 = ny, j1 = -1, si = 0, sj = 0;
      labels[q] = c;
      stack[top++] = q;
      while (top > 0) {
        const r = stack[--top];
        const i = r % nx, j = (r - i) / nx;
        area++; si += i; sj += j;
        if (i < i0) i0 = i; if (i > i1) i1 = i; if (j < j0) j0 = j; if (j > j1) j1 = j;
        if (i > 0 && !labels[r - 1] && isLumen(k * nxy + r - 1)) { labels[r - 1] = c; stack[top++] = r - 1; }
        if (i < nx - 1 && !labels[r + 1] && isLumen(k * nxy + r + 1)) { labels[r + 1] = c; stack[top++] = r + 1; }
        if (j > 0 && !labels[r - nx] && isLumen(k * nxy + r - nx)) { labels[r - nx] = c; stack[top++] = r - nx; }
        if (j < ny - 1 && !labels[r + nx] && isLumen(k * nxy + r + nx)) { labels[r + nx] = c; stack[top++] = r + nx; }
      }
      const areaMm2 = area * pixelMm2;
      if (areaMm2 < o.minAreaMm2 || areaMm2 > o.maxAreaMm2) continue;
      const w = (i1 - i0 + 1) * sx, h = (j1 - j0 + 1) * sy;
      if (Math.max(w, h) > 2 * Math.min(w, h) || areaMm2 < 0.5 * (Math.PI / 4) * w * h) continue;
      const ci = si / area, cj = sj / area;
      const offMm = Math.abs(lpsAt(ctx, 0, ci, cj, k) - lpsAt(ctx, 0, centreI[k], cj, k));
      if (offMm > o.midlineToleranceMm) continue;
      if (!continuesDown(k, c, area) || !lungsBelow(k)) continue;
      return k * nxy + q;
    }
  }
  return -1;

  function isLumen(p: number): boolean {
    return body[p] !== 0 && hu[p] < o.lumenHu;
  }

  /** At least 30% of the component's footprint is lumen in every slice down to minLengthMm. */
  function continuesDown(k: number, c: number, area: number): boolean {
    const slices = Math.ceil(o.minLengthMm / sz);
    for (let s = 1; s <= slices; s++) {
      const kk = k + down * s;
      if (kk < 0 || kk >= nz) return false;
      let hit = 0;
      for (let q = 0; q < nxy; q++) if (labels[q] === c && isLumen(kk * nxy + q)) hit++;
      if (hit < 0.3 * area) return false;
    }
    return true;
  }

  function lungsBelow(k: number): boolean {
    let l = 0, r = 0;
    const slices = Math.ceil(o.lungSearchMm / sz);
    for (let s = 0; s <= slices; s++) {
      const kk = k + down * s;
      if (kk < 0 || kk >= nz) break;
      l += leftMl[kk];
      r += rightMl[kk];
    }
    return l >= o.minLungMl && r >= o.minLungMl;
  }
}
