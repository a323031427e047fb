import { describe, expect, it } from 'vitest';
import type { DecodedFrame, PixelDescription } from '@voxa/core';
import { fitWithin, renderFrame, voiFunction } from '../../src/dicomweb/renderFrame.ts';

const desc = (photometricInterpretation: string): PixelDescription => ({
  transferSyntaxUid: '1.2.840.10008.1.2.1', rows: 1, columns: 4, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 16,
  highBit: 15, pixelRepresentation: 1, photometricInterpretation, planarConfiguration: 0,
});
const frame = (values: number[]): DecodedFrame => ({ pixels: Int16Array.from(values), samplesPerPixel: 1, lossy: false });

describe('voiFunction', () => {
  it('follows the LINEAR formula of PS3.3 C.11.2.1.2.1 (c=40, w=400: 0 at ≤-160.5, 255 above 239.5)', () => {
    const f = voiFunction({ center: 40, width: 400, fn: 'LINEAR' });
    expect(f(-161)).toBe(0);
    expect(f(240)).toBe(255);
    // ((40 - 39.5) / 399 + 0.5) * 255 = 127.82 → 128
    expect(f(40)).toBe(128);
  });

  it('follows LINEAR_EXACT: (x - c) / w + 0.5 scaled to 255', () => {
    const f = voiFunction({ center: 0, width: 100, fn: 'LINEAR_EXACT' });
    expect(f(-50)).toBe(0);
    expect(f(25)).toBe(191); // 0.75 · 255 = 191.25
    expect(f(51)).toBe(255);
  });

  it('follows SIGMOID: 255 / (1 + exp(-4 (x - c) / w))', () => {
    const f = voiFunction({ center: 10, width: 20, fn: 'SIGMOID' });
    expect(f(10)).toBe(128); // 127.5 rounds up
    expect(f(20)).toBe(Math.round(255 / (1 + Math.exp(-2))));
  });
});

describe('renderFrame', () => {
  it('applies rescale then the window (HU window 40/400 on stored values with intercept -1024)', () => {
    const out = renderFrame(frame([0, 1024, 1064, 2000]), desc('MONOCHROME2'), { slope: 1, intercept: -1024 }, {
      window: { center: 40, width: 400, fn: 'LINEAR' },
    });
    // HU: -1024 → 0; 0 → ((0-39.5)/399+0.5)·255 = 102.26 → 102; 40 → 128; 976 → 255
    expect(Array.from(out.pixels)).toEqual([0, 102, 128, 255]);
  });

  it('inverts MONOCHROME1 so that low values are bright', () => {
    const out = renderFrame(frame([0, 100]), { ...desc('MONOCHROME1'), columns: 2 }, { slope: 1, intercept: 0 }, {
      window: { center: 50, width: 100, fn: 'LINEAR_EXACT' },
    });
    expect(Array.from(out.pixels)).toEqual([255, 0]);
  });

  it('spans the frame value range when no window is given', () => {
    const out = renderFrame(frame([-100, 0, 100, 300]), desc('MONOCHROME2'), { slope: 1, intercept: 0 });
    expect(out.pixels[0]).toBe(0);
    expect(out.pixels[3]).toBe(255);
  });
});

describe('fitWithin', () => {
  it('scales down with a box filter, keeps the aspect ratio and never enlarges', () => {
    const pixels = Uint8Array.from([0, 100, 200, 50, 0, 100, 200, 50]);
    const half = fitWithin({ width: 4, height: 2, channels: 1, pixels }, 2, 2);
    expect([half.width, half.height]).toEqual([2, 1]);
    expect(Array.from(half.pixels)).toEqual([50, 125]); // means of 2×2 blocks
    expect(fitWithin({ width: 4, height: 2, channels: 1, pixels }, 100, 100).width).toBe(4);
  });
});
