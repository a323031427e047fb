import { describe, expect, it } from 'vitest';
import { applyPalette } from '../../../src/dicom/pixel/applyPalette.ts';
import { interleave, ybrFullToRgb } from '../../../src/dicom/pixel/convertColor.ts';
import type { PaletteLut } from '../../../src/dicom/pixel/PixelDescription.ts';

describe('interleave', () => {
  it('turns planar RRGGBB into RGBRGB (Planar Configuration 1)', () => {
    expect([...interleave(new Uint8Array([1, 2, 10, 20, 100, 200]), 'planar', 1, 2)]).toEqual([1, 10, 100, 2, 20, 200]);
  });

  it('expands YBR_FULL_422 pairs Y1 Y2 Cb Cr to one Cb Cr per pixel (PS3.3 C.7.6.3.1.2)', () => {
    expect([...interleave(new Uint8Array([50, 60, 1, 2, 70, 80, 3, 4]), 'ybr422', 1, 4)]).toEqual([
      50, 1, 2, 60, 1, 2, 70, 3, 4, 80, 3, 4,
    ]);
  });

  it('returns interleaved samples unchanged, without a copy', () => {
    const samples = new Uint16Array([1, 2, 3]);
    expect(interleave(samples, 'interleaved', 1, 1)).toBe(samples);
  });
});

describe('ybrFullToRgb (PS3.3 C.7.6.3.1.2)', () => {
  it('maps the YCbCr of pure red, green, blue, white and black back to RGB within 1', () => {
    // Forward transform of the standard: Y = .299R + .587G + .114B, Cb = −.1687R − .3313G + .5B + 128, Cr = .5R − .4187G − .0813B + 128.
    const ycbcr = new Uint8Array([76, 85, 255, 150, 44, 21, 29, 255, 107, 255, 128, 128, 0, 128, 128]);
    ybrFullToRgb(ycbcr, 8);
    const expected = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0];
    ycbcr.forEach((v, i) => expect(Math.abs(v - expected[i]), `sample ${i}`).toBeLessThanOrEqual(1));
  });

  it('uses a 2^(bits−1) chroma offset for 16-bit samples', () => {
    const ycbcr = new Uint16Array([40000, 32768, 32768]);
    ybrFullToRgb(ycbcr, 16);
    expect([...ycbcr]).toEqual([40000, 40000, 40000]);
  });
});

describe('applyPalette (PS3.3 C.7.6.3.1.5)', () => {
  const palette: PaletteLut = {
    entries: 3,
    firstValue: 10,
    bits: 8,
    red: new Uint16Array([1, 2, 3]),
    green: new Uint16Array([4, 5, 6]),
    blue: new Uint16Array([7, 8, 9]),
  };

  it('maps indices from First Value Mapped and clamps outside the table', () => {
    const rgb = applyPalette(new Uint16Array([10, 12, 5, 99]), palette);
    expect(rgb).toBeInstanceOf(Uint8Array);
    expect([...rgb]).toEqual([1, 4, 7, 3, 6, 9, 1, 4, 7, 3, 6, 9]);
  });

  it('returns 16-bit RGB for 16-bit tables', () => {
    const rgb = applyPalette(new Uint8Array([11]), { ...palette, bits: 16, red: new Uint16Array([0, 65535, 0]) });
    expect(rgb).toBeInstanceOf(Uint16Array);
    expect([...rgb]).toEqual([65535, 5, 8]);
  });
});
