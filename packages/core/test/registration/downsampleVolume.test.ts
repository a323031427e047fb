import { describe, expect, it } from 'vitest';
import { mat4FromColumns, transformPoint } from '../../src/math/Mat4.ts';
import { downsampleVolume, pyramidFactors } from '../../src/registration/downsampleVolume.ts';
import { createVolume } from '../../src/volume/Volume.ts';

describe('downsampleVolume', () => {
  it('averages blocks and keeps every output voxel centre at its block centre in LPS', () => {
    const m = mat4FromColumns([0.8, 0, 0], [0, 0, -0.8], [0, 2, 0], [-10, 5, 30]); // coronal, oblique axes
    const v = createVolume({ dimensions: [9, 6, 5], type: 'int16', indexToWorld: m });
    for (let k = 0, n = 0; k < 5; k++) for (let j = 0; j < 6; j++) for (let i = 0; i < 9; i++, n++) v.voxels[n] = i + 10 * j + 100 * k;
    const d = downsampleVolume(v, [2, 3, 1]);
    expect(d.dimensions).toEqual([4, 2, 5]); // the trailing partial block in i is dropped
    // Block (1, 1, 2) covers i 2..3, j 3..5, k 2: mean i 2.5, j 4, k 2.
    expect(d.voxels[1 + 4 * (1 + 2 * 2)]).toBeCloseTo(2.5 + 40 + 200, 5);
    const centre = transformPoint(d.indexToWorld, [1, 1, 2]);
    const expected = transformPoint(m, [2.5, 4, 2]);
    for (let a = 0; a < 3; a++) expect(centre[a]).toBeCloseTo(expected[a], 12);
  });

  it('returns the finest level as it is: the same voxels, in their own type, not a copy', () => {
    const v = createVolume({ dimensions: [4, 4, 4], type: 'int16' });
    expect(downsampleVolume(v, [1, 1, 1])).toBe(v);
  });

  it('chooses factors that shrink the fine axes of an anisotropic grid only', () => {
    expect(pyramidFactors([0.72, 0.72, 4], 4)).toEqual([4, 4, 1]);
    expect(pyramidFactors([2.8, 2.8, 3], 2)).toEqual([2, 2, 2]);
    expect(pyramidFactors([1, 1, 1], 1)).toEqual([1, 1, 1]);
  });
});
