import { describe, expect, it } from 'vitest';
import { axisWeightSums, gaussianWeights, windowStarts } from '../../../src/segmentation/inference/slidingWindows.ts';

describe('windowStarts', () => {
  it('tiles 256 into four non-overlapping 64-voxel windows when the overlap is 0 (the model30 reference)', () => {
    expect(windowStarts(256, 64, 0)).toEqual([0, 64, 128, 192]);
  });

  it('spreads windows evenly with the last one flush with the end, as nnU-Net does', () => {
    // Step at most 8 for overlap 0.5: ceil((40 − 16) / 8) + 1 = 4 windows, actual step 24 / 3 = 8.
    expect(windowStarts(40, 16, 0.5)).toEqual([0, 8, 16, 24]);
    // ceil(21 / 8) + 1 = 4 windows, step 7.
    expect(windowStarts(37, 16, 0.5)).toEqual([0, 7, 14, 21]);
  });

  it('never lets neighbours share less than the overlap asked for', () => {
    for (const [size, patch, overlap] of [[100, 32, 0.25], [257, 64, 0.5], [65, 64, 0.9]] as const) {
      const s = windowStarts(size, patch, overlap);
      expect(s[0]).toBe(0);
      expect(s[s.length - 1]).toBe(size - patch);
      for (let n = 1; n < s.length; n++) expect(s[n] - s[n - 1]).toBeLessThanOrEqual(Math.max(1, Math.ceil(patch * (1 - overlap))));
    }
  });

  it('gives one window when the patch covers the axis', () => {
    expect(windowStarts(64, 64, 0.5)).toEqual([0]);
    expect(windowStarts(30, 64, 0.5)).toEqual([0]);
  });
});

describe('gaussianWeights', () => {
  it('peaks at 1 in the centre, is symmetric, and is exp(−8) at 4 sigma (sigma = patch/8)', () => {
    const w = gaussianWeights(65, 1 / 8);
    expect(w[32]).toBe(1);
    for (let x = 0; x < 65; x++) expect(w[x]).toBe(w[64 - x]);
    // The edge is 32 voxels from the centre; sigma 65/8 = 8.125.
    expect(w[0]).toBeCloseTo(Math.exp(-(32 ** 2) / (2 * 8.125 ** 2)), 7);
  });
});

describe('axisWeightSums', () => {
  it('sums the window weights each voxel receives', () => {
    const w = new Float32Array([1, 2, 3, 4]);
    expect(Array.from(axisWeightSums(6, [0, 2], w))).toEqual([1, 2, 3 + 1, 4 + 2, 3, 4]);
  });
});
