import { describe, expect, it } from 'vitest';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { connectedThreshold } from '../../../src/segmentation/algorithms/connectedThreshold.ts';
import { keepIslandsAt } from '../../../src/segmentation/algorithms/islands.ts';
import { threshold } from '../../../src/segmentation/algorithms/threshold.ts';
import { at, countOn, fillBox, rng } from './testGrids.ts';

describe('connectedThreshold', () => {
  const dims: Dims3 = [20, 10, 10];
  /** Two boxes of value 100 (5³ = 125 voxels each) in a background of 0, with a value-50 bridge option. */
  const volume = (bridge: boolean) => {
    const v = new Int16Array(2000);
    const m = new Uint8Array(2000);
    fillBox(m, dims, [1, 1, 1], [5, 5, 5]);
    fillBox(m, dims, [12, 1, 1], [16, 5, 5]);
    for (let n = 0; n < 2000; n++) v[n] = m[n] ? 100 : 0;
    if (bridge) for (let i = 6; i <= 11; i++) v[at(dims, i, 3, 3)] = 50;
    return v;
  };

  it('grows from a seed over the connected voxels in range only', () => {
    const v = volume(false);
    expect(countOn(connectedThreshold(v, dims, [at(dims, 3, 3, 3)], 80, 120))).toBe(125);
    expect(countOn(connectedThreshold(v, dims, [at(dims, 3, 3, 3), at(dims, 14, 2, 2)], 80, 120))).toBe(250);
  });

  it('follows a bridge whose values are in range and stops at one that is not', () => {
    const v = volume(true);
    expect(countOn(connectedThreshold(v, dims, [at(dims, 3, 3, 3)], 40, 120))).toBe(256);
    expect(countOn(connectedThreshold(v, dims, [at(dims, 3, 3, 3)], 60, 120))).toBe(125);
  });

  it('grows nothing from a seed out of range and stays within the given mask', () => {
    const v = volume(false);
    expect(countOn(connectedThreshold(v, dims, [at(dims, 0, 0, 0)], 80, 120))).toBe(0);
    const within = fillBox(new Uint8Array(2000), dims, [0, 0, 0], [19, 9, 2]);
    expect(countOn(connectedThreshold(v, dims, [at(dims, 3, 3, 1)], 80, 120, { within }))).toBe(50);
  });

  it('equals threshold followed by keeping the seeded islands, on random values', () => {
    const r = rng(5);
    const v = Float32Array.from({ length: 2000 }, () => r() * 100);
    const seeds = [17, 555, 1234, 1999];
    for (const conn of [6, 18, 26] as const) {
      const ref = keepIslandsAt(threshold(v, 20, 75), dims, seeds, { connectivity: conn });
      expect(Array.from(connectedThreshold(v, dims, seeds, 20, 75, { connectivity: conn }))).toEqual(Array.from(ref));
    }
  });
});
