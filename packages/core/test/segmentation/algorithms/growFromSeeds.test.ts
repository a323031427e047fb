import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { growFromSeeds } from '../../../src/segmentation/algorithms/growFromSeeds.ts';
import { dice } from '../../../src/segmentation/algorithms/maskStatistics.ts';
import { at, fillBall, rng } from './testGrids.ts';

const dims: Dims3 = [48, 40, 40];
const N = 48 * 40 * 40;

/** Two touching balls (radius 10, centres 20 mm apart along i) of 100 and 200 on 0, plus Gaussian noise σ = 10. */
function scene() {
  const a = fillBall(new Uint8Array(N), dims, [13, 20, 20], 10);
  const b = fillBall(new Uint8Array(N), dims, [33, 20, 20], 10);
  const r = rng(42);
  const intensity = new Float32Array(N);
  for (let p = 0; p < N; p++) {
    // Box–Muller with a fixed seed: the same noise on every run.
    const g = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    intensity[p] = (a[p] ? 100 : b[p] ? 200 : 0) + 10 * g;
  }
  return { a, b, intensity };
}

describe('growFromSeeds', () => {
  it('recovers two touching blobs of different intensity from one seed each (Dice ≥ 0.98)', () => {
    const { a, b, intensity } = scene();
    const seeds = new Uint8Array(N);
    seeds[at(dims, 13, 20, 20)] = 1;
    seeds[at(dims, 33, 20, 20)] = 2;
    seeds[at(dims, 1, 1, 1)] = 3; // background
    const labels = growFromSeeds(intensity, dims, seeds);
    expect(dice(Uint8Array.from(labels, (l) => (l === 1 ? 1 : 0)), a)).toBeGreaterThanOrEqual(0.98);
    expect(dice(Uint8Array.from(labels, (l) => (l === 2 ? 1 : 0)), b)).toBeGreaterThanOrEqual(0.98);
    expect(labels.every((l) => l !== 0)).toBe(true);
  });

  it('splits a region restricted to the blobs with two seeds, leaving the rest unlabelled', () => {
    const { a, b, intensity } = scene();
    const within = Uint8Array.from(a, (v, p) => v | b[p]);
    const seeds = new Uint8Array(N);
    seeds[at(dims, 10, 22, 18)] = 1;
    seeds[at(dims, 36, 17, 23)] = 2;
    const labels = growFromSeeds(intensity, dims, seeds, { within });
    expect(dice(Uint8Array.from(labels, (l) => (l === 1 ? 1 : 0)), a)).toBeGreaterThanOrEqual(0.98);
    expect(dice(Uint8Array.from(labels, (l) => (l === 2 ? 1 : 0)), b)).toBeGreaterThanOrEqual(0.98);
    let outside = 0;
    for (let p = 0; p < N; p++) if (!within[p] && labels[p] !== 0) outside++;
    expect(outside).toBe(0);
  });

  it('needs its noise tolerance: charging every noisy step lets the background seed take most of a blob', () => {
    const { a, intensity } = scene();
    const seeds = new Uint8Array(N);
    seeds[at(dims, 13, 20, 20)] = 1;
    seeds[at(dims, 33, 20, 20)] = 2;
    seeds[at(dims, 1, 1, 1)] = 3;
    const labels = growFromSeeds(intensity, dims, seeds, { noiseTolerance: 0 });
    // Measured 0.31: ten noisy steps (≈ 11 each) outweigh the 100 jump into the blob.
    expect(dice(Uint8Array.from(labels, (l) => (l === 1 ? 1 : 0)), a)).toBeLessThan(0.5);
  });

  it('splits a flat image by distance to the seeds (the distance term breaks ties)', () => {
    const d: Dims3 = [21, 1, 1];
    const seeds = new Uint8Array(21);
    seeds[2] = 1;
    seeds[12] = 2;
    const labels = growFromSeeds(new Float32Array(21), d, seeds);
    // Voxel 7 is 5 from both seeds (a tie either way); every other voxel goes to the nearer seed.
    expect(Array.from(labels.subarray(0, 7))).toEqual(new Array(7).fill(1));
    expect(Array.from(labels.subarray(8))).toEqual(new Array(13).fill(2));
    expect([1, 2]).toContain(labels[7]);
  });

  it('grows only in the enlarged seed box when extentGrowth is given', () => {
    const { intensity } = scene();
    const seeds = new Uint8Array(N);
    seeds[at(dims, 10, 20, 20)] = 1;
    seeds[at(dims, 29, 20, 20)] = 2;
    // Seed box i 10..29 (20 wide), j and k 20..20 (1 wide): +2 voxels in i, +1 in j and k.
    const labels = growFromSeeds(intensity, dims, seeds, { extentGrowth: 0.1 });
    let outside = 0, inside = 0;
    for (let k = 0; k < 40; k++) for (let j = 0; j < 40; j++) for (let i = 0; i < 48; i++) {
      const inBox = i >= 8 && i <= 31 && j >= 19 && j <= 21 && k >= 19 && k <= 21;
      if (labels[at(dims, i, j, k)] !== 0) (inBox ? inside++ : outside++);
    }
    expect(outside).toBe(0);
    expect(inside).toBe(24 * 3 * 3);
  });

  it('keeps the seed voxels and rejects a seed map of the wrong size', () => {
    const seeds = new Uint8Array(8);
    seeds[0] = 4;
    const labels = growFromSeeds(new Float32Array(8), [2, 2, 2], seeds);
    expect(Array.from(labels)).toEqual(new Array(8).fill(4));
    expect(() => growFromSeeds(new Float32Array(8), [2, 2, 2], new Uint8Array(7))).toThrow(/seed label map has 7 voxels/);
  });
});
