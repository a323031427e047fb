import { describe, expect, it } from 'vitest';
import { type Mat4, mat4FromColumns, mat4Multiply, transformPoint } from '../../src/math/Mat4.ts';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { resample } from '../../src/volume/resample.ts';
import { createVolume, indexOf, type Volume } from '../../src/volume/Volume.ts';
import { obliqueMatrix, rotationColumns } from '../io/fixtures.ts';

function numbered(dims: [number, number, number], indexToWorld?: Mat4, components: 1 | 3 = 1): Volume {
  const v = createVolume({ dimensions: dims, type: 'int16', indexToWorld, components });
  v.voxels.forEach((_, n) => (v.voxels[n] = n * 3 - 20));
  return v;
}

describe('resample', () => {
  it('returns identical voxels on the identity grid (nearest and linear)', () => {
    const v = numbered([5, 4, 3], obliqueMatrix());
    for (const interpolation of ['nearest', 'linear'] as const) {
      const r = resample(v, v, { interpolation });
      expect(r.voxels).toEqual(v.voxels);
      expect(Array.from(r.indexToWorld)).toEqual(Array.from(v.indexToWorld));
    }
  });

  it('gives exactly the permuted array for a grid rotated by 90° (nearest, scalar and RGB)', () => {
    const m = obliqueMatrix();
    for (const components of [1, 3] as const) {
      const v = numbered([4, 3, 2], m, components);
      // Target index (i', j', k') ↦ source index (3 − j', i', k'): a 90° turn in the i–j plane.
      const turn = mat4FromColumns([0, 1, 0], [-1, 0, 0], [0, 0, 1], [3, 0, 0]);
      const r = resample(v, { dimensions: [3, 4, 2], indexToWorld: mat4Multiply(m, turn) }, { interpolation: 'nearest' });
      for (let k = 0; k < 2; k++) for (let j = 0; j < 4; j++) for (let i = 0; i < 3; i++) {
        for (let c = 0; c < components; c++) {
          expect(r.voxels[indexOf(r, i, j, k) + c]).toBe(v.voxels[indexOf(v, 3 - j, i, k) + c]);
        }
      }
    }
  });

  it('is exact (1e-5) for trilinear interpolation of a linear ramp at off-grid oblique points', () => {
    // Source: anisotropic oblique grid whose values are a linear function of world position.
    const src = createVolume({ dimensions: [12, 10, 8], type: 'float64', indexToWorld: obliqueMatrix() });
    const ramp = (p: Vec3) => 0.5 * p[0] - 1.25 * p[1] + 2 * p[2] + 7;
    const p: Vec3 = [0, 0, 0];
    for (let k = 0; k < 8; k++) for (let j = 0; j < 10; j++) for (let i = 0; i < 12; i++) {
      src.voxels[indexOf(src, i, j, k)] = ramp(transformPoint(src.indexToWorld, [i, j, k], p));
    }
    // Target: rotated 33° about another axis, 0.6 mm, origin at a fractional source index near the centre.
    const centre = transformPoint(src.indexToWorld, [4.37, 3.61, 2.83]);
    const [a, b, c] = rotationColumns(33, [-2, 1, 0.5]).map((col) => col.map((x) => x * 0.6) as Vec3);
    const target = { dimensions: [5, 4, 3] as [number, number, number], indexToWorld: mat4FromColumns(a, b, c, centre) };
    const r = resample(src, target, { interpolation: 'linear', type: 'float32' });
    for (let k = 0; k < 3; k++) for (let j = 0; j < 4; j++) for (let i = 0; i < 5; i++) {
      const expected = ramp(transformPoint(target.indexToWorld, [i, j, k], p));
      // float32 output: ~1e-7 relative on values of order 10–100.
      expect(Math.abs(r.voxels[indexOf(r, i, j, k)] - expected)).toBeLessThan(1e-5);
    }
  });

  it('fills points outside the source: by default with the source minimum, else with `fill`', () => {
    const v = numbered([3, 3, 3]);
    const shifted = mat4FromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1], [2, 0, 0]);
    const byDefault = resample(v, { dimensions: [3, 3, 3], indexToWorld: shifted }, { interpolation: 'nearest' });
    // Columns i' = 0 map to source i = 2 (inside); i' = 1, 2 map to i = 3, 4 (outside).
    expect(byDefault.voxels[indexOf(byDefault, 0, 1, 1)]).toBe(v.voxels[indexOf(v, 2, 1, 1)]);
    expect(byDefault.voxels[indexOf(byDefault, 1, 1, 1)]).toBe(-20);
    const withFill = resample(v, { dimensions: [3, 3, 3], indexToWorld: shifted }, { interpolation: 'linear', fill: -1000 });
    expect(withFill.voxels[indexOf(withFill, 2, 2, 2)]).toBe(-1000);
  });

  it('treats the voxel extent [−0.5, n − 0.5) as inside, holding the edge value in the outer half-voxel', () => {
    const v = createVolume({ dimensions: [2, 1, 1], type: 'float32', voxels: new Float32Array([10, 20]) });
    const at = (x: number, interpolation: 'nearest' | 'linear') => resample(v, {
      dimensions: [1, 1, 1], indexToWorld: mat4FromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1], [x, 0, 0]),
    }, { interpolation, fill: -1 }).voxels[0];
    expect([at(-0.4, 'linear'), at(0.25, 'linear'), at(1.4, 'linear'), at(1.6, 'linear'), at(-0.6, 'linear')]).toEqual([10, 12.5, 20, -1, -1]);
    expect([at(-0.4, 'nearest'), at(0.6, 'nearest'), at(1.49, 'nearest'), at(1.5, 'nearest')]).toEqual([10, 20, 20, -1]);
  });

  it('rounds and clamps into an integer output type, and keeps fractions in a float type', () => {
    const v = createVolume({ dimensions: [2, 1, 1], type: 'uint8', voxels: new Uint8Array([0, 255]) });
    const grid = { dimensions: [3, 1, 1] as [number, number, number], indexToWorld: mat4FromColumns([0.5, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]) };
    expect(Array.from(resample(v, grid, { interpolation: 'linear' }).voxels)).toEqual([0, 128, 255]);
    expect(Array.from(resample(v, grid, { interpolation: 'linear', type: 'float32' }).voxels)).toEqual([0, 127.5, 255]);
    // x = 1.5 is outside [−0.5, 1.5): fill 999 is clamped to uint8's 255.
    const wider = { ...grid, dimensions: [4, 1, 1] as [number, number, number] };
    expect(Array.from(resample(v, wider, { interpolation: 'nearest', fill: 999 }).voxels)).toEqual([0, 255, 255, 255]);
    expect(Array.from(resample(v, wider, { interpolation: 'nearest', fill: -5 }).voxels)).toEqual([0, 255, 255, 0]);
  });

  it('refuses a singular source matrix with VOXA_ERR_BAD_ARGUMENT', () => {
    const v = createVolume({ dimensions: [1, 1, 1], indexToWorld: new Float64Array(16) });
    expect(() => resample(v, v)).toThrow(expect.objectContaining({ code: 'VOXA_ERR_BAD_ARGUMENT' }));
  });
});
