import { type Mat4, mat4Invert, mat4Multiply } from '../../math/Mat4.ts';
import type { ResampleGrid } from '../../volume/resample.ts';
import { integralMapping } from './modelGrid.ts';
import type { ProbabilityMap } from './predictProbabilities.ts';

/** Options of `labelsOnGrid`. */
export interface LabelsOnGridOptions {
  /**
   * 'linear' (default): interpolate every channel trilinearly at the target voxel, then take the
   * argmax, so boundaries fall between model voxels when the target grid is finer than the
   * model's; 'nearest': the argmax of the nearest model voxel (blocky on finer grids).
   * Either is exact when every target voxel centre is a model voxel centre.
   */
  interpolation?: 'linear' | 'nearest';
  /** Write into this array (target voxel count) instead of a new one. */
  out?: Uint8Array;
}

/** Defaults of `LabelsOnGridOptions`. */
export const LABELS_ON_GRID_DEFAULTS = { interpolation: 'linear' } as const;

/**
 * The label of every target voxel: the argmax channel of the class maps at its centre, turned into
 * a label value by `channelValue` (0 = background). Target voxels outside the model grid are 0.
 * Ties go to the lower channel, as NumPy's argmax does.
 */
export function labelsOnGrid(map: ProbabilityMap, target: ResampleGrid, channelValue: Uint8Array, options: LabelsOnGridOptions = {}): Uint8Array {
  const [tx, ty, tz] = target.dimensions;
  const out = options.out ?? new Uint8Array(tx * ty * tz);
  const exact = integralMapping(map.grid, target);
  const linear = (options.interpolation ?? LABELS_ON_GRID_DEFAULTS.interpolation) === 'linear' && !exact;
  const m: Mat4 = exact ?? mat4Multiply(mat4Invert(map.grid.indexToWorld), target.indexToWorld);
  const [sx, sy, sz] = map.grid.dimensions;
  const N = sx * sy * sz, C = map.channels, p = map.data;
  const hx = sx - 0.5, hy = sy - 0.5, hz = sz - 0.5;
  const ox = sx > 1 ? 1 : 0, oy = sy > 1 ? sx : 0, oz = sz > 1 ? sx * sy : 0;
  let o = 0;
  for (let k = 0; k < tz; k++) for (let j = 0; j < ty; j++) {
    let x = m[4] * j + m[8] * k + m[12];
    let y = m[5] * j + m[9] * k + m[13];
    let z = m[6] * j + m[10] * k + m[14];
    for (let i = 0; i < tx; i++, o++, x += m[0], y += m[1], z += m[2]) {
      if (!(x >= -0.5 && x < hx && y >= -0.5 && y < hy && z >= -0.5 && z < hz)) {
        out[o] = 0;
        continue;
      }
      let best = 0, bestP = -Infinity;
      if (!linear) {
        const s = Math.round(x) + sx * (Math.round(y) + sy * Math.round(z));
        for (let c = 0; c < C; c++) {
          const v = p[c * N + s];
          if (v > bestP) {
            best = c;
            bestP = v;
          }
        }
      } else {
        // As resample does: clamp into [0, n − 1] (the outer half-voxel holds the edge value).
        const xc = x < 0 ? 0 : x > sx - 1 ? sx - 1 : x, yc = y < 0 ? 0 : y > sy - 1 ? sy - 1 : y, zc = z < 0 ? 0 : z > sz - 1 ? sz - 1 : z;
        const x0 = Math.min(Math.floor(xc), Math.max(0, sx - 2)), y0 = Math.min(Math.floor(yc), Math.max(0, sy - 2)), z0 = Math.min(Math.floor(zc), Math.max(0, sz - 2));
        const fx = xc - x0, fy = yc - y0, fz = zc - z0;
        const base = x0 + sx * (y0 + sy * z0);
        for (let c = 0; c < C; c++) {
          const s = c * N + base;
          const c00 = p[s] + (p[s + ox] - p[s]) * fx;
          const c10 = p[s + oy] + (p[s + oy + ox] - p[s + oy]) * fx;
          const c01 = p[s + oz] + (p[s + oz + ox] - p[s + oz]) * fx;
          const c11 = p[s + oz + oy] + (p[s + oz + oy + ox] - p[s + oz + oy]) * fx;
          const c0 = c00 + (c10 - c00) * fy;
          const v = c0 + (c01 + (c11 - c01) * fy - c0) * fz;
          if (v > bestP) {
            best = c;
            bestP = v;
          }
        }
      }
      out[o] = channelValue[best];
    }
  }
  return out;
}
