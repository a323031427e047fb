import { mat4Invert, mat4Multiply, transformPoint, type Mat4 } from '../math/Mat4.ts';
import type { Dims3, Vec3 } from '../math/Vec3.ts';
import type { ResampleGrid } from '../volume/resample.ts';

/**
 * The non-linear part of a deformable registration: a displacement d in mm on a regular grid in
 * the fixed image's patient space. With the affine A (`fixedToMoving` of the affine stage) it maps
 * a fixed LPS point x to the moving LPS point
 *
 *     moving = A · (x + d(x))
 *
 * — d first, in fixed space, then A: ITK's CompositeTransform with the affine added first and
 * the displacement field transform second. d is trilinear between grid points and holds its edge
 * value outside the grid (ITK uses zero there; the two differ only within half a grid voxel of
 * the border). The layout is that of a NIfTI vector image (writeNiftiVectorImage).
 *
 * @example
 * const movedLps = warpPoint(result.field, affine.fixedToMoving, lesionCentreLps);
 */
export interface DisplacementField {
  dimensions: Dims3;
  /** Field voxel index → fixed LPS mm (column-major 4×4). */
  indexToWorld: Mat4;
  /** dL, dP, dS in mm, each nx·ny·nz long, i fastest. */
  components: [Float32Array, Float32Array, Float32Array];
}

/** A zero field on `grid`. */
export function createDisplacementField(grid: ResampleGrid): DisplacementField {
  const count = grid.dimensions[0] * grid.dimensions[1] * grid.dimensions[2];
  return {
    dimensions: [...grid.dimensions],
    indexToWorld: new Float64Array(grid.indexToWorld),
    components: [new Float32Array(count), new Float32Array(count), new Float32Array(count)],
  };
}

/**
 * The trilinear value of three planes at a continuous index, clamped into [0, n − 1] on each
 * axis (the edge value holds outside).
 */
export function trilinearVectorAt(planes: readonly Float32Array[], dims: Dims3, x: number, y: number, z: number, out: Vec3): Vec3 {
  const nx = dims[0], ny = dims[1], nz = dims[2];
  x = x < 0 ? 0 : x > nx - 1 ? nx - 1 : x;
  y = y < 0 ? 0 : y > ny - 1 ? ny - 1 : y;
  z = z < 0 ? 0 : z > nz - 1 ? nz - 1 : z;
  let x0 = Math.floor(x), y0 = Math.floor(y), z0 = Math.floor(z);
  if (x0 > nx - 2) x0 = nx > 1 ? nx - 2 : 0;
  if (y0 > ny - 2) y0 = ny > 1 ? ny - 2 : 0;
  if (z0 > nz - 2) z0 = nz > 1 ? nz - 2 : 0;
  const fx = x - x0, fy = y - y0, fz = z - z0;
  const ox = nx > 1 ? 1 : 0, oy = ny > 1 ? nx : 0, oz = nz > 1 ? nx * ny : 0;
  const s = x0 + nx * (y0 + ny * z0);
  const w000 = (1 - fx) * (1 - fy) * (1 - fz), w100 = fx * (1 - fy) * (1 - fz);
  const w010 = (1 - fx) * fy * (1 - fz), w110 = fx * fy * (1 - fz);
  const w001 = (1 - fx) * (1 - fy) * fz, w101 = fx * (1 - fy) * fz;
  const w011 = (1 - fx) * fy * fz, w111 = fx * fy * fz;
  for (let c = 0; c < 3; c++) {
    const p = planes[c];
    out[c] = w000 * p[s] + w100 * p[s + ox] + w010 * p[s + oy] + w110 * p[s + oy + ox] +
      w001 * p[s + oz] + w101 * p[s + oz + ox] + w011 * p[s + oz + oy] + w111 * p[s + oz + oy + ox];
  }
  return out;
}

const _worldToIndex = new Float64Array(16);
const _ijk: Vec3 = [0, 0, 0];

/** d at a fixed LPS point (mm), trilinear. */
export function displacementAt(field: DisplacementField, worldLps: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  transformPoint(mat4Invert(field.indexToWorld, _worldToIndex), worldLps, _ijk);
  return trilinearVectorAt(field.components, field.dimensions, _ijk[0], _ijk[1], _ijk[2], out);
}

/** The field on another grid (the next, finer pyramid level): trilinear; the vectors, in mm, are unchanged. */
export function resampleDisplacementField(field: DisplacementField, grid: ResampleGrid): DisplacementField {
  const out = createDisplacementField(grid);
  // Target index → source index.
  const m = mat4Multiply(mat4Invert(field.indexToWorld), grid.indexToWorld);
  const [nx, ny, nz] = grid.dimensions;
  const v: Vec3 = [0, 0, 0];
  const [ox, oy, oz] = out.components;
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        trilinearVectorAt(field.components, field.dimensions,
          m[0] * i + m[4] * j + m[8] * k + m[12], m[1] * i + m[5] * j + m[9] * k + m[13], m[2] * i + m[6] * j + m[10] * k + m[14], v);
        ox[n] = v[0]; oy[n] = v[1]; oz[n] = v[2];
      }
    }
  }
  return out;
}
