import { type Mat4, mat4FromColumns, transformPoint } from '../../src/math/Mat4.ts';
import type { Dims3, Vec3 } from '../../src/math/Vec3.ts';

/** A label map on a grid, with the grid's geometry. */
export interface LabelGrid {
  labels: Uint8Array;
  dims: Dims3;
  indexToWorld: Mat4;
  /** Voxels set to 1. */
  count: number;
  /** Volume of one voxel, mm³. */
  voxelMm3: number;
}

/** Voxel (i, j, k) → linear index. */
export const at = (d: Dims3, i: number, j: number, k: number) => i + d[0] * (j + d[1] * k);

/** Axis-aligned grid with the given spacing whose voxel (0, 0, 0) is at `originLps`. */
export function axisGrid(spacingMm: Vec3, originLps: Vec3 = [0, 0, 0]): Mat4 {
  return mat4FromColumns([spacingMm[0], 0, 0], [0, spacingMm[1], 0], [0, 0, spacingMm[2]], originLps);
}

/** Label 1 wherever `inside(worldLps)` holds for the voxel centre. */
export function rasterize(dims: Dims3, indexToWorld: Mat4, inside: (p: Vec3) => boolean): LabelGrid {
  const labels = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const p: Vec3 = [0, 0, 0];
  let count = 0;
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) {
    transformPoint(indexToWorld, [i, j, k], p);
    if (inside(p)) {
      labels[at(dims, i, j, k)] = 1;
      count++;
    }
  }
  const m = indexToWorld;
  const det = m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
  return { labels, dims, indexToWorld, count, voxelMm3: Math.abs(det) };
}

/** A ball of radius r mm around `centreLps`. */
export const ball = (centreLps: Vec3, r: number) => (p: Vec3) =>
  (p[0] - centreLps[0]) ** 2 + (p[1] - centreLps[1]) ** 2 + (p[2] - centreLps[2]) ** 2 <= r * r;

/** A torus around the z axis through `centreLps`: ring radius R, tube radius r (mm). */
export const torus = (centreLps: Vec3, R: number, r: number) => (p: Vec3) => {
  const x = p[0] - centreLps[0], y = p[1] - centreLps[1], z = p[2] - centreLps[2];
  return (Math.hypot(x, y) - R) ** 2 + z * z <= r * r;
};

/** A ball of radius r mm on an axis-aligned grid of the given spacing, with a margin of 4 mm, centred off the voxel lattice. */
export function ballGrid(spacingMm: Vec3, r: number): LabelGrid & { centreLps: Vec3 } {
  const dims = spacingMm.map((s) => Math.ceil((2 * r + 8) / s)) as Dims3;
  // Off-lattice centre: no symmetry of the grid makes the staircase unusually regular.
  const centreLps: Vec3 = [r + 4.13, r + 4.37, r + 4.71];
  return { ...rasterize(dims, axisGrid(spacingMm), ball(centreLps, r)), centreLps };
}
