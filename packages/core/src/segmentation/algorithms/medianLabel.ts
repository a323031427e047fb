import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { checkGrid, checkSpacing, cropPadded, outputMask, uncrop } from './grid.ts';
import { forEachLine } from './linePasses.ts';

/** Options of `medianLabel`. */
export interface MedianLabelOptions {
  /** Odd box size in voxels, one for all axes or per axis (default 3: a 3×3×3 box). */
  kernel?: number | Vec3;
  /** Written into (and returned) instead of a new mask; may be the input mask. */
  out?: Uint8Array;
}

/** Documented defaults of `medianLabel`. */
export const MEDIAN_LABEL_DEFAULTS = { kernel: 3 };

/**
 * Binary median (majority) filter: a voxel is set when more than half of the voxels of the box
 * around it are set. Box counts are separable sums (prefix differences along i, j, k), so the
 * cost does not grow with the box. At the grid's edge the box is cut to the grid; an exact tie
 * there keeps the voxel's value. 0/1 output. Smooths jagged edges and removes specks and pits
 * smaller than about half the box.
 */
export function medianLabel(mask: Uint8Array, dims: Dims3, options: MedianLabelOptions = {}): Uint8Array {
  const n = checkGrid(mask, dims, 'medianLabel');
  const kernel = options.kernel ?? MEDIAN_LABEL_DEFAULTS.kernel;
  const k3: Vec3 = typeof kernel === 'number' ? [kernel, kernel, kernel] : kernel;
  if (!k3.every((k) => Number.isInteger(k) && k >= 1 && k % 2 === 1)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'medianLabel' }, `kernel ${k3.join('×')} must be odd voxel counts ≥ 1`);
  }
  const radius = k3.map((k) => (k - 1) / 2);
  const out = outputMask(options.out, n, 'medianLabel');
  // Work on the bounding box padded by two radii: farther out the box holds no set voxel, and a
  // box cut by the crop's edge (rather than the grid's) only misses zeros of voxels that are 0
  // anyway (0 set voxels: never a majority, never a tie), so the result is exact.
  const crop = cropPadded(mask, dims, [2 * radius[0], 2 * radius[1], 2 * radius[2]]);
  if (!crop) return out.fill(0);
  const { sub, subDims } = crop;
  const m = sub.length;
  // Box counts ≤ kx·ky·kz: 16 bits are enough up to 40³.
  const counts = k3[0] * k3[1] * k3[2] <= 0xffff ? new Uint16Array(m) : new Int32Array(m);
  for (let p = 0; p < m; p++) counts[p] = sub[p] !== 0 ? 1 : 0;
  const prefix = new Float64Array(Math.max(subDims[0], subDims[1], subDims[2]) + 1);
  for (const a of [0, 1, 2] as const) {
    const r = radius[a];
    if (r === 0 || subDims[a] === 1) continue;
    forEachLine(counts, subDims, a, (buf, off, len) => {
      for (let q = 0; q < len; q++) prefix[q + 1] = prefix[q] + buf[off + q];
      if (prefix[len] === 0) return;
      for (let q = 0; q < len; q++) buf[off + q] = prefix[Math.min(len, q + r + 1)] - prefix[Math.max(0, q - r)];
    });
  }
  const [nx, ny, nz] = subDims;
  const window = (q: number, r: number, len: number) => Math.min(len - 1, q + r) - Math.max(0, q - r) + 1;
  const result = crop.whole ? out : new Uint8Array(m);
  let p = 0;
  for (let k = 0; k < nz; k++) {
    const wk = window(k, radius[2], nz);
    for (let j = 0; j < ny; j++) {
      const wjk = wk * window(j, radius[1], ny);
      for (let i = 0; i < nx; i++, p++) {
        const twice = 2 * counts[p];
        const size = wjk * window(i, radius[0], nx);
        result[p] = twice > size ? 1 : twice < size ? 0 : sub[p] !== 0 ? 1 : 0;
      }
    }
  }
  uncrop(result, crop, out, dims);
  return out;
}

/** The odd voxel counts per axis nearest to a box of `sizeMm` (at least 1), for `medianLabel`'s kernel. */
export function kernelVoxelsForMm(sizeMm: number, spacingMm: Vec3): Vec3 {
  checkSpacing(spacingMm, 'kernelVoxelsForMm');
  return spacingMm.map((s) => Math.max(1, 2 * Math.round((sizeMm / s - 1) / 2) + 1)) as Vec3;
}
