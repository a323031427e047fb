import { VoxaError } from '../../errors/VoxaError.ts';
import type { Mat4 } from '../../math/Mat4.ts';
import type { Dims3, Point3, Vec3 } from '../../math/Vec3.ts';
import type { VoxelBox } from '../SegmentationHistory.ts';
import { checkGrid, growBox } from './grid.ts';

/** What scissors do to the mask. */
export type ScissorsOperation = 'erase-inside' | 'erase-outside' | 'fill-inside';

/** Options of `scissors`. */
export interface ScissorsOptions {
  /** Limit the cut to a slab [minMm, maxMm] along the direction, measured from the polygon's plane (default: the whole volume). */
  slabMm?: [number, number];
  /** Value written by 'fill-inside' (default 1). */
  value?: number;
}

/** What `scissors` changed. */
export interface ScissorsResult {
  /** Voxels whose value changed. */
  changed: number;
  /** Index box of the changed voxels, or null when none changed. */
  box: VoxelBox | null;
}

/** Documented defaults of `scissors`. */
export const SCISSORS_DEFAULTS = { value: 1 };

/**
 * Scissors: a polygon drawn on a view plane (LPS points), extruded along `directionLps` (the
 * view normal) through the volume, optionally only within a slab along it, cuts the mask in place:
 * 'erase-inside' clears the voxels inside the prism, 'erase-outside' those outside it,
 * 'fill-inside' sets those inside to `value`. Inside is decided at voxel centres with the even-odd
 * rule on the centres projected onto the polygon's plane. Per grid row the projected centres lie
 * on a line, so the row's inside runs come from the row's crossings with the polygon's edges:
 * O(rows · edges + voxels), nothing allocated per voxel.
 */
