import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { gaussianLabel } from '../../../src/segmentation/algorithms/gaussianLabel.ts';
import { at, countOn, fillBall, fillBox, randomMask } from './testGrids.ts';

/** Direct 3D sum with the per-axis truncated, renormalised kernel (what the separable passes compute). */
function bruteGaussian(m: Uint8Array, d: Dims3, sigma: [number, number, number]): Uint8Array {
  const r = sigma.map((s) => Math.max(1, Math.ceil(3 * s)));
  const w = (a: number, t: number) => Math.exp(-(t * t) / (2 * sigma[a] ** 2));
  const out = new Uint8Array(m.length);
  for (let z = 0; z < d[2]; z++) for (let y = 0; y < d[1]; y++) for (let x = 0; x < d[0]; x++) {
    let sum = 0, nx = 0, ny = 0, nz = 0;
    for (let c = Math.max(0, z - r[2]); c <= Math.min(d[2] - 1, z + r[2]); c++) nz += w(2, c - z);
    for (let b = Math.max(0, y - r[1]); b <= Math.min(d[1] - 1, y + r[1]); b++) ny += w(1, b - y);
    for (let a = Math.max(0, x - r[0]); a <= Math.min(d[0] - 1, x + r[0]); a++) nx += w(0, a - x);
    for (let c = Math.max(0, z - r[2]); c <= Math.min(d[2] - 1, z + r[2]); c++)
      for (let b = Math.max(0, y - r[1]); b <= Math.min(d[1] - 1, y + r[1]); b++)
        for (let a = Math.max(0, x - r[0]); a <= Math.min(d[0] - 1, x + r[0]); a++)
          if (m[at(d, a, b, c)]) sum += w(0, a - x) * w(1, b - y) * w(2, c - z);
    out[at(d, x, y, z)] = sum / (nx * ny * nz) >= 0.5 ? 1 : 0;
  }
  return out;
}

describe('gaussianLabel', () => {
  const dims: Dims3 = [24, 24, 24];

  it('leaves a flat face where it is (the blur is 0.5 half way between the last voxel in and the first out)', () => {
    const m = fillBox(new Uint8Array(24 ** 3), dims, [0, 0, 0], [11, 23, 23]);
    expect(Array.from(gaussianLabel(m, dims, [1, 1, 1], 2))).toEqual(Array.from(m));
  });

  it('removes a single voxel and a one-voxel line', () => {
    const m = new Uint8Array(24 ** 3);
    m[at(dims, 5, 5, 5)] = 1;
    for (let i = 0; i < 24; i++) m[at(dims, i, 15, 15)] = 1;
    expect(countOn(gaussianLabel(m, dims, [1, 1, 1], 1))).toBe(0);
  });

  it('shrinks a ball by the amount a Gaussian blur predicts, and does not eat a mask at the grid edge', () => {
    const sigma = 1.5;
    const ball = fillBall(new Uint8Array(24 ** 3), dims, [12, 12, 12], 8);
    const n = countOn(gaussianLabel(ball, dims, [1, 1, 1], sigma));
    // The digital ball (2109 voxels, not 4/3·π·8³ = 2145) stands for a continuous ball of this radius.
    const R = Math.cbrt((3 * countOn(ball)) / (4 * Math.PI));
    // The blurred ball's value at distance r is P(|x + σZ| ≤ R), Z a 3D standard normal (closed form
    // below); its 0.5 level r* lies inside R (≈ R − σ²/R), so the kept volume is ≈ 4/3·π·r*³.
    const phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    const inside = (r: number) =>
      phi((R - r) / sigma) - phi((-R - r) / sigma) - (sigma / (r * Math.sqrt(2 * Math.PI))) * (Math.exp(-((R - r) ** 2) / (2 * sigma ** 2)) - Math.exp(-((R + r) ** 2) / (2 * sigma ** 2)));
    let lo = 1, hi = R + 3 * sigma;
    for (let it = 0; it < 60; it++) { const mid = (lo + hi) / 2; if (inside(mid) > 0.5) lo = mid; else hi = mid; }
    const predicted = (4 / 3) * Math.PI * lo ** 3;
    expect(lo).toBeLessThan(R - 0.2);
    // 2%: sampling the kernel and the voxels' staircase surface, measured 1.3%.
    expect(Math.abs(n - predicted) / predicted).toBeLessThan(0.02);
    const full = new Uint8Array(24 ** 3).fill(1);
    expect(countOn(gaussianLabel(full, dims, [1, 1, 1], 2))).toBe(24 ** 3);
  });

  it('matches a direct 3D sum, for a mask in the middle and one at the grid edge', () => {
    const d: Dims3 = [22, 18, 14];
    const spacing: [number, number, number] = [0.8, 1, 2];
    const mid = new Uint8Array(22 * 18 * 14);
    const blob = randomMask([8, 6, 4], 0.7, 3);
    for (let k = 0; k < 4; k++) for (let j = 0; j < 6; j++) for (let i = 0; i < 8; i++) mid[at(d, 7 + i, 6 + j, 5 + k)] = blob[i + 8 * (j + 6 * k)];
    const edge = fillBox(new Uint8Array(22 * 18 * 14), d, [0, 0, 0], [5, 17, 6]);
    for (const m of [mid, edge]) {
      const got = gaussianLabel(m, d, spacing, 1.2);
      expect(Array.from(got)).toEqual(Array.from(bruteGaussian(m, d, [1.2 / 0.8, 1.2, 0.6])));
    }
  });

  it('is the identity for sigma 0', () => {
    const ball = fillBall(new Uint8Array(24 ** 3), dims, [12, 12, 12], 3);
    expect(Array.from(gaussianLabel(ball, dims, [1, 1, 1], 0))).toEqual(Array.from(ball));
  });
});

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), enough for a 3% volume check. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
