import { describe, expect, it } from 'vitest';
import { ellipseMask } from '../../src/measure/ellipseMask.ts';

const count = (m: Uint8Array) => m.reduce((a, b) => a + b, 0);

describe('ellipseMask', () => {
  it('includes the pixels whose centres lie in the ellipse, boundary included', () => {
    const m = ellipseMask(11, 11, 5, 5, 3, 2);
    const at = (x: number, y: number) => m[x + 11 * y];
    expect([at(5, 5), at(8, 5), at(2, 5), at(5, 7), at(5, 3)]).toEqual([1, 1, 1, 1, 1]);
    expect([at(9, 5), at(8, 6), at(5, 8), at(7, 7)]).toEqual([0, 0, 0, 0]);
    // Rows: y = 3, 7 → x = 5 only; y = 4, 6 → |x − 5| ≤ 3·√(3/4) = 2.6 → 5 pixels; y = 5 → 7 pixels.
    expect(count(m)).toBe(1 + 5 + 7 + 5 + 1);
  });

  it('has about π·rx·ry pixels and clips at the image border', () => {
    expect(count(ellipseMask(200, 200, 100.3, 99.6, 60, 35)) / (Math.PI * 60 * 35)).toBeCloseTo(1, 2);
    // Centred on the corner pixel: one quarter of the disc (plus the two half axes), inside the image.
    const quarter = count(ellipseMask(50, 50, 0, 0, 30, 30));
    expect(quarter / ((Math.PI * 900) / 4)).toBeCloseTo(1, 1);
  });
});
