import { describe, expect, it } from 'vitest';
import { ellipseMask } from '../../src/measure/ellipseMask.ts';
import { roiStatistics } from '../../src/measure/roiStatistics.ts';
import { thrown } from '../util/thrown.ts';

describe('roiStatistics', () => {
  it('uses the sample SD (n − 1): 2,4,4,4,5,5,7,9 has mean 5 and SD √(32/7)', () => {
    const image = new Float32Array([2, 4, 4, 4, 5, 5, 7, 9]);
    const s = roiStatistics(image, 4, 2, 0.25, () => true);
    expect(s.count).toBe(8);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect([s.min, s.max, s.areaMm2]).toEqual([2, 9, 2]);
  });

  it('matches the analytic statistics of an ellipse over a constant plus gradient image', () => {
    // Image value 100 + 0.5·x (x in pixels). An ellipse centred on pixel (200, 150) is symmetric about
    // x = 200, so the mean is exactly 100 + 0.5·200; over a continuous ellipse Var(x) = rx²/4, so
    // SD ≈ 0.5·rx/2; area ≈ π·rx·ry pixels; min/max at x = 200 ∓ rx on the centre row.
    const width = 400, height = 300, rx = 80, ry = 50, pixelArea = 0.7 * 0.7;
    const image = new Float32Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) image[x + width * y] = 100 + 0.5 * x;
    const s = roiStatistics(image, width, height, pixelArea, ellipseMask(width, height, 200, 150, rx, ry));
    expect(s.mean).toBeCloseTo(200, 9);
    expect(s.sd / (0.5 * rx / 2)).toBeCloseTo(1, 2);
    expect(s.areaMm2 / (Math.PI * rx * ry * pixelArea)).toBeCloseTo(1, 2);
    expect(s.min).toBe(100 + 0.5 * (200 - rx));
    expect(s.max).toBe(100 + 0.5 * (200 + rx));
    expect(s.count).toBe(s.pixels);
  });

  it('ignores NaN pixels in the statistics but not in the area, and accepts a predicate as mask', () => {
    const width = 10, height = 10;
    const image = new Float32Array(100).map((_, n) => n % 7);
    for (const n of [11, 12, 55, 99]) image[n] = Number.NaN;
    const inside = (x: number, y: number) => x >= 1 && x < 6 && y >= 1 && y < 6;
    const s = roiStatistics(image, width, height, 2, inside);
    const values: number[] = [];
    for (let y = 1; y < 6; y++) for (let x = 1; x < 6; x++) if (!Number.isNaN(image[x + 10 * y])) values.push(image[x + 10 * y]);
    // Pixels 11, 12 and 55 lie in the 5 × 5 square; 99 does not.
    expect(values.length).toBe(22);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    expect(s.count).toBe(22);
    expect(s.pixels).toBe(25);
    expect(s.areaMm2).toBe(50);
    expect(s.mean).toBeCloseTo(mean, 12);
    expect(s.sd).toBeCloseTo(sd, 12);
    const mask = new Uint8Array(100);
    for (let y = 1; y < 6; y++) for (let x = 1; x < 6; x++) mask[x + 10 * y] = 1;
    expect(roiStatistics(image, width, height, 2, mask)).toEqual(s);
  });

  it('gives NaN statistics for an empty region and NaN SD for one pixel', () => {
    const image = new Float32Array([1, 2, 3, 4]);
    const none = roiStatistics(image, 2, 2, 1, () => false);
    expect([none.count, none.mean, none.sd, none.min, none.max, none.areaMm2]).toEqual([0, NaN, NaN, NaN, NaN, 0]);
    const one = roiStatistics(image, 2, 2, 1, (x, y) => x === 1 && y === 1);
    expect([one.count, one.mean, one.sd]).toEqual([1, 4, NaN]);
  });

  it('refuses images and masks of the wrong size', () => {
    expect(thrown(() => roiStatistics(new Float32Array(5), 2, 2, 1, () => true)).code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(thrown(() => roiStatistics(new Float32Array(4), 2, 2, 1, new Uint8Array(3))).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });
});
