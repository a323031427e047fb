import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../src/math/Mat4.ts';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { PEAK_SPHERE_RADIUS_MM, petUptake } from '../../src/measure/petUptake.ts';
import { sulFactorFromBody } from '../../src/measure/sulFactor.ts';
import { createVolume, type Volume } from '../../src/volume/Volume.ts';
import { thrownMessage } from '../util/thrown.ts';

/** A SUVbw volume of n voxels of `spacing` mm, origin `origin`, values from the voxel centre's LPS position. */
function suvVolume(n: Vec3, spacing: Vec3, origin: Vec3, value: (p: Vec3) => number): Volume {
  const v = createVolume({ dimensions: n, units: 'SUVbw', indexToWorld: mat4FromColumns([spacing[0], 0, 0], [0, spacing[1], 0], [0, 0, spacing[2]], origin) });
  const p: Vec3 = [0, 0, 0];
  for (let k = 0, q = 0; k < n[2]; k++) for (let j = 0; j < n[1]; j++) for (let i = 0; i < n[0]; i++, q++) {
    p[0] = origin[0] + i * spacing[0]; p[1] = origin[1] + j * spacing[1]; p[2] = origin[2] + k * spacing[2];
    v.voxels[q] = value(p);
  }
  return v;
}

/** 0/1 mask of the voxels whose centres lie within r of c. */
function ballMask(v: Volume, c: Vec3, r: number): Uint8Array {
  const m = new Uint8Array(v.voxels.length), [nx, ny, nz] = v.dimensions, M = v.indexToWorld;
  for (let k = 0, q = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, q++) {
    const d = Math.hypot(M[12] + i * M[0] - c[0], M[13] + j * M[5] - c[1], M[14] + k * M[10] - c[2]);
    if (d <= r) m[q] = 1;
  }
  return m;
}

const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const inBall = (p: Vec3, c: Vec3, r: number) => dist(p, c) <= r;

// The patient: a 60 kg, 1.65 m woman. Janmahasatian LBM 39.287 kg (see leanBodyMass.test.ts): SUL factor 39.287 / 60 = 0.65478.
const sul = sulFactorFromBody({ sex: 'F', heightM: 1.65, weightKg: 60 });
const f = sul.available ? sul.factor : Number.NaN;

describe('petUptake on a uniform sphere (SUV 10, radius 15 mm, background 1)', () => {
  // 2 mm isotropic voxels, 41³, the sphere centred on voxel (20, 20, 20) at LPS (0, 0, 0).
  const centre: Vec3 = [0, 0, 0];
  const pet = suvVolume([41, 41, 41], [2, 2, 2], [-40, -40, -40], (p) => (inBall(p, centre, 15) ? 10 : 1));
  const lesion = { mask: ballMask(pet, centre, 15) };

  it('has SUVmax 10 and SULpeak exactly 10 × LBM/weight: the 1 cm³ sphere fits inside the uniform interior', () => {
    const u = petUptake(pet, lesion, f);
    expect(u.suvMax).toBe(10);
    expect(u.suvPeak).toBeCloseTo(10, 6);
    expect(u.sulPeak!).toBeCloseTo(10 * 0.65478, 4);
    // The first centre (voxel order) whose sphere's voxel centres all lie in the interior; it lies in the lesion.
    expect(dist(u.peakCentreLps, centre)).toBeLessThanOrEqual(15);
    expect(u.regionVoxelCount).toBe(lesion.mask.reduce((s, x) => s + x, 0));
  });

  it('averages 123 whole voxels (984 mm³) on 2 mm voxels: the lattice points with a² + b² + c² ≤ (6.2/2)² = 9.62', () => {
    // Points with a²+b²+c² = 0, 1, 2, 3, 4, 5, 6, 8, 9: 1 + 6 + 12 + 8 + 6 + 24 + 24 + 12 + 30 = 123 (7 is not a sum of three squares).
    const u = petUptake(pet, lesion, f);
    expect(u.peakVoxelCount).toBe(123);
    expect(u.peakVolumeMm3).toBe(984);
    expect(PEAK_SPHERE_RADIUS_MM).toBeCloseTo(6.2035, 4); // (3 / 4π)^⅓ cm
  });

  it('finds the hot spot: SUVmax 20 and SULpeak = (10 + 10 · 27/123) × factor for a 3×3×3 voxel cluster of SUV 20', () => {
    // The cluster is centred 4 mm from the sphere's centre; a peak sphere centred on it holds all 27 hot voxels
    // (corner offsets √3 · 2 mm = 3.5 mm < 6.2) and reaches 4 + 6.2 = 10.2 mm < 15, so its mean is (96 · 10 + 27 · 20) / 123,
    // the most any sphere can hold. Several centres tie; the first in voxel order is kept, and it holds all 27.
    const hot: Vec3 = [4, 0, 0];
    const v = suvVolume([41, 41, 41], [2, 2, 2], [-40, -40, -40], (p) => (Math.max(...p.map((x, a) => Math.abs(x - hot[a]))) <= 2 ? 20 : inBall(p, centre, 15) ? 10 : 1));
    const u = petUptake(v, lesion, f);
    expect(u.suvMax).toBe(20);
    expect(u.suvPeak).toBeCloseTo(10 + (10 * 27) / 123, 6);
    expect(u.sulPeak!).toBeCloseTo((10 + (10 * 27) / 123) * f, 6);
    for (let n = 0; n < 27; n++) {
      const corner: Vec3 = [hot[0] + 2 * ((n % 3) - 1), hot[1] + 2 * ((Math.floor(n / 3) % 3) - 1), hot[2] + 2 * (Math.floor(n / 9) - 1)];
      expect(dist(u.peakCentreLps, corner)).toBeLessThanOrEqual(PEAK_SPHERE_RADIUS_MM);
    }
  });

  it('ignores a hotter voxel outside the lesion (SUV 50, 14 mm beyond its edge)', () => {
    const v = suvVolume([41, 41, 41], [2, 2, 2], [-40, -40, -40], (p) => (dist(p, [30, 0, 0]) < 0.5 ? 50 : inBall(p, centre, 15) ? 10 : 1));
    const u = petUptake(v, lesion, f);
    expect(u.suvMax).toBe(10);
    expect(u.suvPeak).toBeCloseTo(10, 6);
  });

  it('gives the same from a click with a search radius as from the mask', () => {
    const fromSeed = petUptake(pet, { seedLps: [0.3, -0.2, 0.1], radiusMm: 15 }, f);
    expect(fromSeed.suvMax).toBe(10);
    expect(fromSeed.sulPeak!).toBeCloseTo(10 * f, 6);
  });

  it('reports SUVpeak but no SULpeak without a SUL factor', () => {
    const u = petUptake(pet, lesion, null);
    expect(u.sulPeak).toBeNull();
    expect(u.suvPeak).toBeCloseTo(10, 6);
  });
});

