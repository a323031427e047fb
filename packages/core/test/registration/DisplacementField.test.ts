import { describe, expect, it } from 'vitest';
import { mat4FromColumns, mat4Identity, transformPoint } from '../../src/math/Mat4.ts';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { createDisplacementField, displacementAt, resampleDisplacementField, type DisplacementField } from '../../src/registration/DisplacementField.ts';
import { warpPoint } from '../../src/registration/warpPoint.ts';

/** A field on an oblique 2 × 3 × 4 mm grid whose vectors are an affine function of the LPS point: trilinear reproduces it exactly. */
function linearField(): { field: DisplacementField; at: (p: Vec3) => Vec3 } {
  const s = Math.SQRT1_2;
  const field = createDisplacementField({ dimensions: [6, 5, 4], indexToWorld: mat4FromColumns([2 * s, 2 * s, 0], [-3 * s, 3 * s, 0], [0, 0, 4], [10, -20, 5]) });
  const at = (p: Vec3): Vec3 => [0.1 * p[0] - 0.02 * p[2] + 1, -0.05 * p[1] + 2, 0.03 * p[0] + 0.04 * p[1] - 3];
  const [nx, ny, nz] = field.dimensions;
  for (let k = 0, n = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, n++) {
    const d = at(transformPoint(field.indexToWorld, [i, j, k]));
    for (let c = 0; c < 3; c++) field.components[c][n] = d[c];
  }
  return { field, at };
}

describe('DisplacementField', () => {
  it('samples trilinearly between grid points in LPS (exact for a field linear in the point)', () => {
    const { field, at } = linearField();
    const p = transformPoint(field.indexToWorld, [2.3, 1.7, 2.5]);
    const got = displacementAt(field, p), want = at(p);
    for (let c = 0; c < 3; c++) expect(got[c]).toBeCloseTo(want[c], 5);
  });

  it('holds the edge value outside the grid', () => {
    const { field } = linearField();
    const edge = displacementAt(field, transformPoint(field.indexToWorld, [5, 0, 3]));
    const beyond = displacementAt(field, transformPoint(field.indexToWorld, [7.5, -2, 3]));
    for (let c = 0; c < 3; c++) expect(beyond[c]).toBeCloseTo(edge[c], 6);
  });

  it('resamples onto another grid without changing the vectors (mm, not voxels)', () => {
    const { field, at } = linearField();
    const fine = resampleDisplacementField(field, { dimensions: [3, 3, 3], indexToWorld: mat4FromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1], transformPoint(field.indexToWorld, [2, 2, 1])) });
    const p = transformPoint(fine.indexToWorld, [1, 2, 1]);
    const got = displacementAt(fine, p), want = at(p);
    for (let c = 0; c < 3; c++) expect(got[c]).toBeCloseTo(want[c], 5);
  });

  it('warps a point as fixedToMoving · (p + d(p)): the field first, in fixed space, then the affine', () => {
    const { field, at } = linearField();
    const affine = mat4Identity();
    affine[0] = 0; affine[1] = 1; affine[4] = -1; affine[5] = 0; // 90° about S
    affine[12] = 5;
    const p = transformPoint(field.indexToWorld, [1.5, 2.5, 1]);
    const d = at(p);
    const want = transformPoint(affine, [p[0] + d[0], p[1] + d[1], p[2] + d[2]]);
    const got = warpPoint(field, affine, p);
    for (let c = 0; c < 3; c++) expect(got[c]).toBeCloseTo(want[c], 5);
  });
});
