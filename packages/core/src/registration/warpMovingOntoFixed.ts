import { VoxaError } from '../errors/VoxaError.ts';
import { mat4Invert, mat4Multiply, type Mat4 } from '../math/Mat4.ts';
import type { Dims3, Vec3 } from '../math/Vec3.ts';
import type { ResampleGrid, ResampleOptions } from '../volume/resample.ts';
import { allocVoxels, voxelTypeOf, type Volume, type VoxelArray } from '../volume/Volume.ts';
import { trilinearVectorAt, type DisplacementField } from './DisplacementField.ts';
import { trilinearAt } from './trilinear.ts';

/** What warpInto samples: scalar values on a grid. */
export interface WarpSource {
  dimensions: Dims3;
  indexToWorld: Mat4;
  voxels: VoxelArray;
}

/**
 * The moving volume resampled onto the fixed grid through a deformable registration: each fixed
 * voxel centre x is looked up at fixedToMoving · (x + d(x)) in the moving image — trilinear for
 * images, 'nearest' for label maps (which then keep their exact label values). The deformable
 * sibling of resampleMovingOntoFixed, with its options: points outside the moving image get
 * `fill` (default 0), the output keeps the moving voxel type unless `type` says otherwise
 * (integer types are rounded; `fill` must fit them).
 *
 * @example
 * const carried = warpMovingOntoFixed(followUpLabels, baseline, affine.fixedToMoving, field, { interpolation: 'nearest' });
 */
export function warpMovingOntoFixed(moving: Volume, fixed: ResampleGrid, fixedToMoving: Mat4, field: DisplacementField, options: ResampleOptions = {}): Volume {
  if (moving.components !== 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `the moving volume has ${moving.components} components; warping takes scalar volumes and label maps`);
  const interpolation = options.interpolation ?? 'linear';
  const type = options.type ?? voxelTypeOf(moving.voxels);
  const [nx, ny, nz] = fixed.dimensions;
  const out = allocVoxels(type, nx * ny * nz);
  warpInto(out, moving, fixed, fixedToMoving, field, interpolation === 'linear', options.fill ?? 0);
  return {
    dimensions: [nx, ny, nz],
    components: 1,
    voxels: out,
    indexToWorld: new Float64Array(fixed.indexToWorld),
    units: moving.units,
    meta: { ...moving.meta, warnings: [...moving.meta.warnings], extra: { ...moving.meta.extra, warped: { interpolation, fill: options.fill ?? 0 } } },
  };
}

const _d: Vec3 = [0, 0, 0];

/**
 * The hot loop of warpMovingOntoFixed, into a caller's array (the demons iterations reuse one).
 * A point is inside the source within its voxel extent, [−0.5, n − 0.5) per axis, as in
 * `resample`; there 'linear' clamps into [0, n − 1] and interpolates, nearest rounds.
 */
export function warpInto(out: VoxelArray, source: WarpSource, grid: ResampleGrid, fixedToMoving: Mat4, field: DisplacementField, linear: boolean, fill: number): void {
  const [nx, ny, nz] = grid.dimensions;
  const [sx, sy, sz] = source.dimensions;
  const src = source.voxels;
  const round = !(out instanceof Float32Array || out instanceof Float64Array);
  // Source index = K · target index + L · d, with K = S⁻¹·A·T and L the linear part of S⁻¹·A.
  const sa = mat4Multiply(mat4Invert(source.indexToWorld), fixedToMoving);
  const K = mat4Multiply(sa, grid.indexToWorld);
  // Field index of a target voxel, unless the field lies on the target grid itself.
  const sameGrid = field.dimensions.every((d, a) => d === grid.dimensions[a]) && field.indexToWorld.every((x, a) => Math.abs(x - grid.indexToWorld[a]) < 1e-9);
  const F = mat4Multiply(mat4Invert(field.indexToWorld), grid.indexToWorld);
  const [dx, dy, dz] = field.components;
  const sxy = sx * sy;
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        let ux: number, uy: number, uz: number;
        if (sameGrid) {
          ux = dx[n]; uy = dy[n]; uz = dz[n];
        } else {
          trilinearVectorAt(field.components, field.dimensions, F[0] * i + F[4] * j + F[8] * k + F[12], F[1] * i + F[5] * j + F[9] * k + F[13], F[2] * i + F[6] * j + F[10] * k + F[14], _d);
          ux = _d[0]; uy = _d[1]; uz = _d[2];
        }
        const x = K[0] * i + K[4] * j + K[8] * k + K[12] + sa[0] * ux + sa[4] * uy + sa[8] * uz;
        const y = K[1] * i + K[5] * j + K[9] * k + K[13] + sa[1] * ux + sa[5] * uy + sa[9] * uz;
        const z = K[2] * i + K[6] * j + K[10] * k + K[14] + sa[2] * ux + sa[6] * uy + sa[10] * uz;
        if (!(x >= -0.5 && x < sx - 0.5 && y >= -0.5 && y < sy - 0.5 && z >= -0.5 && z < sz - 0.5)) {
          out[n] = fill;
          continue;
        }
        if (!linear) {
          out[n] = src[Math.round(x) + sx * Math.round(y) + sxy * Math.round(z)];
          continue;
        }
        const xc = x < 0 ? 0 : x > sx - 1 ? sx - 1 : x;
        const yc = y < 0 ? 0 : y > sy - 1 ? sy - 1 : y;
        const zc = z < 0 ? 0 : z > sz - 1 ? sz - 1 : z;
        const v = trilinearAt(src, source.dimensions, xc, yc, zc);
        out[n] = round ? Math.round(v) : v;
      }
    }
  }
}
