import { describe, expect, it } from 'vitest';
import { mat4FromColumns, transformPoint } from '../../src/math/Mat4.ts';
import { type Vec3, cross, dot, normalize } from '../../src/math/Vec3.ts';
import { type CurvedReformat, curvedPixelToWorld, straightenedReformat, stretchedReformat } from '../../src/mpr/curvedReformat.ts';
import { type ReslicePlane, planePixelToWorld } from '../../src/mpr/ReslicePlane.ts';
import { reslice } from '../../src/mpr/reslice.ts';
import { type Volume, createVolume, indexOf } from '../../src/volume/Volume.ts';
import { rgbVolume, rotationColumns } from '../io/fixtures.ts';
import { thrown } from '../util/thrown.ts';

const VOXEL_MM = 0.8;
const TUBE_RADIUS_MM = 4;

/**
 * A 70³ volume (0.8 mm voxels, grid turned 10°) holding a torus: a tube of radius r around the
 * circle (centre, normal, R). Values 1000 inside, 0 outside, with a one-voxel linear edge centred
 * on distance r, so the 500 iso-contour is the tube wall.
 */
function torusVolume(centre: Vec3, normal: Vec3, R: number): Volume {
  const cols = rotationColumns(10, [1, 0, 1]).map((c) => c.map((x) => x * VOXEL_MM) as Vec3);
  const n = 70;
  const origin: Vec3 = [0, 1, 2].map((a) => centre[a] - ((n - 1) / 2) * (cols[0][a] + cols[1][a] + cols[2][a])) as Vec3;
  const v = createVolume({ dimensions: [n, n, n], type: 'float32', indexToWorld: mat4FromColumns(cols[0], cols[1], cols[2], origin) });
  const p: Vec3 = [0, 0, 0];
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    transformPoint(v.indexToWorld, [i, j, k], p);
    const d: Vec3 = [p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]];
    const h = dot(d, normal);
    const rho = Math.hypot(d[0] - h * normal[0], d[1] - h * normal[1], d[2] - h * normal[2]);
    const dist = Math.hypot(rho - R, h);
    v.voxels[indexOf(v, i, j, k)] = 1000 * Math.min(1, Math.max(0, (TUBE_RADIUS_MM - dist) / VOXEL_MM + 0.5));
  }
  return v;
}

/** Per row: the number of pixels ≥ 500 and their mean column. */
function bands(cpr: CurvedReformat): { width: number; centre: number }[] {
  const out = [];
  for (let y = 0; y < cpr.height; y++) {
    let count = 0, sum = 0;
    for (let x = 0; x < cpr.width; x++) if (cpr.image[x + cpr.width * y] >= 500) { count++; sum += x; }
    out.push({ width: count, centre: count ? sum / count : Number.NaN });
  }
  return out;
}

