/**
 * The sampling kernel shared by `reslice` and the curved reformats: trilinear interpolation in
 * voxel-index space, with optional slab combination. This file IS the reference the GPU shader
 * copies:
 *
 * - A world point p (LPS mm) has continuous index c = inverse(indexToWorld) · (p, 1); integer c is
 *   a voxel centre.
 * - Outside: if any axis has c < −0.5 or c > n − 0.5 (closed interval [−0.5, n − 0.5] is inside,
 *   with a tolerance of 1e-6 voxel for the rounding of the inverse matrix), the sample is outside.
 *   In texture terms (u = (c + 0.5) / n) that is u ∉ [0, 1].
 * - Inside: c is clamped to [0, n − 1] per axis (the outer half voxel replicates the edge voxel,
 *   like CLAMP_TO_EDGE), then interpolated trilinearly between the 8 surrounding voxel centres.
 *   Fractions within 1e-6 of 0 or 1 are snapped, so voxel centres give voxel values bit-exactly.
 * - Slab: S = max(1, ceil(t / s − 1e-9)) samples; sample m (0 ≤ m < S) lies at normal offset
 *   ((m + 0.5) / S − 0.5) · t mm. Outside samples are skipped; 'mip' takes the maximum, 'minip'
 *   the minimum, 'average' the mean of the inside samples; no inside sample gives `outside`.
 */
import { VoxaError } from '../errors/VoxaError.ts';
import { type Mat4, mat4Invert } from '../math/Mat4.ts';
import type { Vec3 } from '../math/Vec3.ts';
import { type Volume, type VoxelArray, spacingMm } from '../volume/Volume.ts';
import type { Slab, SlabMode } from './ReslicePlane.ts';

/** Tolerance (in voxels) of the inside test and of the snapping of interpolation fractions. */
export const SAMPLE_EPSILON = 1e-6;

/** Most samples one slab may take per pixel. */
export const MAX_SLAB_SAMPLES = 4096;

/** A scalar volume prepared for sampling: voxels, dimensions and the world → index matrix. */
export interface IndexSampler {
  voxels: VoxelArray;
  dimensions: [number, number, number];
  worldToIndex: Mat4;
}

/** One line of output samples, all in index space: `start + n·step` for n < count, each combined over `slabOffsets`. */
export interface IndexLine {
  start: Vec3;
  step: Vec3;
  count: number;
  /** Index-space offsets of the slab samples, xyz triplets ([0, 0, 0] for a thin plane). */
  slabOffsets: Float64Array;
  mode: SlabMode;
  outside: number;
}

/** Prepare a scalar volume for sampling; refuses RGB volumes and singular matrices. */
export function indexSampler(volume: Volume, caller: string): IndexSampler {
  if (volume.components !== 1) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `${caller} needs a scalar volume (components 1), got components ${volume.components}`);
  }
  let worldToIndex: Mat4;
  try {
    worldToIndex = mat4Invert(volume.indexToWorld);
  } catch (e) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `${caller}: the volume's indexToWorld is singular; expected an invertible matrix`, { cause: e });
  }
  return { voxels: volume.voxels, dimensions: [...volume.dimensions], worldToIndex };
}

/**
 * The offsets (mm along the normal) of the slab samples: S = max(1, ceil(t / s − 1e-9)) samples at
 * ((m + 0.5) / S − 0.5) · t. No slab or t ≤ 0 gives the single offset 0. The default step is the
 * smallest voxel spacing of `volume`.
 */
export function slabOffsetsMm(slab: Slab | undefined, volume: Volume): Float64Array {
  if (slab && !['mip', 'minip', 'average'].includes(slab.mode)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `slab mode '${slab.mode}' is not one of mip, minip, average`);
  }
  if (!slab || !(slab.thicknessMm > 0)) return new Float64Array(1);
  const t = slab.thicknessMm;
  const step = slab.stepMm ?? Math.min(...spacingMm(volume));
  if (!Number.isFinite(t) || !(step > 0) || !Number.isFinite(step)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `slab thickness ${t} mm and step ${step} mm must be finite and the step positive`);
  }
  const count = Math.max(1, Math.ceil(t / step - 1e-9));
  if (count > MAX_SLAB_SAMPLES) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `slab of ${t} mm at ${step} mm steps needs ${count} samples; at most ${MAX_SLAB_SAMPLES}`);
  }
  const offsets = new Float64Array(count);
  for (let m = 0; m < count; m++) offsets[m] = ((m + 0.5) / count - 0.5) * t;
  return offsets;
}

