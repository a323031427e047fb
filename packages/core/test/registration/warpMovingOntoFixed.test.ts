import { describe, expect, it } from 'vitest';
import { mat4FromColumns, mat4Identity } from '../../src/math/Mat4.ts';
import { createDisplacementField } from '../../src/registration/DisplacementField.ts';
import { resampleMovingOntoFixed } from '../../src/registration/movingInFixedSpace.ts';
import { warpMovingOntoFixed } from '../../src/registration/warpMovingOntoFixed.ts';
import { createVolume } from '../../src/volume/Volume.ts';
import { mulberry32 } from '../util/mulberry32.ts';

const random = mulberry32(7);
const moving = createVolume({ dimensions: [12, 10, 9], type: 'float32', indexToWorld: mat4FromColumns([1.5, 0, 0], [0, 1.2, 0.3], [0, -0.5, 2], [-8, -6, -9]) });
for (let n = 0; n < moving.voxels.length; n++) moving.voxels[n] = 100 * random();
const fixed = createVolume({ dimensions: [9, 8, 7], indexToWorld: mat4FromColumns([1.7, 0.2, 0], [-0.2, 1.7, 0], [0, 0, 1.9], [-6, -5, -6]) });
const affine = mat4Identity();
affine[12] = 0.7; affine[13] = -0.4; affine[14] = 0.2;

describe('warpMovingOntoFixed', () => {
  it('with a zero field is the affine resampling, trilinear and nearest (any grid, any orientation)', () => {
    const field = createDisplacementField({ dimensions: [4, 4, 4], indexToWorld: mat4FromColumns([4, 0, 0], [0, 4, 0], [0, 0, 4], [-6, -6, -6]) });
    for (const interpolation of ['linear', 'nearest'] as const) {
      const want = resampleMovingOntoFixed(moving, fixed, affine, { interpolation, fill: -1 });
      const got = warpMovingOntoFixed(moving, fixed, affine, field, { interpolation, fill: -1 });
      for (let n = 0; n < want.voxels.length; n++) expect(got.voxels[n]).toBeCloseTo(want.voxels[n], 3);
    }
  });

  it('adds a uniform field before the affine: the same as resampling through the shifted affine', () => {
    const field = createDisplacementField(fixed);
    field.components.forEach((c, a) => c.fill([0.9, -0.3, 0.6][a]));
    const shifted = new Float64Array(affine);
    shifted[12] += 0.9; shifted[13] -= 0.3; shifted[14] += 0.6; // affine is a pure translation
    const want = resampleMovingOntoFixed(moving, fixed, shifted, { fill: 0 });
    const got = warpMovingOntoFixed(moving, fixed, affine, field, { fill: 0 });
    for (let n = 0; n < want.voxels.length; n++) expect(got.voxels[n]).toBeCloseTo(want.voxels[n], 3);
  });
});
