import { boxDims, cropToBox, nonZeroBounds, padBox, pasteBox } from '../algorithms/grid.ts';
import { keepIslandsAt, keepLargestIsland } from '../algorithms/islands.ts';
import { boxErodeMm } from './boxMorphology.ts';
import { type CtContext, huRangeMask } from './ctContext.ts';
import { fillHolesAxial } from './fillHolesAxial.ts';

/** Options of `segmentBody`. */
export interface BodyOptions {
  /** Tissue is above this HU: halfway between air (−1000) and water (0), the half-maximum edge of skin against air. */
  thresholdHu: number;
  /**
   * Objects thinner than this in the axial plane (mm) are not the patient: the table top,
   * cushions' shells, cables. An in-plane box of this width must fit somewhere inside a kept island.
   */
  minThicknessMm: number;
}

/** Defaults of `segmentBody`. */
export const BODY_DEFAULTS: Readonly<BodyOptions> = { thresholdHu: -500, minThicknessMm: 20 };

/**
 * The patient's body: voxels above `thresholdHu`, the islands (face-connected) thick enough to be
 * the patient (arms outside the torso are kept, the table is not), with the air inside (lungs,
 * airways, bowel gas) filled slice by slice in the axial plane.
 */
export function segmentBody(ctx: CtContext, options: Partial<BodyOptions> = {}): Uint8Array {
  const o = { ...BODY_DEFAULTS, ...options };
  const tissue = huRangeMask(ctx, o.thresholdHu, Infinity);
  const r = o.minThicknessMm / 2;
  const core = boxErodeMm(tissue, ctx.dims, ctx.spacingMm, [r, r, 0]);
  // A core voxel's whole in-plane box is tissue of its island, so one seed per box-sized cell
  // of a lattice (the core voxel snapped down to it) reaches every island the core touches.
  const [nx, ny] = ctx.dims;
  const cell = [0, 1].map((a) => Math.max(1, Math.floor(r / ctx.spacingMm[a]) + 1));
  const seeds: number[] = [];
  for (let p = 0; p < ctx.n; p++) {
    if (!core[p]) continue;
    const i = p % nx, j = ((p - i) / nx) % ny;
    const q = p - (i % cell[0]) - nx * (j % cell[1]);
    if (core[q] !== 2) { core[q] = 2; seeds.push(q); }
  }
  const body = seeds.length ? keepIslandsAt(tissue, ctx.dims, seeds) : keepLargestIsland(tissue, ctx.dims);
  const box = nonZeroBounds(body, ctx.dims);
  if (!box) return body;
  // Fill within the body's box (one voxel of air around it keeps the outside connected).
  const pad = padBox(box, [1, 1, 0], ctx.dims);
  pasteBox(fillHolesAxial(cropToBox(body, ctx.dims, pad), boxDims(pad)), pad, body, ctx.dims);
  return body;
}
