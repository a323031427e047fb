import { describe, expect, it } from 'vitest';
import { type PixelPoint, polygonMask } from '../../src/measure/polygonMask.ts';
import { thrown } from '../util/thrown.ts';

const count = (m: Uint8Array) => m.reduce((a, b) => a + b, 0);

describe('polygonMask', () => {
  it('covers exactly the area of an axis-aligned square: centres in [x0, x1) × [y0, y1)', () => {
    const m = polygonMask(20, 20, [[2, 2], [12, 2], [12, 12], [2, 12]]);
    expect(count(m)).toBe(100);
    for (let y = 0; y < 20; y++) for (let x = 0; x < 20; x++) {
      expect(m[x + 20 * y]).toBe(x >= 2 && x < 12 && y >= 2 && y < 12 ? 1 : 0);
    }
    // Non-integer corners: 10 × 10 centres again (2..11).
    expect(count(polygonMask(20, 20, [[1.5, 1.5], [11.5, 1.5], [11.5, 11.5], [1.5, 11.5]]))).toBe(100);
  });

  it('gives polygons that share an edge no common pixel and no gap', () => {
    const left = polygonMask(10, 10, [[0, 0], [5.3, 0], [4.7, 10], [0, 10]]);
    const right = polygonMask(10, 10, [[5.3, 0], [10, 0], [10, 10], [4.7, 10]]);
    for (let n = 0; n < 100; n++) expect(left[n] + right[n]).toBe(1);
  });

  it('approximates the area of a rotated square (diamond) and follows the even-odd rule', () => {
    // Diamond with half-diagonal 40: area 2·40² = 3200.
    const diamond: PixelPoint[] = [[100, 60], [140, 100], [100, 140], [60, 100]];
    expect(count(polygonMask(200, 200, diamond)) / 3200).toBeCloseTo(1, 2);
    // Pentagram: the central pentagon is crossed twice, so it is out; the tips are in.
    const star: PixelPoint[] = [0, 2, 4, 1, 3].map((k) => {
      const t = -Math.PI / 2 + (k * 2 * Math.PI) / 5;
      return [50 + 40 * Math.cos(t), 50 + 40 * Math.sin(t)];
    });
    const m = polygonMask(100, 100, star);
    expect(m[50 + 100 * 50]).toBe(0);
    expect(m[50 + 100 * 15]).toBe(1);
  });

  it('refuses fewer than 3 points', () => {
    expect(thrown(() => polygonMask(4, 4, [[0, 0], [1, 1]])).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });
});
