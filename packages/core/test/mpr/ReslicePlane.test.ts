import { describe, expect, it } from 'vitest';
import { mat4FromColumns, transformPoint } from '../../src/math/Mat4.ts';
import { type Vec3, dot } from '../../src/math/Vec3.ts';
import {
  type ReslicePlane, planeNormal, planePixelToWorld, rotatePlane, standardPlane, validateReslicePlane, worldToPlanePixel,
} from '../../src/mpr/ReslicePlane.ts';
import { createVolume } from '../../src/volume/Volume.ts';
import { obliqueMatrix } from '../io/fixtures.ts';
import { thrown } from '../util/thrown.ts';

const deg = (r: number) => (r * 180) / Math.PI;
const angleDeg = (a: Vec3, b: Vec3) => deg(Math.acos(Math.max(-1, Math.min(1, dot(a, b)))));

describe('standardPlane', () => {
  const v = createVolume({ dimensions: [8, 6, 5], indexToWorld: mat4FromColumns([0.7, 0, 0], [0, 0.7, 0], [0, 0, 2], [-10, 20, 30]) });

  it('uses radiological axes: axial normal +S, coronal +P, sagittal towards the patient right', () => {
    expect(planeNormal(standardPlane(v, 'axial'))).toEqual([0, 0, 1]);
    expect(planeNormal(standardPlane(v, 'coronal')).map((x) => x + 0)).toEqual([0, 1, 0]);
    expect(planeNormal(standardPlane(v, 'sagittal')).map((x) => x + 0)).toEqual([-1, 0, 0]);
    expect(standardPlane(v, 'axial').row).toEqual([1, 0, 0]);
    expect(standardPlane(v, 'coronal').column).toEqual([0, 0, -1]);
    expect(standardPlane(v, 'sagittal').row).toEqual([0, 1, 0]);
  });

  it('covers the volume with square pixels of the smallest in-plane spacing, centred on it', () => {
    const axial = standardPlane(v, 'axial');
    // In-plane spacings 0.7 × 0.7 → 8 × 6 pixels of 0.7 mm, pixel (0, 0) on voxel (0, 0, centre).
    expect(axial.spacing).toEqual([0.7, 0.7]);
    expect(axial.size).toEqual([8, 6]);
    const centre = transformPoint(v.indexToWorld, [3.5, 2.5, 2]);
    const p = worldToPlanePixel(axial, centre);
    expect(p[0]).toBeCloseTo(3.5, 12);
    expect(p[1]).toBeCloseTo(2.5, 12);
    expect(p[2]).toBeCloseTo(0, 12);
    // Coronal: in-plane axes i (0.7 mm) and k (2 mm): 0.7 mm pixels, 5 slices × 2 mm = 10 mm → 15 rows (ceil(14.29)).
    const coronal = standardPlane(v, 'coronal');
    expect(coronal.spacing).toEqual([0.7, 0.7]);
    expect(coronal.size).toEqual([8, 15]);
  });

  it('passes through the given point along the normal', () => {
    const through = transformPoint(v.indexToWorld, [1, 1, 4]);
    const axial = standardPlane(v, 'axial', { through });
    expect(worldToPlanePixel(axial, through)[2]).toBeCloseTo(0, 12);
    expect(axial.origin[2]).toBeCloseTo(through[2], 12);
  });

  it('covers every voxel of an oblique volume', () => {
    const o = createVolume({ dimensions: [12, 10, 8], indexToWorld: obliqueMatrix() });
    for (const orientation of ['axial', 'coronal', 'sagittal'] as const) {
      const plane = standardPlane(o, orientation);
      for (const corner of [[0, 0, 0], [11, 0, 0], [0, 9, 0], [0, 0, 7], [11, 9, 7], [11, 9, 0], [0, 9, 7], [11, 0, 7]] as Vec3[]) {
        const [x, y] = worldToPlanePixel(plane, transformPoint(o.indexToWorld, corner));
        expect(x).toBeGreaterThanOrEqual(-0.5);
        expect(x).toBeLessThanOrEqual(plane.size[0] - 0.5);
        expect(y).toBeGreaterThanOrEqual(-0.5);
        expect(y).toBeLessThanOrEqual(plane.size[1] - 0.5);
      }
    }
  });
});

