import { describe, expect, it } from 'vitest';
import { mat4FromColumns, mat4Invert, transformPoint } from '../../src/math/Mat4.ts';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { type ReslicePlane, planePixelToWorld, rotatePlane, standardPlane } from '../../src/mpr/ReslicePlane.ts';
import { reslice } from '../../src/mpr/reslice.ts';
import { slabOffsetsMm } from '../../src/mpr/sampleLine.ts';
import { type Volume, createVolume, indexOf } from '../../src/volume/Volume.ts';
import { obliqueMatrix, rgbVolume } from '../io/fixtures.ts';
import { thrown } from '../util/thrown.ts';

/** A volume of pseudo-random int16 values (fixed LCG seed). */
function noisy(dims: [number, number, number], spacing: Vec3, flipI = false): Volume {
  const m = mat4FromColumns([flipI ? -spacing[0] : spacing[0], 0, 0], [0, spacing[1], 0], [0, 0, spacing[2]], [flipI ? 50 : -50, 12.5, -7]);
  const v = createVolume({ dimensions: dims, type: 'int16', indexToWorld: m });
  let seed = 12345;
  for (let n = 0; n < v.voxels.length; n++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    v.voxels[n] = (seed >>> 16) % 4001 - 2000;
  }
  return v;
}

const axialAt = (v: Volume, k: number) => standardPlane(v, 'axial', { through: transformPoint(v.indexToWorld, [0, 0, k]) });

