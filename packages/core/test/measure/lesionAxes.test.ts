import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../src/math/Mat4.ts';
import { lesionAxesFromMask } from '../../src/measure/lesionAxes.ts';
import { thrownMessage } from '../util/thrown.ts';

/** An ellipsoid mask (semi-axes a, b in plane rotated by `deg`, c along z) on a grid of spacing s × s × sz, centred. */
function ellipsoid(n: number, s: number, sz: number, nz: number, a: number, b: number, c: number, deg: number) {
  const mask = new Uint8Array(n * n * nz);
  const cos = Math.cos((deg * Math.PI) / 180), sin = Math.sin((deg * Math.PI) / 180);
  for (let k = 0; k < nz; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    const x = (i - (n - 1) / 2) * s, y = (j - (n - 1) / 2) * s, z = (k - (nz - 1) / 2) * sz;
    const u = x * cos + y * sin, v = -x * sin + y * cos;
    if ((u / a) ** 2 + (v / b) ** 2 + (z / c) ** 2 <= 1) mask[i + n * (j + n * k)] = 1;
  }
  return { mask, dims: [n, n, nz] as [number, number, number], m: mat4FromColumns([s, 0, 0], [0, s, 0], [0, 0, sz], [0, 0, 0]) };
}

describe('lesionAxesFromMask', () => {
  it('measures a rotated ellipsoid\'s largest axial section: long 30 mm, short 18 mm within half a voxel', () => {
    const { mask, dims, m } = ellipsoid(80, 0.5, 1, 21, 15, 9, 8, 30);
    const axes = lesionAxesFromMask(mask, dims, m);
    expect(axes.longMm).toBeGreaterThan(29.75);
    expect(axes.longMm).toBeLessThan(30.5);
    expect(axes.shortMm).toBeGreaterThan(17.75);
    expect(axes.shortMm).toBeLessThan(18.5);
    expect(axes.slice).toBe(10); // the central slice
    expect(axes.perpendicularityDeg).toBeGreaterThan(85);
    // The long axis runs along the ellipse's major axis, 30° from +x.
    const angle = (Math.atan2(axes.longB[1] - axes.longA[1], axes.longB[0] - axes.longA[0]) * 180) / Math.PI;
    expect(Math.abs(((angle % 180) + 180) % 180 - 30)).toBeLessThan(3);
    expect(axes.longA[2]).toBe(axes.longB[2]); // both end points in the slice plane
  });

  it('stays in the acquisition plane: a lesion long along z is measured across', () => {
    const { mask, dims, m } = ellipsoid(40, 1, 1, 60, 6, 5, 25, 0);
    const axes = lesionAxesFromMask(mask, dims, m);
    expect(axes.longMm).toBeLessThan(13); // 12 mm in-plane, not the 50 mm craniocaudal extent
  });

  it('names what is wrong with an empty or mis-sized mask', () => {
    expect(thrownMessage(() => lesionAxesFromMask(new Uint8Array(8), [2, 2, 2], mat4FromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0])))).toMatch(/no section with an area/);
    expect(thrownMessage(() => lesionAxesFromMask(new Uint8Array(7), [2, 2, 2], mat4FromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0])))).toMatch(/the mask has 7 voxels; the grid 2×2×2 needs 8/);
  });
});