describe('planePixelToWorld / worldToPlanePixel', () => {
  it('are inverse to each other and put pixel centres at origin + x·Δx·row + y·Δy·column', () => {
    const plane: ReslicePlane = { origin: [1, 2, 3], row: [0, 0.6, 0.8], column: [1, 0, 0], spacing: [0.5, 2], size: [10, 10] };
    expect(planePixelToWorld(plane, 2, 3)).toEqual([1 + 6, 2 + 0.6, 3 + 0.8]);
    const back = worldToPlanePixel(plane, planePixelToWorld(plane, 2.25, -1.5));
    expect(back[0]).toBeCloseTo(2.25, 12);
    expect(back[1]).toBeCloseTo(-1.5, 12);
    expect(back[2]).toBeCloseTo(0, 12);
    // Normal = row × column = (0, 0.8, −0.6); a point 3 mm along it is at distance 3.
    expect(worldToPlanePixel(plane, [1, 2 + 2.4, 3 - 1.8])[2]).toBeCloseTo(3, 12);
  });
});

describe('rotatePlane', () => {
  const v = createVolume({ dimensions: [20, 20, 20] });
  const axial = standardPlane(v, 'axial');
  const centre: Vec3 = [9.5, 9.5, 9.5];

  it('tilts the normal by the angle when the axis lies in the plane', () => {
    for (const axis of [[1, 0, 0], [1, 1, 0], [0.3, -0.7, 0]] as Vec3[]) {
      const r = rotatePlane(axial, axis, Math.PI / 6, centre);
      expect(angleDeg(planeNormal(r), planeNormal(axial))).toBeCloseTo(30, 10);
    }
  });

  it('turns row and column by the angle about the normal and keeps them orthonormal', () => {
    const r = rotatePlane(axial, [0, 0, 1], Math.PI / 6, centre);
    expect(angleDeg(planeNormal(r), planeNormal(axial))).toBeCloseTo(0, 6);
    expect(angleDeg(r.row, axial.row)).toBeCloseTo(30, 10);
    // Right-handed about +z: +x turns towards +y.
    expect(r.row[1]).toBeGreaterThan(0);
    expect(() => validateReslicePlane(r)).not.toThrow();
  });

  it('keeps points on the axis fixed', () => {
    const r = rotatePlane(axial, [1, 2, 0], 0.7, centre);
    const before = worldToPlanePixel(axial, centre), after = worldToPlanePixel(r, centre);
    for (let k = 0; k < 3; k++) expect(after[k]).toBeCloseTo(before[k], 10);
  });

  it('refuses a zero axis', () => {
    expect(thrown(() => rotatePlane(axial, [0, 0, 0], 1, centre)).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });
});

describe('validateReslicePlane', () => {
  it('refuses non-unit or non-orthogonal axes, bad spacing and bad sizes', () => {
    const ok: ReslicePlane = { origin: [0, 0, 0], row: [1, 0, 0], column: [0, 1, 0], spacing: [1, 1], size: [2, 2] };
    expect(() => validateReslicePlane(ok)).not.toThrow();
    for (const bad of [
      { ...ok, row: [2, 0, 0] as Vec3 },
      { ...ok, column: [0.6, 0.8, 0] as Vec3 },
      { ...ok, spacing: [0, 1] as [number, number] },
      { ...ok, size: [2.5, 2] as [number, number] },
      { ...ok, origin: [Number.NaN, 0, 0] as Vec3 },
    ]) {
      expect(thrown(() => validateReslicePlane(bad)).code).toBe('VOXA_ERR_BAD_ARGUMENT');
    }
  });
});