describe('reslice', () => {
  it('returns the voxel values exactly on an axial plane through voxel centres (screen right = patient left)', () => {
    for (const flipI of [false, true]) {
      const v = noisy([7, 6, 5], [0.7, 0.7, 2], flipI);
      for (let k = 0; k < 5; k++) {
        const img = reslice(v, axialAt(v, k));
        expect(img.length).toBe(7 * 6);
        for (let y = 0; y < 6; y++) for (let x = 0; x < 7; x++) {
          // With i along −x (flipI), screen column x is voxel i = 6 − x.
          expect(img[x + 7 * y]).toBe(v.voxels[indexOf(v, flipI ? 6 - x : x, y, k)]);
        }
      }
    }
  });

  it('returns the voxel values exactly on coronal and sagittal planes, inferior at the bottom', () => {
    const v = noisy([5, 4, 6], [0.8, 0.8, 0.8]);
    const coronal = reslice(v, standardPlane(v, 'coronal', { through: transformPoint(v.indexToWorld, [0, 2, 0]) }));
    const sagittal = reslice(v, standardPlane(v, 'sagittal', { through: transformPoint(v.indexToWorld, [3, 0, 0]) }));
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 5; x++) expect(coronal[x + 5 * y]).toBe(v.voxels[indexOf(v, x, 2, 5 - y)]);
      for (let x = 0; x < 4; x++) expect(sagittal[x + 4 * y]).toBe(v.voxels[indexOf(v, 3, x, 5 - y)]);
    }
  });

  it('is exact (1e-4) for a linear ramp on a plane rotated 30°, holds the edge value in the outer half voxel and is NaN beyond', () => {
    // Oblique anisotropic source (0.7 × 0.9 × 2.5 mm) whose values are a linear function of LPS position.
    const v = createVolume({ dimensions: [12, 10, 8], type: 'float32', indexToWorld: obliqueMatrix() });
    const ramp = (p: Vec3) => 0.5 * p[0] - 1.25 * p[1] + 2 * p[2] + 7;
    for (let k = 0; k < 8; k++) for (let j = 0; j < 10; j++) for (let i = 0; i < 12; i++) {
      v.voxels[indexOf(v, i, j, k)] = ramp(transformPoint(v.indexToWorld, [i, j, k]));
    }
    const centre = transformPoint(v.indexToWorld, [5.3, 4.1, 3.7]);
    const plane = rotatePlane(standardPlane(v, 'axial', { through: centre, pixelMm: 0.37 }), [1, 1, 0], Math.PI / 6, centre);
    const img = reslice(v, plane);
    const toIndex = mat4Invert(v.indexToWorld);
    const n = v.dimensions;
    const counts = { interior: 0, border: 0, outside: 0 };
    for (let y = 0; y < plane.size[1]; y++) for (let x = 0; x < plane.size[0]; x++) {
      const world = planePixelToWorld(plane, x, y);
      const c = transformPoint(toIndex, world);
      const value = img[x + plane.size[0] * y];
      if (c.some((ci, a) => ci < -0.5 - 1e-6 || ci > n[a] - 0.5 + 1e-6)) {
        counts.outside++;
        expect(value).toBeNaN();
      } else if (c.every((ci, a) => ci >= 0 && ci <= n[a] - 1)) {
        counts.interior++;
        // Trilinear interpolation reproduces linear functions; float32 storage of values ~±50: ~4e-6.
        expect(Math.abs(value - ramp(world))).toBeLessThan(1e-4);
      } else if (c.every((ci, a) => ci > -0.5 + 1e-6 && ci < n[a] - 0.5 - 1e-6)) {
        counts.border++;
        const clamped = c.map((ci, a) => Math.min(n[a] - 1, Math.max(0, ci))) as Vec3;
        expect(Math.abs(value - ramp(transformPoint(v.indexToWorld, clamped)))).toBeLessThan(1e-4);
      }
    }
    // The plane must actually exercise all three cases.
    expect(counts.interior).toBeGreaterThan(100);
    expect(counts.border).toBeGreaterThan(20);
    expect(counts.outside).toBeGreaterThan(100);
  });

  it('fills pixels outside the volume with `outside`', () => {
    const v = noisy([4, 4, 4], [1, 1, 1]);
    const away: ReslicePlane = { ...axialAt(v, 0), origin: [500, 500, 500] };
    expect(Array.from(reslice(v, away, { outside: -1024 }))).toEqual(new Array(16).fill(-1024));
    // The half voxel beyond the last slice is still inside; 0.5 + 1e-3 voxel beyond is not.
    const top = transformPoint(v.indexToWorld, [0, 0, 3.499]), beyond = transformPoint(v.indexToWorld, [0, 0, 3.501]);
    expect(reslice(v, standardPlane(v, 'axial', { through: top }))[0]).toBe(v.voxels[indexOf(v, 0, 0, 3)]);
    expect(reslice(v, standardPlane(v, 'axial', { through: beyond }))[0]).toBeNaN();
  });

  it('interpolates between slices', () => {
    const v = noisy([3, 3, 3], [1, 1, 2]);
    const img = reslice(v, standardPlane(v, 'axial', { through: transformPoint(v.indexToWorld, [0, 0, 1.25]) }));
    const expected = 0.75 * v.voxels[indexOf(v, 1, 2, 1)] + 0.25 * v.voxels[indexOf(v, 1, 2, 2)];
    expect(img[1 + 3 * 2]).toBeCloseTo(expected, 3);
  });

  describe('slab', () => {
    const v = noisy([6, 5, 7], [0.8, 0.8, 1.5]);
    const slices = (k: number) => [k - 1, k, k + 1].map((kk) => (x: number, y: number) => v.voxels[indexOf(v, x, y, kk)]);

    it('MIP, MinIP and average of 3 slices are the max, min and mean of those slices', () => {
      const plane = axialAt(v, 3);
      const slab = { thicknessMm: 4.5, stepMm: 1.5 };
      const mip = reslice(v, plane, { slab: { ...slab, mode: 'mip' } });
      const minip = reslice(v, plane, { slab: { ...slab, mode: 'minip' } });
      const average = reslice(v, plane, { slab: { ...slab, mode: 'average' } });
      const s = slices(3);
      for (let y = 0; y < 5; y++) for (let x = 0; x < 6; x++) {
        const values = s.map((f) => f(x, y));
        expect(mip[x + 6 * y]).toBe(Math.max(...values));
        expect(minip[x + 6 * y]).toBe(Math.min(...values));
        expect(average[x + 6 * y]).toBeCloseTo((values[0] + values[1] + values[2]) / 3, 3);
      }
    });

    it('averages only the samples inside the volume', () => {
      const average = reslice(v, axialAt(v, 0), { slab: { mode: 'average', thicknessMm: 4.5, stepMm: 1.5 } });
      // Sample at slice −1 is outside; the pixel is the mean of slices 0 and 1.
      for (let y = 0; y < 5; y++) for (let x = 0; x < 6; x++) {
        expect(average[x + 6 * y]).toBeCloseTo((v.voxels[indexOf(v, x, y, 0)] + v.voxels[indexOf(v, x, y, 1)]) / 2, 3);
      }
    });

    it('takes ceil(t / s) samples at ((m + 0.5) / S − 0.5)·t, the step defaulting to the smallest spacing', () => {
      // Default step 0.8 mm: ceil(4.5 / 0.8) = 6 samples, 0.75 mm apart, symmetric.
      const offsets = slabOffsetsMm({ mode: 'mip', thicknessMm: 4.5 }, v);
      expect(offsets.length).toBe(6);
      [-1.875, -1.125, -0.375, 0.375, 1.125, 1.875].forEach((o, m) => expect(offsets[m]).toBeCloseTo(o, 12));
      // t / s = 3 up to rounding: 3 samples, not 4.
      expect(slabOffsetsMm({ mode: 'mip', thicknessMm: 0.3, stepMm: 0.1 }, v).length).toBe(3);
      expect(Array.from(slabOffsetsMm({ mode: 'mip', thicknessMm: 0 }, v))).toEqual([0]);
      expect(Array.from(slabOffsetsMm(undefined, v))).toEqual([0]);
    });

    it('with the default step, MIP equals the max over the interpolated samples', () => {
      const plane = axialAt(v, 3);
      const mip = reslice(v, plane, { slab: { mode: 'mip', thicknessMm: 4.5 } });
      const offsets = slabOffsetsMm({ mode: 'mip', thicknessMm: 4.5 }, v);
      const thin = Array.from(offsets, (o) => reslice(v, { ...plane, origin: [plane.origin[0], plane.origin[1], plane.origin[2] + o] }));
      for (let p = 0; p < 30; p++) expect(mip[p]).toBeCloseTo(Math.max(...thin.map((img) => img[p])), 3);
      // Interpolated samples differ from the 3-slice MIP somewhere.
      const threeSlice = reslice(v, plane, { slab: { mode: 'mip', thicknessMm: 4.5, stepMm: 1.5 } });
      expect(Array.from(mip).some((x, p) => x !== threeSlice[p])).toBe(true);
    });
  });

  it('fills a given output array and refuses one of the wrong length', () => {
    const v = noisy([4, 3, 2], [1, 1, 1]);
    const plane = axialAt(v, 1);
    const out = new Float32Array(12);
    expect(reslice(v, plane, { out })).toBe(out);
    expect(out[5]).toBe(v.voxels[indexOf(v, 1, 1, 1)]);
    expect(thrown(() => reslice(v, plane, { out: new Float32Array(11) })).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });

  it('refuses RGB volumes, unknown slab modes and singular matrices', () => {
    const rgb = rgbVolume();
    expect(thrown(() => reslice(rgb, standardPlane(rgb, 'axial'))).message).toMatch(/scalar volume/);
    const v = noisy([4, 3, 2], [1, 1, 1]);
    expect(thrown(() => reslice(v, axialAt(v, 0), { slab: { mode: 'max' as 'mip', thicknessMm: 2 } })).code).toBe('VOXA_ERR_BAD_ARGUMENT');
    const flat = createVolume({ dimensions: [2, 2, 2], indexToWorld: mat4FromColumns([1, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 0]) });
    expect(thrown(() => reslice(flat, axialAt(v, 0))).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });
});
