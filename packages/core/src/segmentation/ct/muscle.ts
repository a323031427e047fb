import { squaredDistanceMm2 } from '../algorithms/distanceTransform.ts';
import { type CtContext, lpsAt } from './ctContext.ts';
import type { SpineReference } from './spineReference.ts';

/** Options of `segmentMuscle`. */
export interface MuscleOptions {
  /**
   * Skeletal muscle is HU in (minHu, maxHu]: the lower end is fat's upper one. No upper end by
   * default: bone is excluded before, and the dense partial-volume voxels beside bone are muscle.
   */
  minHu: number;
  maxHu: number;
  /** The body wall's muscle layer reaches this deep (mm, in-plane) below the deep fascia. */
  wallDepthMm: number;
}

/** Defaults of `segmentMuscle`. */
export const MUSCLE_DEFAULTS: Readonly<MuscleOptions> = { minHu: -30, maxHu: Infinity, wallDepthMm: 15 };

/**
 * Skeletal muscle by compartments, since HU alone cannot tell muscle from liver, spleen or
 * bowel: soft tissue inside the deep fascia that is either within wallDepthMm of it (the muscles
 * of the body wall) or behind the vertebral bodies (the back muscles; `spine`), minus the spinal
 * canal. Muscles deep in the trunk beside organs (psoas, diaphragm, iliacus) are not found.
 * `exclude` holds what is already something else (bone, lungs, airway, skin).
 */
export function segmentMuscle(ctx: CtContext, insideWall: Uint8Array, exclude: Uint8Array, spine: SpineReference, options: Partial<MuscleOptions> = {}): Uint8Array {
  const o = { ...MUSCLE_DEFAULTS, ...options };
  const [nx, ny, nz] = ctx.dims;
  const nxy = nx * ny;
  const hu = ctx.hu;
  const muscle = new Uint8Array(ctx.n);
  const depth2 = new Float32Array(nxy);
  const wall2 = o.wallDepthMm * o.wallDepthMm;
  const planar: [number, number, number] = [nx, ny, 1];
  for (let k = 0; k < nz; k++) {
    const slice = insideWall.subarray(k * nxy, (k + 1) * nxy);
    // In-plane distance to the outside of the fascia, slice by slice (the wall is ~parallel to z).
    squaredDistanceMm2(slice, planar, ctx.spacingMm, 0, depth2);
    const fromY = spine.posteriorFromY[k];
    for (let j = 0, p = k * nxy, q = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, p++, q++) {
        if (!slice[q] || exclude[p] || spine.canal[p]) continue;
        const v = hu[p];
        if (!(v > o.minHu && v <= o.maxHu)) continue;
        if (depth2[q] <= wall2 || lpsAt(ctx, 1, i, j, k) >= fromY) muscle[p] = 1;
      }
    }
  }
  return muscle;
}
