import { boxCloseMm } from './boxMorphology.ts';
import type { CtContext } from './ctContext.ts';
import { fillHolesAxial } from './fillHolesAxial.ts';

/** Options of `segmentFat`. */
export interface FatOptions {
  /**
   * Fat is HU in [minHu, maxHu]. The usual body-composition window is −190 … −30; the lower bound
   * here defaults to the lung threshold so that every body voxel belongs to exactly one tissue
   * (partial-volume voxels between fat and air count as fat, as the half-maximum puts them).
   */
  minHu: number;
  maxHu: number;
  /** Gaps in the muscle wall (linea alba, thin spots) up to twice this (mm, in-plane) are bridged before the wall's inside is filled. */
  wallClosingMm: number;
}

/** Defaults of `segmentFat`. */
export const FAT_DEFAULTS: Readonly<FatOptions> = { minHu: -450, maxHu: -30, wallClosingMm: 10 };

/** Fat, split by the muscle wall. */
export interface FatResult {
  subcutaneous: Uint8Array;
  visceral: Uint8Array;
  /** The region inside the outer surface of the muscle wall (the deep fascia), per axial slice. */
  insideWall: Uint8Array;
}

/**
 * Subcutaneous and visceral fat. Everything of the body that is neither skin nor fat (muscle,
 * organs, bone, lungs) forms, per axial slice, a ring whose inside is the deep compartment: its
 * fat is visceral (with mediastinal and intermuscular fat), the fat outside it subcutaneous.
 * `exclude` (skin, bones, lungs, airway: what is already segmented) is never fat.
 */
export function segmentFat(ctx: CtContext, body: Uint8Array, exclude: Uint8Array, options: Partial<FatOptions> = {}): FatResult {
  const o = { ...FAT_DEFAULTS, ...options };
  const hu = ctx.hu;
  const fat = new Uint8Array(ctx.n);
  const deep = new Uint8Array(ctx.n);
  for (let p = 0; p < ctx.n; p++) {
    if (!body[p] || exclude[p]) continue;
    const v = hu[p];
    if (v >= o.minHu && v <= o.maxHu) fat[p] = 1;
    else deep[p] = 1;
  }
  const r = o.wallClosingMm;
  const closed = r > 0 ? boxCloseMm(deep, ctx.dims, ctx.spacingMm, [r, r, 0]) : deep;
  const insideWall = fillHolesAxial(closed, ctx.dims);
  const subcutaneous = new Uint8Array(ctx.n), visceral = new Uint8Array(ctx.n);
  for (let p = 0; p < ctx.n; p++) {
    if (!body[p]) insideWall[p] = 0;
    if (!fat[p]) continue;
    if (insideWall[p]) visceral[p] = 1;
    else subcutaneous[p] = 1;
  }
  return { subcutaneous, visceral, insideWall };
}
