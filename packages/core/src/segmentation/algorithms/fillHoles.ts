import { VoxaError } from '../../errors/VoxaError.ts';
import type { Mat4 } from '../../math/Mat4.ts';
import type { Dims3 } from '../../math/Vec3.ts';
import { checkGrid, outputMask } from './grid.ts';
import { IndexQueue } from './IndexQueue.ts';

/** Anatomical plane of a slice-by-slice fill, or 'none' for one 3D fill. */
export type SlicewisePlane = 'none' | 'axial' | 'coronal' | 'sagittal';

/** Options of `fillHoles`. */
export interface FillHolesOptions {
  /** 'none' (default): holes are 3D cavities; otherwise each slice of that plane is filled in 2D. */
  slicewise?: SlicewisePlane;
  /**
   * Finds the index axis of the plane's normal (the one most aligned with S, P or L). Without
   * it the grid is taken as axial-acquired: axial slices across k, coronal across j, sagittal across i.
   */
  indexToWorld?: Mat4;
  /** Written into (and returned) instead of a new mask; may be the input mask. */
  out?: Uint8Array;
}

/** Documented defaults of `fillHoles`. */
export const FILL_HOLES_DEFAULTS = { slicewise: 'none' as SlicewisePlane };

/**
 * Fill holes: background regions not connected to the grid border (the slice's border when
 * slice-wise) become foreground. The background is flooded from the border through face
 * neighbours (6 in 3D, 4 in a slice), so a wall closed only through edges or corners, like a
 * drawn 8-connected outline, still encloses. Linear in the voxel count. 0/1 output.
 */
export function fillHoles(mask: Uint8Array, dims: Dims3, options: FillHolesOptions = {}): Uint8Array {
  const n = checkGrid(mask, dims, 'fillHoles');
  const plane = options.slicewise ?? FILL_HOLES_DEFAULTS.slicewise;
  const across = plane === 'none' ? -1 : sliceAxis(plane, options.indexToWorld);
  const [nx, ny, nz] = dims;
  // Flood the background from the border into `reached` (1); the rest is the filled mask.
  const reached = new Uint8Array(n);
  const queue = new IndexQueue();
  const lim = [nx - 1, ny - 1, nz - 1];
  let p = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, p++) {
        if (mask[p] !== 0) continue;
        const border =
          (across !== 0 && (i === 0 || i === lim[0])) || (across !== 1 && (j === 0 || j === lim[1])) || (across !== 2 && (k === 0 || k === lim[2]));
        if (border) {
          reached[p] = 1;
          queue.push(p);
        }
      }
    }
  }
  const sx = across === 0 ? 0 : 1, sy = across === 1 ? 0 : 1, sz = across === 2 ? 0 : 1;
  const nxy = nx * ny;
  while (queue.size > 0) {
    const q = queue.shift();
    const i = q % nx;
    const r = (q - i) / nx;
    const j = r % ny;
    const k = (r - j) / ny;
    if (sx) {
      if (i > 0 && mask[q - 1] === 0 && reached[q - 1] === 0) { reached[q - 1] = 1; queue.push(q - 1); }
      if (i < lim[0] && mask[q + 1] === 0 && reached[q + 1] === 0) { reached[q + 1] = 1; queue.push(q + 1); }
    }
    if (sy) {
      if (j > 0 && mask[q - nx] === 0 && reached[q - nx] === 0) { reached[q - nx] = 1; queue.push(q - nx); }
      if (j < lim[1] && mask[q + nx] === 0 && reached[q + nx] === 0) { reached[q + nx] = 1; queue.push(q + nx); }
    }
    if (sz) {
      if (k > 0 && mask[q - nxy] === 0 && reached[q - nxy] === 0) { reached[q - nxy] = 1; queue.push(q - nxy); }
      if (k < lim[2] && mask[q + nxy] === 0 && reached[q + nxy] === 0) { reached[q + nxy] = 1; queue.push(q + nxy); }
    }
  }
  const out = outputMask(options.out, n, 'fillHoles');
  for (let q = 0; q < n; q++) out[q] = reached[q] ^ 1;
  return out;
}

/** Index axis across the slices of an anatomical plane. */
function sliceAxis(plane: SlicewisePlane, indexToWorld: Mat4 | undefined): 0 | 1 | 2 {
  const world = plane === 'axial' ? 2 : plane === 'coronal' ? 1 : plane === 'sagittal' ? 0 : -1;
  if (world < 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'fillHoles' }, `slicewise '${plane}' must be 'none', 'axial', 'coronal' or 'sagittal'`);
  if (!indexToWorld) return world as 0 | 1 | 2;
  // The index axis whose unit step points most along the plane's normal (L, P or S).
  let best = 0, bestCos = -1;
  for (let a = 0; a < 3; a++) {
    const x = indexToWorld[a * 4], y = indexToWorld[a * 4 + 1], z = indexToWorld[a * 4 + 2];
    const c = Math.abs(indexToWorld[a * 4 + world]) / (Math.hypot(x, y, z) || 1);
    if (c > bestCos) {
      bestCos = c;
      best = a;
    }
  }
  return best as 0 | 1 | 2;
}
