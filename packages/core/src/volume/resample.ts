import { VoxaError } from '../errors/VoxaError.ts';
import { type Mat4, mat4Invert, mat4Multiply } from '../math/Mat4.ts';
import type { Dims3 } from '../math/Vec3.ts';
import { type Volume, type VoxelType, allocVoxels, voxelTypeOf } from './Volume.ts';

/** How values between voxel centres are found. */
export type ResampleInterpolation = 'nearest' | 'linear';

/** A target grid: any size, spacing and orientation (oblique and sheared included). */
export interface ResampleGrid {
  dimensions: Dims3;
  /** Target voxel index → patient LPS mm. */
  indexToWorld: Mat4;
}

/** Options of `resample`. */
export interface ResampleOptions {
  /** Nearest neighbour (labels, exact copies) or trilinear. Default 'linear'. */
  interpolation?: ResampleInterpolation;
  /** Value for target voxels outside the source. Default: the source's minimum value (0 for an empty source). */
  fill?: number;
  /** Output voxel type. Default: the source's; integer outputs are rounded and clamped to the type's range. */
  type?: VoxelType;
}

/** Defaults of `ResampleOptions` (`fill` defaults to the source minimum, `type` to the source type). */
export const RESAMPLE_DEFAULTS = { interpolation: 'linear' } as const satisfies ResampleOptions;

const INT_RANGE: Partial<Record<VoxelType, [number, number]>> = {
  uint8: [0, 255], int8: [-128, 127], uint16: [0, 65535], int16: [-32768, 32767],
  uint32: [0, 4294967295], int32: [-2147483648, 2147483647],
};

/**
 * Resample `source` onto `target` in world space. Each target voxel centre is mapped to a source
 * index by one combined matrix (source⁻¹ · target), stepped incrementally along rows. A point is
 * inside the source when it lies within the voxel extent, [-0.5, n - 0.5) on every axis; there
 * 'linear' interpolates trilinearly between centres (holding the edge value in the outer
 * half-voxel) and 'nearest' takes the closest voxel. Outside points get `fill`.
 *
 * @example const onRef = resample(moving, reference, { interpolation: 'nearest' });
 */
export function resample(source: Volume, target: ResampleGrid, options: ResampleOptions = {}): Volume {
  const interpolation = options.interpolation ?? RESAMPLE_DEFAULTS.interpolation;
  const type = options.type ?? voxelTypeOf(source.voxels);
  const [nx, ny, nz] = target.dimensions;
  if (![nx, ny, nz].every((d) => Number.isInteger(d) && d >= 1)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `target dimensions ${target.dimensions.join('×')} must be positive integers`);
  }
  let m: Mat4;
  try {
    m = mat4Multiply(mat4Invert(source.indexToWorld), target.indexToWorld);
  } catch (e) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'the source indexToWorld is singular; expected an invertible matrix', { cause: e });
  }
  const C = source.components;
  const out = allocVoxels(type, nx * ny * nz * C);
  const range = INT_RANGE[type];
  const fill = storable(options.fill ?? sourceMinimum(source), range);
  const src = source.voxels;
  const [sx, sy, sz] = source.dimensions;
  const sxC = sx * C, sxyC = sx * sy * C;
  const hx = sx - 0.5, hy = sy - 0.5, hz = sz - 0.5;
  const lo = range ? range[0] : 0, hi = range ? range[1] : 0;
  const linear = interpolation === 'linear';
  // Change in source index per target step along i: the first column of m.
  const dxi = m[0], dyi = m[1], dzi = m[2];
  let o = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let x = m[4] * j + m[8] * k + m[12];
      let y = m[5] * j + m[9] * k + m[13];
      let z = m[6] * j + m[10] * k + m[14];
      for (let i = 0; i < nx; i++, x += dxi, y += dyi, z += dzi) {
        if (!(x >= -0.5 && x < hx && y >= -0.5 && y < hy && z >= -0.5 && z < hz)) {
          for (let c = 0; c < C; c++) out[o++] = fill;
          continue;
        }
        if (!linear) {
          const s = Math.round(x) * C + Math.round(y) * sxC + Math.round(z) * sxyC;
          if (range) for (let c = 0; c < C; c++) out[o++] = clampRound(src[s + c], lo, hi);
          else for (let c = 0; c < C; c++) out[o++] = src[s + c];
          continue;
        }
        // Clamp into [0, n-1] (the outer half-voxel holds the edge value), then pick the cell.
        const xc = x < 0 ? 0 : x > sx - 1 ? sx - 1 : x;
        const yc = y < 0 ? 0 : y > sy - 1 ? sy - 1 : y;
        const zc = z < 0 ? 0 : z > sz - 1 ? sz - 1 : z;
        let x0 = Math.floor(xc), y0 = Math.floor(yc), z0 = Math.floor(zc);
        if (x0 > sx - 2) x0 = sx > 1 ? sx - 2 : 0;
        if (y0 > sy - 2) y0 = sy > 1 ? sy - 2 : 0;
        if (z0 > sz - 2) z0 = sz > 1 ? sz - 2 : 0;
        const fx = xc - x0, fy = yc - y0, fz = zc - z0;
        const ox = sx > 1 ? C : 0, oy = sy > 1 ? sxC : 0, oz = sz > 1 ? sxyC : 0;
        const base = x0 * C + y0 * sxC + z0 * sxyC;
        for (let c = 0; c < C; c++) {
          const s = base + c;
          const c00 = src[s] + (src[s + ox] - src[s]) * fx;
          const c10 = src[s + oy] + (src[s + oy + ox] - src[s + oy]) * fx;
          const c01 = src[s + oz] + (src[s + oz + ox] - src[s + oz]) * fx;
          const c11 = src[s + oz + oy] + (src[s + oz + oy + ox] - src[s + oz + oy]) * fx;
          const c0 = c00 + (c10 - c00) * fy;
          const v = c0 + (c01 + (c11 - c01) * fy - c0) * fz;
          out[o++] = range ? clampRound(v, lo, hi) : v;
        }
      }
    }
  }
  return {
    dimensions: [nx, ny, nz],
    components: C,
    voxels: out,
    indexToWorld: new Float64Array(target.indexToWorld),
    units: source.units,
    meta: {
      ...source.meta,
      warnings: [...source.meta.warnings],
      extra: { ...source.meta.extra, resampled: { interpolation, fill } },
    },
  };
}

function clampRound(v: number, lo: number, hi: number): number {
  const r = Math.round(v);
  return r < lo ? lo : r > hi ? hi : r;
}

function storable(v: number, range: [number, number] | undefined): number {
  return range ? clampRound(v, range[0], range[1]) : v;
}

/** The smallest value of any component; 0 when there are no (non-NaN) values. */
function sourceMinimum(v: Volume): number {
  const a = v.voxels;
  let lo = Infinity;
  for (let n = 0; n < a.length; n++) if (a[n] < lo) lo = a[n];
  return lo === Infinity ? 0 : lo;
}
