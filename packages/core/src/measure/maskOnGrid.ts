import { VoxaError } from '../errors/VoxaError.ts';
import { type Mat4, mat4Invert, mat4Multiply, transformPoint } from '../math/Mat4.ts';
import type { Dims3, Vec3 } from '../math/Vec3.ts';
import { sphereOffsets } from './sphereVoxels.ts';

/** A regular grid in patient space: what a mask needs to be carried to another grid. */
export interface GridGeometry {
  dimensions: Dims3;
  /** Voxel index → patient LPS mm. */
  indexToWorld: Mat4;
}

/** Options of `maskOnGrid`. */
export interface MaskOnGridOptions {
  /** Grow the carried mask by this distance (mm) on the target grid (voxel-centre inclusion). */
  marginMm: number;
  /** Inclusive index box of the source mask's set voxels, when known: only it is read. */
  boundsIjk?: { lo: Vec3; hi: Vec3 };
}

/** Defaults: no margin, the whole source grid. */
export const MASK_ON_GRID_DEFAULTS: Readonly<MaskOnGridOptions> = { marginMm: 0 };

/**
 * A 0/1 mask carried through patient coordinates onto another grid of the same frame of
 * reference (a CT lesion segment onto its PET). A target voxel is set when it contains the centre
 * of a set source voxel or its own centre falls in one, so the result covers the segment whether
 * the target grid is coarser or finer; then it is grown by `marginMm`.
 */
export function maskOnGrid(mask: Uint8Array, from: GridGeometry, to: GridGeometry, options: Partial<MaskOnGridOptions> = {}): Uint8Array {
  const o = { ...MASK_ON_GRID_DEFAULTS, ...options };
  const [sx, sy, sz] = from.dimensions, [tx, ty, tz] = to.dimensions;
  if (mask.length !== sx * sy * sz) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `the mask has ${mask.length} voxels; its grid ${sx}×${sy}×${sz} needs ${sx * sy * sz}`);
  const lo = o.boundsIjk?.lo ?? [0, 0, 0], hi = o.boundsIjk?.hi ?? [sx - 1, sy - 1, sz - 1];
  const out = new Uint8Array(tx * ty * tz);
  if (!(lo[0] <= hi[0] && lo[1] <= hi[1] && lo[2] <= hi[2])) return out;
  const a = mat4Multiply(mat4Invert(to.indexToWorld), from.indexToWorld); // source index → target index
  const b = mat4Invert(a);
  // 1. Target voxels holding a source voxel centre.
  for (let k = lo[2]; k <= hi[2]; k++) {
    for (let j = lo[1]; j <= hi[1]; j++) {
      for (let i = lo[0]; i <= hi[0]; i++) {
        if (!mask[i + sx * (j + sy * k)]) continue;
        const ti = Math.round(a[0] * i + a[4] * j + a[8] * k + a[12]);
        const tj = Math.round(a[1] * i + a[5] * j + a[9] * k + a[13]);
        const tk = Math.round(a[2] * i + a[6] * j + a[10] * k + a[14]);
        if (ti >= 0 && tj >= 0 && tk >= 0 && ti < tx && tj < ty && tk < tz) out[ti + tx * (tj + ty * tk)] = 1;
      }
    }
  }
  // 2. Target voxels whose centre lies in a set source voxel, over the target box of the source box.
  const tlo: Vec3 = [Infinity, Infinity, Infinity], thi: Vec3 = [-Infinity, -Infinity, -Infinity];
  const corner: Vec3 = [0, 0, 0];
  for (let c = 0; c < 8; c++) {
    transformPoint(a, [c & 1 ? hi[0] + 0.5 : lo[0] - 0.5, c & 2 ? hi[1] + 0.5 : lo[1] - 0.5, c & 4 ? hi[2] + 0.5 : lo[2] - 0.5], corner);
    for (let d = 0; d < 3; d++) { tlo[d] = Math.min(tlo[d], corner[d]); thi[d] = Math.max(thi[d], corner[d]); }
  }
  const box = [0, 1, 2].map((d) => [Math.max(0, Math.floor(tlo[d])), Math.min(to.dimensions[d] - 1, Math.ceil(thi[d]))]);
  for (let k = box[2][0]; k <= box[2][1]; k++) {
    for (let j = box[1][0]; j <= box[1][1]; j++) {
      for (let i = box[0][0]; i <= box[0][1]; i++) {
        const si = Math.round(b[0] * i + b[4] * j + b[8] * k + b[12]);
        const sj = Math.round(b[1] * i + b[5] * j + b[9] * k + b[13]);
        const sk = Math.round(b[2] * i + b[6] * j + b[10] * k + b[14]);
        if (si >= 0 && sj >= 0 && sk >= 0 && si < sx && sj < sy && sk < sz && mask[si + sx * (sj + sy * sk)]) out[i + tx * (j + ty * k)] = 1;
      }
    }
  }
  if (o.marginMm > 0) grow(out, to, o.marginMm, box);
  return out;
}

/** Dilate in place by a ball of `marginMm`; the set voxels (all within `box`) are listed first, so growth does not feed on itself. */
function grow(m: Uint8Array, grid: GridGeometry, marginMm: number, box: number[][]): void {
  const [nx, ny, nz] = grid.dimensions;
  const set: number[] = [];
  for (let k = box[2][0]; k <= box[2][1]; k++) {
    for (let j = box[1][0]; j <= box[1][1]; j++) {
      for (let i = box[0][0], n = i + nx * (j + ny * k); i <= box[0][1]; i++, n++) if (m[n]) set.push(n);
    }
  }
  const ball = sphereOffsets(grid.indexToWorld, marginMm), d = ball.ijk;
  for (let n = 0; n < set.length; n++) {
    const c = set[n], i = c % nx, j = ((c - i) / nx) % ny, k = (c - i - nx * j) / (nx * ny);
    for (let s = 0; s < ball.count; s++) {
      const ii = i + d[3 * s], jj = j + d[3 * s + 1], kk = k + d[3 * s + 2];
      if (ii >= 0 && jj >= 0 && kk >= 0 && ii < nx && jj < ny && kk < nz) m[ii + nx * (jj + ny * kk)] = 1;
    }
  }
}