describe('straightenedReformat', () => {
  const centre: Vec3 = [3, -4, 5];
  const normal = normalize([1, 2, 2]);
  const e1 = normalize(cross(normal, [0, 0, 1])), e2 = cross(normal, e1);
  const R = 18;
  const arc: Vec3[] = [];
  for (let d = 0; d <= 200; d += 2) {
    const t = (d * Math.PI) / 180;
    arc.push([0, 1, 2].map((a) => centre[a] + R * (Math.cos(t) * e1[a] + Math.sin(t) * e2[a])) as Vec3);
  }
  const volume = torusVolume(centre, normal, R);
  const pixelMm = 0.5;

  it('shows the tube as a band of width 2r ± 1 pixel on the centre column in every row, at any rotation about the path', () => {
    for (const options of [{}, { angleRad: 1.1 }, { referenceUp: normal }, { referenceUp: normal, angleRad: Math.PI / 2 }]) {
      const cpr = straightenedReformat(volume, arc, { widthMm: 20, pixelMm, ...options });
      // round(20 / 0.5) = 40, made odd: 41 columns, centre column 20.
      expect(cpr.width).toBe(41);
      expect(cpr.centreColumn).toBe(20);
      // Arc length 200° · R = 62.83 mm → rows at 0, 0.5, …, 62.5 and the end: 127 rows.
      expect(cpr.height).toBe(127);
      for (const band of bands(cpr)) {
        expect(Math.abs(band.width - (2 * TUBE_RADIUS_MM) / pixelMm)).toBeLessThanOrEqual(1);
        expect(Math.abs(band.centre - cpr.centreColumn)).toBeLessThanOrEqual(0.5);
      }
    }
  });

  it('spaces rows by arc length, keeps the lateral direction perpendicular to the path, and maps pixels back to world', () => {
    const cpr = straightenedReformat(volume, arc, { widthMm: 20, pixelMm, referenceUp: normal });
    const { positions, tangents, laterals, arcLengthMm } = cpr.samples;
    for (let y = 0; y < cpr.height; y++) {
      expect(arcLengthMm[y]).toBeCloseTo(Math.min(y * pixelMm, arcLengthMm[cpr.height - 1]), 9);
      expect(Math.abs(dot(laterals[y], tangents[y]))).toBeLessThan(1e-9);
      // Rotation-minimising along a planar arc: the lateral stays the plane normal.
      expect(dot(laterals[y], normal)).toBeGreaterThan(1 - 1e-9);
      const w = curvedPixelToWorld(cpr, cpr.centreColumn + 4, y);
      for (let a = 0; a < 3; a++) expect(w[a]).toBeCloseTo(positions[y][a] + 4 * pixelMm * normal[a], 9);
    }
    // Default reference [1, 0, 0] projected perpendicular to the first tangent, then turned by angleRad about it.
    const turned = straightenedReformat(volume, arc, { widthMm: 20, pixelMm, angleRad: Math.PI / 2 });
    const plain = straightenedReformat(volume, arc, { widthMm: 20, pixelMm });
    const t0 = plain.samples.tangents[0];
    const expected0 = normalize([1 - t0[0] * t0[0], -t0[0] * t0[1], -t0[0] * t0[2]]);
    for (let a = 0; a < 3; a++) expect(plain.samples.laterals[0][a]).toBeCloseTo(expected0[a], 12);
    const b = cross(t0, expected0);
    for (let a = 0; a < 3; a++) expect(turned.samples.laterals[0][a]).toBeCloseTo(b[a], 12);
  });

  it('takes a MIP slab perpendicular to each row', () => {
    // 2.4 mm at the default 0.8 mm step: samples at −0.8, 0 and +0.8 mm, so the thin sample is among them.
    const cpr = straightenedReformat(volume, arc, { widthMm: 20, pixelMm, slab: { mode: 'mip', thicknessMm: 2.4 } });
    const thin = straightenedReformat(volume, arc, { widthMm: 20, pixelMm });
    // MIP over samples that include the thin one can only be brighter.
    for (let p = 0; p < cpr.image.length; p++) expect(cpr.image[p]).toBeGreaterThanOrEqual(thin.image[p] - 1e-3);
    expect(Array.from(cpr.image).some((x, p) => x > thin.image[p] + 1)).toBe(true);
  });

  it('is NaN where the lateral line leaves the volume, and refuses RGB volumes and bad sizes', () => {
    const cpr = straightenedReformat(volume, arc, { widthMm: 200, pixelMm: 1 });
    expect(cpr.image[0]).toBeNaN();
    expect(cpr.image[100]).not.toBeNaN();
    expect(thrown(() => straightenedReformat(rgbVolume(), [[0, 0, 0], [1, 1, 1]], { widthMm: 5, pixelMm: 1 })).code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(thrown(() => straightenedReformat(volume, arc, { widthMm: 5, pixelMm: 0 })).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });
});

describe('stretchedReformat', () => {
  it('is the planar MPR of the path plane for a path in that plane that runs down the screen', () => {
    const v = createVolume({ dimensions: [40, 30, 50], type: 'int16', indexToWorld: mat4FromColumns([0.9, 0, 0], [0, 0.9, 0], [0, 0, 1.1], [-18, -13, -27]) });
    let seed = 7;
    for (let n = 0; n < v.voxels.length; n++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      v.voxels[n] = (seed >>> 16) % 2001 - 1000;
    }
    // Coronal-plane path (y = 1.5), head to foot, wiggling left–right.
    const path: Vec3[] = [];
    for (let z = 20; z >= -20; z -= 0.5) path.push([6 * Math.sin(z / 8), 1.5, z]);
    const cpr = stretchedReformat(v, path, { widthMm: 16, pixelMm: 0.6 });
    // Default view: the best-fit plane's normal, signed as the coronal view (+P).
    expect(cpr.projectionDir[1]).toBeCloseTo(1, 12);
    const v_ = cpr.lateralDir, w = cross(cpr.projectionDir, v_);
    expect(v_[0]).toBeGreaterThan(0.5); // screen right = patient left
    const plane: ReslicePlane = {
      origin: curvedPixelToWorld(cpr, 0, 0), row: v_, column: w, spacing: [0.6, 0.6], size: [cpr.width, cpr.height - 1],
    };
    const mpr = reslice(v, plane);
    let inside = 0;
    for (let y = 0; y < cpr.height - 1; y++) for (let x = 0; x < cpr.width; x++) {
      const a = curvedPixelToWorld(cpr, x, y), b = planePixelToWorld(plane, x, y);
      for (let k = 0; k < 3; k++) expect(a[k]).toBeCloseTo(b[k], 9);
      const p = x + cpr.width * y;
      if (Number.isNaN(mpr[p])) expect(cpr.image[p]).toBeNaN();
      else { inside++; expect(Math.abs(cpr.image[p] - mpr[p])).toBeLessThan(1e-2); }
    }
    expect(inside).toBeGreaterThan(1000);
    // The centreline follows the wiggle: its column changes by the lateral excursion.
    const cols = Array.from(cpr.samples.centreColumn);
    expect(Math.max(...cols) - Math.min(...cols)).toBeGreaterThan(10);
  });

  it('preserves the length of a path bending towards the viewer, showing the tube as a 2r band', () => {
    // Arc of radius 18 in the sagittal (y–z) plane, head to foot, bulging posteriorly; viewed from the front (+P).
    const centre: Vec3 = [2, -15, 1];
    const R = 18;
    const volume = torusVolume(centre, [1, 0, 0], R);
    const path: Vec3[] = [];
    for (let d = -60; d <= 60; d += 1) {
      const t = (d * Math.PI) / 180;
      path.push([centre[0], centre[1] + R * Math.cos(t), centre[2] - R * Math.sin(t)]);
    }
    const pixelMm = 0.5;
    const cpr = stretchedReformat(volume, path, { widthMm: 20, pixelMm, projectionDir: [0, 1, 0] });
    [1, 0, 0].forEach((e, a) => expect(cpr.lateralDir[a]).toBeCloseTo(e, 12));
    // Stretched: rows cover the arc length R·2π/3 = 37.70 mm, not its 31.18 mm vertical extent.
    const arcLength = path.slice(1).reduce((s, p, i) => s + Math.hypot(p[0] - path[i][0], p[1] - path[i][1], p[2] - path[i][2]), 0);
    expect(cpr.samples.arcLengthMm[cpr.height - 1]).toBeCloseTo(arcLength, 9);
    expect(cpr.height).toBe(Math.floor(arcLength / pixelMm) + 2);
    for (let y = 0; y < cpr.height; y++) expect(cpr.samples.centreColumn[y]).toBeCloseTo((cpr.width - 1) / 2, 9);
    for (const band of bands(cpr)) {
      expect(Math.abs(band.width - (2 * TUBE_RADIUS_MM) / pixelMm)).toBeLessThanOrEqual(1);
      expect(Math.abs(band.centre - (cpr.width - 1) / 2)).toBeLessThanOrEqual(0.5);
    }
  });

  it('refuses a view direction along the path', () => {
    const v = createVolume({ dimensions: [4, 4, 4] });
    expect(thrown(() => stretchedReformat(v, [[0, 0, 0], [0, 0, 3]], { widthMm: 4, pixelMm: 1, projectionDir: [0, 0, 1] })).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });
});
