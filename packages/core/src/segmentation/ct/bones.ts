import { keepIslandsAt } from '../algorithms/islands.ts';
import { boxDilateMm } from './boxMorphology.ts';
import { type CtContext, huRangeMask } from './ctContext.ts';
import { fillMarrow } from './marrow.ts';
import { type SpineReference, type SpineReferenceOptions, spineReference } from './spineReference.ts';

/** Options of `segmentBones`. */
export interface BoneOptions {
  /** Bone candidates: at or above this HU (cancellous bone and marrow at clinical resolution reach down to ≈ 100; muscle stays below ≈ 70). */
  lowHu: number;
  /** A candidate island is bone only if it holds a voxel this dense (cortex), so calcified or enhancing soft tissue is not. */
  seedHu: number;
  /**
   * Attenuation of cortical bone for the surface: the boundary is the half-maximum between the
   * local surroundings and this (−25 HU against lung, 350 against fat, 425 against muscle for the
   * default 800), the geometric surface of a bone whose cortex the scan resolves.
   */
  cortexHu: number;
  /**
   * The surface is moved only where the cortex is resolved: some bone voxel next to the boundary
   * voxel reaches this fraction of cortexHu. Thick-slice scans blur a thin cortex far below it;
   * there the visible extent (everything ≥ lowHu with its marrow) stays, which is also how
   * reference segmentations drawn on such scans (TotalSegmentator) outline bone.
   */
  resolvedFraction: number;
  /** Boundary passes: each can move the surface by one voxel; only the first removes. 0 keeps the visible extent everywhere. */
  refinePasses: number;
  /**
   * Cortex gaps up to twice this (mm, within axial slices) still enclose marrow: a closing of
   * this radius finds the cavities, without adding the voxels it bridges. 0: only cavities that
   * the dense bone closes in its slices.
   */
  marrowClosingMm: number;
}

/** Defaults of `segmentBones`. */
export const BONE_DEFAULTS: Readonly<BoneOptions> = { lowHu: 120, seedHu: 300, cortexHu: 800, resolvedFraction: 0.6, refinePasses: 2, marrowClosingMm: 6 };

/**
 * Bones: islands of voxels at or above lowHu that hold some cortex (seedHu), with the marrow
 * they enclose (`fillMarrow`: cavities in axial, coronal or sagittal slices, also behind small
 * gaps in the cortex) but not the spinal canal found by `spineReference`, then the surface
 * placed at the half-maximum between cortex and the local surroundings: a voxel beside the bone
 * joins it, and a boundary voxel leaves it, by comparing its HU with (surroundings + cortex) / 2.
 * The surroundings are the voxels nearest to it (within a 5×5×5 neighbourhood) two voxels or
 * more from the bone, so that its own side of a junction (fat, muscle or lung) sets its threshold.
 */
export function segmentBones(ctx: CtContext, body: Uint8Array, options: Partial<BoneOptions> = {}, spineOptions: Partial<SpineReferenceOptions> = {}): { bones: Uint8Array; spine: SpineReference } {
  const o = { ...BONE_DEFAULTS, ...options };
  const candidate = huRangeMask(ctx, o.lowHu, Infinity, body);
  const seeds: number[] = [];
  for (let p = 0; p < ctx.n; p++) if (candidate[p] && ctx.hu[p] >= o.seedHu) seeds.push(p);
  const bone = keepIslandsAt(candidate, ctx.dims, seeds);
  const spine = spineReference(ctx, body, bone, spineOptions);
  fillMarrow(ctx, bone, spine.canal, o.marrowClosingMm);
  // Only the first pass removes: once the outer partial-volume voxels are gone, the next layer
  // in may be cancellous bone, darker than the half-maximum yet inside the bone.
  for (let pass = 0; pass < o.refinePasses; pass++) refineSurface(ctx, bone, body, o.cortexHu, o.resolvedFraction, pass === 0);
  return { bones: bone, spine };
}

function refineSurface(ctx: CtContext, bone: Uint8Array, body: Uint8Array, cortexHu: number, resolvedFraction: number, remove: boolean): void {
  const [nx, ny, nz] = ctx.dims;
  const nxy = nx * ny;
  const hu = ctx.hu;
  const [sx, sy, sz] = ctx.spacingMm;
  const near = boxDilateMm(bone, ctx.dims, ctx.spacingMm, ctx.spacingMm);
  const flip: number[] = [];
  for (let k = 0, p = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, p++) {
        if (!near[p] || !body[p]) continue;
        const b = bone[p];
        // A boundary voxel: in the bone with a face neighbour outside, or outside with one inside.
        let edge = false;
        if (i > 0 && bone[p - 1] !== b) edge = true;
        else if (i < nx - 1 && bone[p + 1] !== b) edge = true;
        else if (j > 0 && bone[p - nx] !== b) edge = true;
        else if (j < ny - 1 && bone[p + nx] !== b) edge = true;
        else if (k > 0 && bone[p - nxy] !== b) edge = true;
        else if (k < nz - 1 && bone[p + nxy] !== b) edge = true;
        if (!edge) continue;
        let sum = 0, c = 0, best = Infinity, peak = -Infinity;
        for (let dk = -2; dk <= 2; dk++) {
          const kk = k + dk;
          if (kk < 0 || kk >= nz) continue;
          for (let dj = -2; dj <= 2; dj++) {
            const jj = j + dj;
            if (jj < 0 || jj >= ny) continue;
            for (let di = -2; di <= 2; di++) {
              const ii = i + di;
              if (ii < 0 || ii >= nx) continue;
              const q = ii + nx * (jj + ny * kk);
              if (bone[q] && di * di <= 1 && dj * dj <= 1 && dk * dk <= 1 && hu[q] > peak) peak = hu[q];
              if (near[q] || !body[q]) continue;
              const d2 = (di * sx) ** 2 + (dj * sy) ** 2 + (dk * sz) ** 2;
              if (d2 > best + 1e-6) continue;
              if (d2 < best - 1e-6) { best = d2; sum = 0; c = 0; }
              sum += hu[q];
              c++;
            }
          }
        }
        // Where no voxel near it reaches resolvedFraction × cortexHu the cortex is blurred below
        // what the half-maximum assumes: the visible extent stays.
        if (c === 0 || peak < resolvedFraction * cortexHu) continue;
        const t = (sum / c + cortexHu) / 2;
        if ((b !== 0) !== (hu[p] >= t) && (remove || !b)) flip.push(p);
      }
    }
  }
  for (const p of flip) bone[p] ^= 1;
}
