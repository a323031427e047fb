import { connectedComponents } from '../algorithms/connectedComponents.ts';
import { boxDims, cropToBox, nonZeroBounds, pasteBox } from '../algorithms/grid.ts';
import { type CtContext, lpsAt, mlToVoxels } from './ctContext.ts';
import { fillSmallHoles2D } from './fillSmallHoles.ts';

/** Options of `segmentLungs`. */
export interface LungOptions {
  /** Aerated lung is below this HU: between parenchyma (≈ −850) and fat or soft tissue, nearer the half-maximum against fat (−475) than the one against soft tissue (−400). */
  thresholdHu: number;
  /** Air islands smaller than this are not lungs (bowel gas, noise). */
  minVolumeMl: number;
  /** Bowel gas is pure air: an island with more than this fraction below −950 HU is not lung. */
  maxPureAirFraction: number;
  /** A lung's centre lies at least this far from the midline (a midline air island is oesophagus or bowel). */
  midlineMarginMm: number;
  /** Where one island spans both sides, the split is searched this far either side of the midline. */
  splitSearchMm: number;
  /** Holes a lung encloses in an axial slice up to this area are vessels and filled; larger ones (the liver dome inside a lung base) are not lung. */
  maxVesselAreaMm2: number;
}

/** Defaults of `segmentLungs`. */
export const LUNG_DEFAULTS: Readonly<LungOptions> = { thresholdHu: -450, minVolumeMl: 20, maxPureAirFraction: 0.3, midlineMarginMm: 25, splitSearchMm: 40, maxVesselAreaMm2: 300 };

const PURE_AIR_HU = -950;

/**
 * Right and left lungs: the aerated islands of the body (airway removed) that look like lung
 * parenchyma (not pure air, not touching the outside, off the midline), each side's vessels (small holes) filled in slice by slice. Islands are told apart by the side of
 * the midline (LPS x = `midlineX`) their centre lies on; one island over both sides (lungs
 * touching at a junction line) is cut per slice at its narrowest column near the midline.
 */
export function segmentLungs(ctx: CtContext, body: Uint8Array, airway: Uint8Array, midlineX: number, options: Partial<LungOptions> = {}): { right: Uint8Array; left: Uint8Array } {
  const o = { ...LUNG_DEFAULTS, ...options };
  const [nx, ny] = ctx.dims;
  const air = new Uint8Array(ctx.n);
  for (let p = 0; p < ctx.n; p++) air[p] = body[p] && !airway[p] && ctx.hu[p] < o.thresholdHu ? 1 : 0;
  const { labels, count, sizes } = connectedComponents(air, ctx.dims);
  const pure = new Float64Array(count + 1), onRight = new Float64Array(count + 1), atSkin = new Uint8Array(count + 1);
  const nxy = nx * ny, nz = ctx.dims[2];
  for (let p = 0; p < ctx.n; p++) {
    const c = labels[p];
    if (!c) continue;
    if (ctx.hu[p] < PURE_AIR_HU) pure[c]++;
    const i = p % nx, j = ((p - i) / nx) % ny, k = (p - i - nx * j) / nxy;
    if (lpsAt(ctx, 0, i, j, k) < midlineX) onRight[c]++;
    // Air that touches the outside (a skin fold the body's fill closed) is not lung.
    if ((i > 0 && !body[p - 1]) || (i < nx - 1 && !body[p + 1]) || (j > 0 && !body[p - nx]) || (j < ny - 1 && !body[p + nx])
      || (k > 0 && !body[p - nxy]) || (k < nz - 1 && !body[p + nxy])) atSkin[c] = 1;
  }
  // 0: not lung, 1: right, 2: left, 3: both (split below).
  const side = new Uint8Array(count + 1);
  const minVoxels = mlToVoxels(ctx, o.minVolumeMl);
  for (let c = 1; c <= count; c++) {
    if (sizes[c] < minVoxels || atSkin[c] || pure[c] > o.maxPureAirFraction * sizes[c]) continue;
    const r = onRight[c] / sizes[c];
    if (r > 0.2 && r < 0.8) side[c] = 3;
    else side[c] = r >= 0.8 ? 1 : 2;
    if (side[c] !== 3 && !farFromMidline(c)) side[c] = 0;
  }
  const right = new Uint8Array(ctx.n), left = new Uint8Array(ctx.n);
  for (let p = 0; p < ctx.n; p++) {
    const s = side[labels[p]];
    if (s === 1) right[p] = 1;
    else if (s === 2) left[p] = 1;
  }
  for (let c = 1; c <= count; c++) if (side[c] === 3) splitAtNarrowest(c);
  return { right: fillVessels(right), left: fillVessels(left) };

  function farFromMidline(c: number): boolean {
    let sx = 0;
    for (let p = 0; p < ctx.n; p++) {
      if (labels[p] !== c) continue;
      const i = p % nx, j = ((p - i) / nx) % ny, k = (p - i - nx * j) / (nx * ny);
      sx += lpsAt(ctx, 0, i, j, k);
    }
    return Math.abs(sx / sizes[c] - midlineX) >= o.midlineMarginMm;
  }

  /** Per slice, the column (i) with the fewest voxels of the island within splitSearchMm of the midline. */
  function splitAtNarrowest(c: number): void {
    const nz = ctx.dims[2], nxy = nx * ny;
    const columns = new Float64Array(nx);
    const rightIsLowI = ctx.indexToWorld[0] > 0;
    for (let k = 0; k < nz; k++) {
      columns.fill(0);
      for (let p = k * nxy, e = p + nxy; p < e; p++) if (labels[p] === c) columns[p % nx]++;
      let best = -1;
      for (let i = 0; i < nx; i++) {
        if (Math.abs(lpsAt(ctx, 0, i, ny / 2, k) - midlineX) > o.splitSearchMm) continue;
        if (best < 0 || columns[i] < columns[best]) best = i;
      }
      if (best < 0) best = Math.round(nx / 2);
      for (let p = k * nxy, e = p + nxy; p < e; p++) {
        if (labels[p] !== c) continue;
        const isRight = rightIsLowI ? p % nx < best : p % nx > best;
        if (isRight) right[p] = 1; else left[p] = 1;
      }
    }
  }

  function fillVessels(lung: Uint8Array): Uint8Array {
    const box = nonZeroBounds(lung, ctx.dims);
    if (!box) return lung;
    const sub = fillSmallHoles2D(cropToBox(lung, ctx.dims, box), boxDims(box), ctx.spacingMm[0] * ctx.spacingMm[1], o.maxVesselAreaMm2);
    pasteBox(sub, box, lung, ctx.dims);
    for (let p = 0; p < ctx.n; p++) if (airway[p]) lung[p] = 0;
    return lung;
  }
}
