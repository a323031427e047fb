import { describe, expect, it } from 'vitest';
import type { Dims3, Vec3 } from '../../../src/math/Vec3.ts';
import { distanceTransformMm, signedDistanceMm, squaredDistanceMm2 } from '../../../src/segmentation/algorithms/distanceTransform.ts';
import { at, bruteSquaredDistance, randomMask } from './testGrids.ts';

// Float32 output: relative error ≤ 2⁻²⁴ per rounding, a few roundings → 1e-6 relative is ample.
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

describe('distanceTransformMm', () => {
  it('matches brute force on random anisotropic grids (sparse and dense masks)', () => {
    const spacing: Vec3 = [0.7, 1.3, 2.1];
    for (const [dims, p, seed] of [[[17, 13, 9], 0.02, 1], [[9, 14, 11], 0.3, 2], [[1, 20, 7], 0.1, 3], [[23, 1, 1], 0.1, 4]] as [Dims3, number, number][]) {
      const m = randomMask(dims, p, seed);
      const d = distanceTransformMm(m, dims, spacing);
      const ref = bruteSquaredDistance(m, dims, spacing, (v) => v !== 0);
      for (let n = 0; n < m.length; n++) {
        if (!close(d[n], Math.sqrt(ref[n]))) expect([n, d[n]]).toEqual([n, Math.sqrt(ref[n])]);
      }
    }
  });

  it('is the Euclidean distance in mm from a single voxel', () => {
    const dims: Dims3 = [9, 9, 9];
    const m = new Uint8Array(729);
    m[at(dims, 4, 4, 4)] = 1;
    const d = distanceTransformMm(m, dims, [0.5, 1, 3]);
    expect(d[at(dims, 4, 4, 4)]).toBe(0);
    expect(d[at(dims, 0, 4, 4)]).toBeCloseTo(2, 6); // 4 voxels · 0.5 mm
    expect(d[at(dims, 8, 8, 8)]).toBeCloseTo(Math.hypot(2, 4, 12), 5);
  });

  it('is Infinity everywhere for an empty mask', () => {
    const d = distanceTransformMm(new Uint8Array(60), [5, 4, 3], [1, 1, 1]);
    expect(d.every((v) => v === Infinity)).toBe(true);
  });

  it('measures to zero voxels with target 0', () => {
    const dims: Dims3 = [8, 7, 6];
    const m = randomMask(dims, 0.8, 9);
    const d2 = squaredDistanceMm2(m, dims, [1.1, 0.9, 1.7], 0);
    const ref = bruteSquaredDistance(m, dims, [1.1, 0.9, 1.7], (v) => v === 0);
    for (let n = 0; n < m.length; n++) expect(close(d2[n], ref[n])).toBe(true);
  });
});

describe('signedDistanceMm', () => {
  it('is minus the distance to the outside inside, plus the distance to the mask outside', () => {
    const dims: Dims3 = [11, 10, 9];
    const spacing: Vec3 = [0.8, 1.2, 2.5];
    const m = randomMask(dims, 0.5, 21);
    const s = signedDistanceMm(m, dims, spacing);
    const toMask = bruteSquaredDistance(m, dims, spacing, (v) => v !== 0);
    const toOutside = bruteSquaredDistance(m, dims, spacing, (v) => v === 0);
    for (let n = 0; n < m.length; n++) {
      const want = m[n] ? -Math.sqrt(toOutside[n]) : Math.sqrt(toMask[n]);
      expect(close(s[n], want)).toBe(true);
      expect(s[n] < 0).toBe(m[n] !== 0);
    }
  });

  it('puts the boundary half way between centres: a voxel beside the boundary is one spacing from it on either side', () => {
    const dims: Dims3 = [6, 1, 1];
    const m = new Uint8Array([1, 1, 1, 0, 0, 0]);
    expect(Array.from(signedDistanceMm(m, dims, [2, 1, 1]))).toEqual([-6, -4, -2, 2, 4, 6]);
  });

  it('is -Infinity everywhere for a full mask and +Infinity for an empty one', () => {
    expect(signedDistanceMm(new Uint8Array(8).fill(1), [2, 2, 2], [1, 1, 1]).every((v) => v === -Infinity)).toBe(true);
    expect(signedDistanceMm(new Uint8Array(8), [2, 2, 2], [1, 1, 1]).every((v) => v === Infinity)).toBe(true);
  });
});