describe('petUptake on anisotropic voxels (2 × 3 × 5 mm)', () => {
  // The sphere's centre is off the voxel grid; the voxel nearest to it is at most √(1² + 1.5² + 2.5²) = 3.1 mm away,
  // so a peak sphere centred there (6.2 mm) stays 5.7 mm inside the 15 mm sphere.
  const centre: Vec3 = [0.7, -1.1, 1.9];
  const grid = { n: [26, 18, 12] as Vec3, spacing: [2, 3, 5] as Vec3, origin: [-25, -25.5, -27.5] as Vec3 };
  const pet = suvVolume(grid.n, grid.spacing, grid.origin, (p) => (inBall(p, centre, 15) ? 10 : 1));
  const lesion = { mask: ballMask(pet, centre, 15) };

  it('has SULpeak exactly 10 × factor and a 37-voxel (1110 mm³) peak sphere', () => {
    // Voxel-centre inclusion, (2a)² + (3b)² + (5c)² ≤ 6.2035² = 38.48:
    //   c = 0: b = 0 → |a| ≤ 3 (7); b = ±1 → 4a² ≤ 29.5, |a| ≤ 2 (2 × 5); b = ±2 → 4a² ≤ 2.5, a = 0 (2): 19.
    //   c = ±1: 4a² + 9b² ≤ 13.48: b = 0 → |a| ≤ 1 (3); b = ±1 → 4a² ≤ 4.48, |a| ≤ 1 (2 × 3): 9 each, 18.
    //   37 voxels of 30 mm³ = 1110 mm³ (+11 % over 1 cm³: coarse voxels, whole or nothing).
    const u = petUptake(pet, lesion, f);
    expect(u.suvMax).toBe(10);
    expect(u.sulPeak!).toBeCloseTo(10 * f, 6);
    expect(u.peakVoxelCount).toBe(37);
    expect(u.peakVolumeMm3).toBeCloseTo(1110, 9);
  });

  it('lifts SULpeak by exactly 20/37 SUV for one voxel of SUV 30 near the centre', () => {
    // Voxel (12, 8, 6) at (−1, −1.5, 2.5) mm, 1.7 mm from the centre. The best sphere contains it and nothing
    // but interior: (36 · 10 + 30) / 37 = 10 + 20/37 = 10.5405.
    const hot: Vec3 = [-1, -1.5, 2.5];
    const v = suvVolume(grid.n, grid.spacing, grid.origin, (p) => (dist(p, hot) < 0.1 ? 30 : inBall(p, centre, 15) ? 10 : 1));
    const u = petUptake(v, lesion, f);
    expect(u.suvMax).toBe(30);
    expect(u.suvMaxLps).toEqual(hot);
    expect(u.suvPeak).toBeCloseTo(10 + 20 / 37, 6);
    expect(u.sulPeak!).toBeCloseTo((10 + 20 / 37) * f, 6);
  });
});

describe('petUptake refuses', () => {
  it('a PET not in SUVbw, and a region outside the grid', () => {
    const bq = createVolume({ dimensions: [2, 2, 2], units: 'BQML' });
    expect(thrownMessage(() => petUptake(bq, { mask: new Uint8Array(8).fill(1) }, null))).toMatch(/needs a PET in SUVbw, the volume is in BQML/);
    const pet = createVolume({ dimensions: [2, 2, 2], units: 'SUVbw' });
    expect(thrownMessage(() => petUptake(pet, { seedLps: [100, 100, 100], radiusMm: 5 }, null))).toMatch(/holds no voxel of the PET grid/);
  });
});