/** Fill `out` (or a given index-space triplet array) with slab offsets along `normalIjk` (index-space change per mm). */
export function slabOffsetsIjk(offsetsMm: Float64Array, normalIjk: Vec3, out: Float64Array = new Float64Array(offsetsMm.length * 3)): Float64Array {
  for (let m = 0; m < offsetsMm.length; m++) {
    out[3 * m] = offsetsMm[m] * normalIjk[0];
    out[3 * m + 1] = offsetsMm[m] * normalIjk[1];
    out[3 * m + 2] = offsetsMm[m] * normalIjk[2];
  }
  return out;
}

/** Sample one line of pixels into `out[outOffset …]`; see the file header for the exact rules. */
export function sampleLine(s: IndexSampler, line: IndexLine, out: Float32Array, outOffset: number): void {
  const v = s.voxels;
  const [nx, ny, nz] = s.dimensions;
  const nxy = nx * ny;
  const E = SAMPLE_EPSILON;
  const loX = -0.5 - E, hiX = nx - 0.5 + E, loY = -0.5 - E, hiY = ny - 0.5 + E, loZ = -0.5 - E, hiZ = nz - 0.5 + E;
  const mx = nx - 1, my = ny - 1, mz = nz - 1;
  // Neighbour strides; 0 along an axis of one voxel, whose cell is then that voxel alone.
  const ox = nx > 1 ? 1 : 0, oy = ny > 1 ? nx : 0, oz = nz > 1 ? nxy : 0;
  const { start, step, count, slabOffsets, outside } = line;
  const S = slabOffsets.length / 3;
  const mode = line.mode === 'mip' ? 0 : line.mode === 'minip' ? 1 : 2;
  for (let n = 0; n < count; n++) {
    const px = start[0] + n * step[0], py = start[1] + n * step[1], pz = start[2] + n * step[2];
    let acc = 0;
    let inside = 0;
    for (let m = 0; m < S; m++) {
      const x = px + slabOffsets[3 * m], y = py + slabOffsets[3 * m + 1], z = pz + slabOffsets[3 * m + 2];
      if (!(x >= loX && x <= hiX && y >= loY && y <= hiY && z >= loZ && z <= hiZ)) continue;
      const xc = x < 0 ? 0 : x > mx ? mx : x;
      const yc = y < 0 ? 0 : y > my ? my : y;
      const zc = z < 0 ? 0 : z > mz ? mz : z;
      let i = Math.floor(xc), j = Math.floor(yc), k = Math.floor(zc);
      let fx = xc - i, fy = yc - j, fz = zc - k;
      if (fx < E) fx = 0; else if (fx > 1 - E) fx = 1;
      if (fy < E) fy = 0; else if (fy > 1 - E) fy = 1;
      if (fz < E) fz = 0; else if (fz > 1 - E) fz = 1;
      // At the last centre (c = n − 1) use the cell below with fraction 1.
      if (i > nx - 2) { i = nx > 1 ? nx - 2 : 0; fx = nx > 1 ? 1 : 0; }
      if (j > ny - 2) { j = ny > 1 ? ny - 2 : 0; fy = ny > 1 ? 1 : 0; }
      if (k > nz - 2) { k = nz > 1 ? nz - 2 : 0; fz = nz > 1 ? 1 : 0; }
      const b = i + nx * j + nxy * k;
      const gx = 1 - fx, gy = 1 - fy, gz = 1 - fz;
      const c00 = v[b] * gx + v[b + ox] * fx;
      const c10 = v[b + oy] * gx + v[b + oy + ox] * fx;
      const c01 = v[b + oz] * gx + v[b + oz + ox] * fx;
      const c11 = v[b + oz + oy] * gx + v[b + oz + oy + ox] * fx;
      const value = (c00 * gy + c10 * fy) * gz + (c01 * gy + c11 * fy) * fz;
      if (inside === 0) acc = value;
      else if (mode === 0) { if (value > acc) acc = value; }
      else if (mode === 1) { if (value < acc) acc = value; }
      else acc += value;
      inside++;
    }
    out[outOffset + n] = inside === 0 ? outside : mode === 2 ? acc / inside : acc;
  }
}
