import { mat4Invert, mat4Multiply, type Mat4 } from '../math/Mat4.ts';
import { resample, type ResampleOptions } from '../volume/resample.ts';
import type { Volume } from '../volume/Volume.ts';

/**
 * The moving volume placed in the fixed volume's patient space: the same voxels with
 * indexToWorld = T⁻¹ · moving.indexToWorld, so that a moving voxel appears where its anatomy is
 * in the fixed image. No voxel is copied: views show it directly (linked MPR, blend, checkerboard).
 */
export function movingInFixedSpace(moving: Volume, fixedToMoving: Mat4): Volume {
  return { ...moving, indexToWorld: mat4Multiply(mat4Invert(fixedToMoving), moving.indexToWorld) };
}

/**
 * The moving volume resampled onto the fixed grid through the transform: for subtraction, or
 * labels ('nearest') carried from one time point to the other.
 */
export function resampleMovingOntoFixed(moving: Volume, fixed: Volume, fixedToMoving: Mat4, options: ResampleOptions = {}): Volume {
  return resample(movingInFixedSpace(moving, fixedToMoving), { dimensions: fixed.dimensions, indexToWorld: fixed.indexToWorld }, options);
}
