import { boxDims, cropToBox, nonZeroBounds, padBox, pasteBox } from '../algorithms/grid.ts';
import { boxCloseMm } from './boxMorphology.ts';
import { type CtContext, lpsAt } from './ctContext.ts';
import { fillHolesAxial } from './fillHolesAxial.ts';

/** Options of `spineReference`. */
export interface SpineReferenceOptions {
  /** Spine bone lies within this distance (LPS x) of the body's left-right centre. */
  halfWidthMm: number;
  /** A slice needs this much spine bone to measure the spine (disc levels have none). */
  minAreaMm2: number;
  /**
   * Where the posterior compartment starts, as a fraction of the spine's depth from its anterior
   * to its posterior edge: the vertebral body's back is ≈ 40–45% of the way in lumbar and
   * thoracic vertebrae (body 30–35 mm, canal 15–18 mm, arch and spinous process 30–35 mm).
   */
  bodyFraction: number;
  /** Half-width (mm along z) of the window the spine's edges are taken over: about half a vertebra's height. */
  windowMm: number;
  /**
   * Gaps in the spinal canal's bony ring along z (disc levels, interlaminar spaces) up to this
   * length are bridged; the lumbosacral one spans 18 mm in the TotalSegmentator example CT.
   */
  canalGapMm: number;
}

/** Defaults of `spineReference`. */
export const SPINE_REFERENCE_DEFAULTS: Readonly<SpineReferenceOptions> = { halfWidthMm: 30, minAreaMm2: 100, bodyFraction: 0.45, windowMm: 16, canalGapMm: 20 };

/** The canal's front wall may lie this far ahead of the vertebral bodies' estimated back (mm). */
const CANAL_FRONT_MARGIN_MM = 5;

/** Where the spine is, per axial slice. */
export interface SpineReference {
  /** Per slice k: LPS y (mm) from which on, posteriorly, lies the back's compartment; NaN when no spine was found anywhere. */
  posteriorFromY: Float64Array;
  /** The spinal canal (0/1): the bony ring's hole, bridged over the disc levels. */
  canal: Uint8Array;
}

/**
 * The spine as a landmark: per slice, the bone near the midline in the back half of the body
 * gives the vertebra's anterior and posterior edges (robust 5th/95th percentiles of LPS y);
 * slices without enough spine bone are interpolated. The canal is the hole the vertebral arch
 * encloses in axial slices.
 */
export function spineReference(ctx: CtContext, body: Uint8Array, bones: Uint8Array, options: Partial<SpineReferenceOptions> = {}): SpineReference {
  const o = { ...SPINE_REFERENCE_DEFAULTS, ...options };
  const [nx, ny, nz] = ctx.dims;
  const nxy = nx * ny;
  const minPixels = o.minAreaMm2 / (ctx.spacingMm[0] * ctx.spacingMm[1]);
  const front = new Float64Array(nz).fill(NaN), back = new Float64Array(nz).fill(NaN);
  const near = new Uint8Array(ctx.n);
  const ys: number[] = [];
  for (let k = 0; k < nz; k++) {
    let c = 0, si = 0, sj = 0;
    for (let p = k * nxy, j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, p++) if (body[p]) { c++; si += i; sj += j; }
    }
    if (!c) continue;
    // The centroid's LPS is the LPS of the mean index (the map is affine).
    const midX = lpsAt(ctx, 0, si / c, sj / c, k), midY = lpsAt(ctx, 1, si / c, sj / c, k);
    ys.length = 0;
    for (let p = k * nxy, j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, p++) {
        if (!bones[p] || Math.abs(lpsAt(ctx, 0, i, j, k) - midX) > o.halfWidthMm) continue;
        near[p] = 1;
        const py = lpsAt(ctx, 1, i, j, k);
        if (py > midY) ys.push(py);
      }
    }
    if (ys.length < minPixels) continue;
    ys.sort((a, b) => a - b);
    front[k] = ys[Math.floor(0.05 * (ys.length - 1))];
    back[k] = ys[Math.ceil(0.95 * (ys.length - 1))];
  }
  // A vertebra's slices show the body alone at its ends and the arch only in its middle: take the
  // extremes over a window of about one vertebra so every slice sees the whole bone.
  const w = Math.max(1, Math.round(o.windowMm / ctx.spacingMm[2]));
  const y = new Float64Array(nz).fill(NaN);
  for (let k = 0; k < nz; k++) {
    let f = Infinity, b = -Infinity;
    for (let t = Math.max(0, k - w); t <= Math.min(nz - 1, k + w); t++) {
      if (front[t] < f) f = front[t];
      if (back[t] > b) b = back[t];
    }
    if (f < b) y[k] = f + o.bodyFraction * (b - f);
  }
  const fromY = interpolateGaps(y);
  return { posteriorFromY: fromY, canal: canalOf(ctx, near, fromY, o.canalGapMm) };
}

/** Holes of the spine's bone behind the vertebral bodies (5 mm margin), bridged along z over the disc levels. */
function canalOf(ctx: CtContext, spineBone: Uint8Array, fromY: Float64Array, gapMm: number): Uint8Array {
  const canal = new Uint8Array(ctx.n);
  const bounds = nonZeroBounds(spineBone, ctx.dims);
  if (!bounds) return canal;
  const box = padBox(bounds, [1, 1, Math.ceil(gapMm / ctx.spacingMm[2])], ctx.dims);
  const sub = cropToBox(spineBone, ctx.dims, box);
  const dims = boxDims(box);
  const holes = fillHolesAxial(sub.slice(), dims);
  const [bx, by] = dims;
  for (let p = 0; p < holes.length; p++) {
    if (!holes[p] || sub[p]) { holes[p] = 0; continue; }
    const i = p % bx, j = ((p - i) / bx) % by, k = (p - i - bx * j) / (bx * by);
    const kk = k + box.lo[2];
    if (lpsAt(ctx, 1, i + box.lo[0], j + box.lo[1], kk) < fromY[kk] - CANAL_FRONT_MARGIN_MM) holes[p] = 0;
  }
  pasteBox(boxCloseMm(holes, dims, ctx.spacingMm, [0, 0, gapMm / 2]), box, canal, ctx.dims);
  return canal;
}

/** Linear interpolation over NaN runs; constant beyond the ends. */
function interpolateGaps(v: Float64Array): Float64Array {
  const known: number[] = [];
  for (let k = 0; k < v.length; k++) if (!Number.isNaN(v[k])) known.push(k);
  if (!known.length) return v;
  for (let k = 0, n = 0; k < v.length; k++) {
    while (n + 1 < known.length && known[n + 1] <= k) n++;
    const a = known[n], b = known[Math.min(n + 1, known.length - 1)];
    if (k <= a || a === b) v[k] = v[k <= a ? a : b];
    else v[k] = v[a] + ((v[b] - v[a]) * (k - a)) / (b - a);
  }
  return v;
}
