import { VoxaError } from '../../errors/VoxaError.ts';
import { type Mat4, mat4Invert, transformPoint } from '../../math/Mat4.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { type Volume, spacingMm } from '../../volume/Volume.ts';
import type { VoxelBox } from '../SegmentationHistory.ts';

/** A box of the CT around the click, as float32 HU, with its own geometry. */
export interface LesionCrop {
  /** Where the crop lies in the full grid (inclusive). */
  box: VoxelBox;
  dims: Dims3;
  n: number;
  hu: Float32Array;
  spacingMm: Vec3;
  /** Crop index → LPS mm. */
  indexToWorld: Mat4;
  /** The seed voxel, as an index into the crop. */
  seed: number;
  /** The click in crop index coordinates (fractional). */
  seedIjk: Vec3;
}

/**
 * The crop of `ct` within `radiusMm` of `seedLps` (per axis, clipped to the grid). Throws when
 * the click lies outside the volume.
 */
export function lesionCrop(ct: Volume, seedLps: Vec3, radiusMm: number): LesionCrop {
  const ijk = transformPoint(mat4Invert(ct.indexToWorld), seedLps);
  const dims = ct.dimensions;
  const centre = ijk.map((v) => Math.round(v)) as Vec3;
  if (centre.some((v, a) => !(v >= 0 && v < dims[a]))) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'segmentLesionAt' },
      `the seed (${seedLps.map((v) => v.toFixed(1)).join(', ')}) mm LPS lies outside the volume (voxel ${ijk.map((v) => v.toFixed(1)).join(', ')}, grid ${dims.join('×')})`);
  }
  const s = spacingMm(ct);
  const lo = centre.map((c, a) => Math.max(0, c - Math.ceil(radiusMm / s[a]))) as Vec3;
  const hi = centre.map((c, a) => Math.min(dims[a] - 1, c + Math.ceil(radiusMm / s[a]))) as Vec3;
  const cd: Dims3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const n = cd[0] * cd[1] * cd[2];
  const hu = new Float32Array(n);
  const src = ct.voxels;
  for (let k = 0, q = 0; k < cd[2]; k++) {
    for (let j = 0; j < cd[1]; j++) {
      const row = lo[0] + dims[0] * (lo[1] + j + dims[1] * (lo[2] + k));
      for (let i = 0; i < cd[0]; i++, q++) hu[q] = src[row + i];
    }
  }
  const m = ct.indexToWorld.slice();
  const origin = transformPoint(ct.indexToWorld, lo);
  m[12] = origin[0];
  m[13] = origin[1];
  m[14] = origin[2];
  const seedIjk: Vec3 = [ijk[0] - lo[0], ijk[1] - lo[1], ijk[2] - lo[2]];
  const seed = centre[0] - lo[0] + cd[0] * (centre[1] - lo[1] + cd[1] * (centre[2] - lo[2]));
  return { box: { lo, hi }, dims: cd, n, hu, spacingMm: s, indexToWorld: m, seed, seedIjk };
}

/** Paste a crop-sized 0/1 mask into a new mask of the full grid. */
export function uncropMask(crop: LesionCrop, sub: Uint8Array, fullDims: Dims3): Uint8Array {
  const out = new Uint8Array(fullDims[0] * fullDims[1] * fullDims[2]);
  const { lo } = crop.box;
  const [cx, cy, cz] = crop.dims;
  for (let k = 0, q = 0; k < cz; k++) {
    for (let j = 0; j < cy; j++) {
      const row = lo[0] + fullDims[0] * (lo[1] + j + fullDims[1] * (lo[2] + k));
      for (let i = 0; i < cx; i++, q++) out[row + i] = sub[q];
    }
  }
  return out;
}
