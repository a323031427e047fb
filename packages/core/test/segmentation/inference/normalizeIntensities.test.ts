import { describe, expect, it } from 'vitest';
import { normalizeIntensities, percentiles } from '../../../src/segmentation/inference/normalizeIntensities.ts';

const f32 = (a: number[]) => new Float32Array(a);
const round = (a: Float32Array, d = 6) => Array.from(a, (x) => +x.toFixed(d));

describe('normalizeIntensities', () => {
  it('min–max scales the whole image onto [0, 1] (brainchop)', () => {
    expect(round(normalizeIntensities(f32([0, 51, 255]), [{ op: 'minmax', range: [0, 1] }]))).toEqual([0, 0.2, 1]);
  });

  it('windows CT as lungmask does: clip to [−1024, 600], then (HU + 1024) / 1624', () => {
    const hu = f32([-3024, -1024, -212, 600, 3000]);
    expect(round(normalizeIntensities(hu, [{ op: 'window', min: -1024, max: 600, range: [0, 1] }]))).toEqual([0, 0, 0.5, 1, 1]);
  });

  it('clips then standardises with fixed numbers, as nnU-Net normalises CT', () => {
    const hu = f32([-2000, 0, 100, 5000]);
    const out = normalizeIntensities(hu, [{ op: 'clip', min: -1000, max: 1000 }, { op: 'standardize', mean: 100, std: 50 }]);
    expect(round(out)).toEqual([-22, -2, 0, 18]);
  });

  it('z-scores over the non-zero voxels and leaves the others 0 (nnU-Net use_mask_for_norm)', () => {
    // Non-zero values 2 and 4: mean 3, std 1.
    expect(round(normalizeIntensities(f32([0, 2, 4, 0]), [{ op: 'zscore', mask: 'nonzero' }]), 5)).toEqual([0, -1, 1, 0]);
  });

  it('z-scores over all voxels', () => {
    // 0, 2, 4, 6: mean 3, population std √5.
    const s = Math.sqrt(5);
    expect(round(normalizeIntensities(f32([0, 2, 4, 6]), [{ op: 'zscore', mask: 'all' }]), 5)).toEqual([-3 / s, -1 / s, 1 / s, 3 / s].map((x) => +x.toFixed(5)));
  });

  it('clips to the image’s own percentiles', () => {
    const a = new Float32Array(1001).map((_, n) => n); // 0 … 1000: percentile p is 10·p
    const [p1, p99] = percentiles(a, [1, 99]);
    // The histogram has 65536 bins over [0, 1000]: exact to 1000 / 65536 ≈ 0.015.
    expect(Math.abs(p1 - 10)).toBeLessThan(1.1);
    expect(Math.abs(p99 - 990)).toBeLessThan(1.1);
    const out = normalizeIntensities(a, [{ op: 'percentileClip', lower: 1, upper: 99, mask: 'all' }]);
    expect(out[0]).toBeCloseTo(p1, 3);
    expect(out[1000]).toBeCloseTo(p99, 3);
    expect(out[500]).toBe(500);
  });

  it('maps a constant image to the bottom of the range instead of dividing by zero', () => {
    expect(Array.from(normalizeIntensities(f32([7, 7]), [{ op: 'minmax', range: [0, 1] }]))).toEqual([0, 0]);
  });
});
