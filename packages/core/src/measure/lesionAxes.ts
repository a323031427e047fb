import { VoxaError } from '../errors/VoxaError.ts';
import type { Mat4 } from '../math/Mat4.ts';
import type { Dims3, Vec3 } from '../math/Vec3.ts';
import { bidirectionalFromPoints, type BidirectionalAxes } from './bidirectional.ts';

/** A lesion's RECIST axes, measured from its 3D segment. */
export interface LesionAxes extends BidirectionalAxes {
  /** The slice (k) of the acquisition plane where the long axis is longest. */
  slice: number;
}

/**
 * RECIST long and short axis of a 3D segment, in the acquisition plane as a reader measures
 * them (Eisenhauer et al. 2009, §3.1.2): in each slice k of the grid, the outline of the
 * segment's section is the set of midpoints between its voxels and their outside 4-neighbours
 * (the 50% partial-volume edge of a crisp mask); the long axis is the longest diameter of any
 * section, and the short axis the longest diameter perpendicular to it in the same section
 * (`bidirectionalFromPoints` on the section's convex hull, so a concave outline gives the
 * caliper short axis). The end points are LPS mm, ready to be shown as an editable
 * bidirectional measurement.
 *
 * @example const { longMm, shortMm, slice } = lesionAxesFromMask(lesion.mask, ct.dimensions, ct.indexToWorld);
 */
export function lesionAxesFromMask(mask: Uint8Array, dims: Dims3, indexToWorld: Mat4): LesionAxes {
  const [nx, ny, nz] = dims;
  if (mask.length !== nx * ny * nz) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `the mask has ${mask.length} voxels; the grid ${dims.join('×')} needs ${nx * ny * nz}`);
  const m = indexToWorld;
  let best: LesionAxes | undefined;
  const xs: number[] = [], ys: number[] = [];
  for (let k = 0; k < nz; k++) {
    xs.length = 0; ys.length = 0;
    const base = k * nx * ny;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        if (!mask[base + j * nx + i]) continue;
        if (i === 0 || !mask[base + j * nx + i - 1]) { xs.push(i - 0.5); ys.push(j); }
        if (i === nx - 1 || !mask[base + j * nx + i + 1]) { xs.push(i + 0.5); ys.push(j); }
        if (j === 0 || !mask[base + (j - 1) * nx + i]) { xs.push(i); ys.push(j - 0.5); }
        if (j === ny - 1 || !mask[base + (j + 1) * nx + i]) { xs.push(i); ys.push(j + 0.5); }
      }
    }
    if (xs.length === 0) continue;
    // The hull in mm within the slice plane (the i and j columns may differ in length or be oblique).
    const px = xs.map((x, n) => x * m[0] + ys[n] * m[4]), py = xs.map((x, n) => x * m[1] + ys[n] * m[5]), pz = xs.map((x, n) => x * m[2] + ys[n] * m[6]);
    const hull = convexHull2d(xs, ys);
    if (hull.length < 3) continue;
    const kz: Vec3 = [k * m[8] + m[12], k * m[9] + m[13], k * m[10] + m[14]];
    const contour = hull.map((n): Vec3 => [px[n] + kz[0], py[n] + kz[1], pz[n] + kz[2]]);
    const axes = bidirectionalFromPoints(contour);
    if (!best || axes.longMm > best.longMm) best = { ...axes, slice: k };
  }
  if (!best) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'the lesion segment has no section with an area: nothing to measure');
  return best;
}

/** Indices of the convex hull of 2D points (Andrew's monotone chain), counter-clockwise, without collinear points. */
function convexHull2d(xs: readonly number[], ys: readonly number[]): number[] {
  const order = xs.map((_, n) => n).sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b]);
  const cross = (o: number, a: number, b: number) => (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
  const lower: number[] = [], upper: number[] = [];
  for (const p of order) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  for (let n = order.length - 1; n >= 0; n--) {
    const p = order[n];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}