export function scissors(
  mask: Uint8Array, dims: Dims3, indexToWorld: Mat4, polygonLps: readonly Point3[], directionLps: Vec3, operation: ScissorsOperation, options: ScissorsOptions = {},
): ScissorsResult {
  checkGrid(mask, dims, 'scissors');
  const where = { function: 'scissors' };
  if (operation !== 'erase-inside' && operation !== 'erase-outside' && operation !== 'fill-inside') {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', where, `operation '${operation}' must be 'erase-inside', 'erase-outside' or 'fill-inside'`);
  }
  if (polygonLps.length < 3) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', where, `the polygon has ${polygonLps.length} points; at least 3 are needed`);
  const value = options.value ?? SCISSORS_DEFAULTS.value;
  if (!Number.isInteger(value) || value < 1 || value > 255) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', where, `value ${value} must be an integer 1…255`);
  const len = Math.hypot(directionLps[0], directionLps[1], directionLps[2]);
  if (!(len > 0) || !Number.isFinite(len)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', where, `direction ${directionLps.join(', ')} must be a non-zero vector`);
  const slab = options.slabMm;
  if (slab && !(slab[0] <= slab[1])) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', where, `slab [${slab.join(', ')}] mm must have min ≤ max`);

  // An orthonormal frame (e1, e2, nrm) with nrm along the direction; origin at the first vertex.
  const nrm: Vec3 = [directionLps[0] / len, directionLps[1] / len, directionLps[2] / len];
  const helper: Vec3 = Math.abs(nrm[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const e1 = normalise(cross(helper, nrm));
  const e2 = cross(nrm, e1);
  const o = polygonLps[0];
  const nv = polygonLps.length;
  const px = new Float64Array(nv), py = new Float64Array(nv);
  for (let m = 0; m < nv; m++) {
    const d: Vec3 = [polygonLps[m][0] - o[0], polygonLps[m][1] - o[1], polygonLps[m][2] - o[2]];
    px[m] = dot(d, e1);
    py[m] = dot(d, e2);
  }
  const crossings = new Float64Array(nv);

  const [nx, ny, nz] = dims;
  const m = indexToWorld;
  const ci: Vec3 = [m[0], m[1], m[2]];
  // Along a row the projected centre moves by (ax, ay) per voxel and the height by ah.
  const ax = dot(ci, e1), ay = dot(ci, e2), ah = dot(ci, nrm);
  const aa = ax * ax + ay * ay;
  const inside = operation !== 'erase-outside';
  const write = operation === 'fill-inside' ? value : 0;
  let changed = 0;
  const box = { lo: [nx, ny, nz] as [number, number, number], hi: [-1, -1, -1] as [number, number, number] };

  // Apply the operation to voxels i0..i1 of a row, which are inside the prism (the rest are not).
  const applyRow = (row: number, j: number, k: number, i0: number, i1: number) => {
    if (inside) {
      for (let i = i0; i <= i1; i++) changed += set(row + i, i, j, k);
    } else {
      for (let i = 0; i < i0 && i < nx; i++) changed += set(row + i, i, j, k);
      for (let i = Math.max(i1 + 1, 0); i < nx; i++) changed += set(row + i, i, j, k);
    }
  };
  const set = (p: number, i: number, j: number, k: number): number => {
    if (mask[p] === write) return 0;
    mask[p] = write;
    growBox(box, i, j, k);
    return 1;
  };

  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = nx * (j + ny * k);
      const w: Vec3 = [m[12] + j * m[4] + k * m[8] - o[0], m[13] + j * m[5] + k * m[9] - o[1], m[14] + j * m[6] + k * m[10] - o[2]];
      const x0 = dot(w, e1), y0 = dot(w, e2), h0 = dot(w, nrm);
      // Slab: the i range whose heights lie in [min, max].
      let lo = 0, hi = nx - 1;
      if (slab) {
        if (Math.abs(ah) < 1e-12) {
          if (h0 < slab[0] || h0 > slab[1]) {
            applyRow(row, j, k, 0, -1);
            continue;
          }
        } else {
          const t0 = (slab[0] - h0) / ah, t1 = (slab[1] - h0) / ah;
          lo = Math.max(lo, Math.ceil(Math.min(t0, t1)));
          hi = Math.min(hi, Math.floor(Math.max(t0, t1)));
        }
      }
      if (lo > hi) {
        applyRow(row, j, k, 0, -1);
        continue;
      }
      if (aa < 1e-18) {
        // The row runs along the direction: one projected point for the whole row.
        if (pointInPolygon(x0, y0, px, py)) applyRow(row, j, k, lo, hi);
        else applyRow(row, j, k, 0, -1);
        continue;
      }
      // Crossings of the row's line (x0 + t·ax, y0 + t·ay) with the edges, half-open at vertices.
      let nc = 0;
      for (let a = 0, b = nv - 1; a < nv; b = a++) {
        const sa = ax * (py[a] - y0) - ay * (px[a] - x0);
        const sb = ax * (py[b] - y0) - ay * (px[b] - x0);
        if (sa > 0 === sb > 0) continue;
        const f = sa / (sa - sb);
        const cx = px[a] + f * (px[b] - px[a]), cy = py[a] + f * (py[b] - py[a]);
        crossings[nc++] = ((cx - x0) * ax + (cy - y0) * ay) / aa;
      }
      sortPrefix(crossings, nc);
      // Even-odd: inside between crossings 0–1, 2–3, …; runs are clipped to the slab range.
      let outsideStart = 0;
      for (let c = 0; c + 1 < nc; c += 2) {
        const r0 = Math.max(lo, Math.ceil(crossings[c])), r1 = Math.min(hi, Math.floor(crossings[c + 1]));
        if (r0 > r1) continue;
        if (inside) {
          for (let i = r0; i <= r1; i++) changed += set(row + i, i, j, k);
        } else {
          for (let i = outsideStart; i < r0; i++) changed += set(row + i, i, j, k);
          outsideStart = r1 + 1;
        }
      }
      if (!inside) for (let i = outsideStart; i < nx; i++) changed += set(row + i, i, j, k);
    }
  }
  return { changed, box: box.hi[0] < 0 ? null : box };
}

/** Even-odd point-in-polygon test in the plane's 2D coordinates. */
function pointInPolygon(x: number, y: number, px: Float64Array, py: Float64Array): boolean {
  let c = false;
  for (let a = 0, b = px.length - 1; a < px.length; b = a++) {
    if (py[a] > y !== py[b] > y && x < ((px[b] - px[a]) * (y - py[a])) / (py[b] - py[a]) + px[a]) c = !c;
  }
  return c;
}

/** Insertion sort of the first n values (a row crosses a polygon only a few times). */
function sortPrefix(a: Float64Array, n: number): void {
  for (let x = 1; x < n; x++) {
    const v = a[x];
    let y = x - 1;
    while (y >= 0 && a[y] > v) {
      a[y + 1] = a[y];
      y--;
    }
    a[y + 1] = v;
  }
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function normalise(a: Vec3): Vec3 {
  const l = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / l, a[1] / l, a[2] / l];
}
