import { describe, expect, it } from 'vitest';
import { applyIntensityMap, matchIntensities } from '../../src/registration/matchIntensities.ts';
import { mulberry32 } from '../util/mulberry32.ts';

/** An "MRI": 30 % background near 0, then two tissues around 300 and 500, with noise. */
function image(gain: number, offset: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const v = new Float32Array(50_000);
  for (let n = 0; n < v.length; n++) {
    const r = random();
    const tissue = r < 0.3 ? 5 : r < 0.65 ? 300 : 500;
    v[n] = gain * (tissue + 20 * (random() - 0.5)) + offset;
  }
  return v;
}

describe('matchIntensities', () => {
  it('undoes another gain and offset of the same anatomy within 1 % of the range', () => {
    const fixed = image(1, 0, 1), moving = image(1.4, 30, 2);
    const maps = matchIntensities(fixed, moving);
    const f = applyIntensityMap([300, 500], maps.fixed, new Float32Array(2));
    const m = applyIntensityMap([1.4 * 300 + 30, 1.4 * 500 + 30], maps.moving, new Float32Array(2));
    expect(Math.abs(m[0] - f[0])).toBeLessThan(0.01);
    expect(Math.abs(m[1] - f[1])).toBeLessThan(0.01);
  });

  it('puts the fixed foreground 1st–99th percentiles on [0, 1] and, unmatched, uses that map for both', () => {
    const fixed = image(1, 0, 1);
    const maps = matchIntensities(fixed, image(2, 0, 2), false);
    expect(maps.moving).toEqual(maps.fixed);
    const [lo, hi] = applyIntensityMap([290, 510], maps.fixed, new Float32Array(2));
    expect(lo).toBeCloseTo(0, 1);
    expect(hi).toBeCloseTo(1, 1);
  });
});
