import { boxDims, cropToBox, nonZeroBounds, pasteBox } from '../algorithms/grid.ts';
import { boxCloseMm } from './boxMorphology.ts';
import type { CtContext } from './ctContext.ts';
import { fillHolesInAllSlices } from './fillHolesInSlices.ts';

/**
 * Add the marrow to a mask of dense bone, in place: the cavities the bone encloses, found in two
 * ways, neither of which fills the spinal canal `canal`.
 * - Holes in axial, coronal or sagittal slices, filled until no slice of any orientation has one
 *   (`fillHolesInAllSlices`): marrow walled in by cortex that is dense enough in every slice.
 * - Holes of the bone after a closing of `closingMm` within axial slices, used only to find them:
 *   fatty marrow whose thin cortex falls below the bone threshold in places (the sacrum of the
 *   TotalSegmentator example CT, 3 mm), leaving gaps of up to 2 × closingMm in its outline. The
 *   closing stays within the slice so that the discs between vertebral bodies stay open, and the
 *   canal counts as outside: a pocket that opens into the canal is not marrow. Cavities narrower
 *   than the closing are taken up by it and not added (only the first way finds them).
 */
export function fillMarrow(ctx: CtContext, bone: Uint8Array, canal: Uint8Array, closingMm: number): void {
  const box = nonZeroBounds(bone, ctx.dims);
  if (!box) return;
  const dims = boxDims(box);
  const dense = cropToBox(bone, ctx.dims, box);
  const spared = cropToBox(canal, ctx.dims, box);
  const withMarrow = dense.slice();
  fillHolesInAllSlices(withMarrow, dims, { spared });
  if (closingMm > 0) {
    const closed = boxCloseMm(dense, dims, ctx.spacingMm, [closingMm, closingMm, 0]);
    for (let p = 0; p < closed.length; p++) if (spared[p]) closed[p] = 0;
    const enclosed = closed.slice();
    fillHolesInAllSlices(enclosed, dims, { outside: spared });
    // Only the holes: the voxels the closing itself added bridge gaps between bones as often as in a cortex.
    for (let p = 0; p < withMarrow.length; p++) if (enclosed[p] && !closed[p]) withMarrow[p] = 1;
  }
  pasteBox(withMarrow, box, bone, ctx.dims);
}
