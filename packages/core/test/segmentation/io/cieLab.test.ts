import { describe, expect, it } from 'vitest';
import { dicomLabToRgb, rgbToDicomLab } from '../../../src/segmentation/io/cieLab.ts';

describe('DICOM CIELab ↔ sRGB', () => {
  it("converts dcmqi's liver colour both ways: RGB 221,130,101 ↔ CIELab 41661\\41167\\40792 (dcmqi sparse-labelmap SEG and seg-example.json)", () => {
    expect(dicomLabToRgb([41661, 41167, 40792])).toEqual([221, 130, 101]);
    // dcmtk rounds its XYZ matrix differently: a few units in 65535 (< 0.01 L*) apart.
    const lab = rgbToDicomLab([221, 130, 101]);
    [41661, 41167, 40792].forEach((v, i) => expect(Math.abs(lab[i] - v)).toBeLessThanOrEqual(3));
  });

  it('maps white to L* 100, a* = b* = 0 and black to L* 0 (PS3.3 C.10.7.1.1 scaling: a*, b* 0 ↔ 32896)', () => {
    const white = rgbToDicomLab([255, 255, 255]);
    expect(white[0]).toBe(65535);
    // a*, b* = 0 → (0 + 128) · 65535 / 255 = 32896; the D65 white point rounding moves it ≤ 2 units.
    expect(Math.abs(white[1] - 32896)).toBeLessThanOrEqual(2);
    expect(Math.abs(white[2] - 32896)).toBeLessThanOrEqual(2);
    expect(rgbToDicomLab([0, 0, 0])[0]).toBe(0);
    expect(dicomLabToRgb([0, 32896, 32896])).toEqual([0, 0, 0]);
  });

  it('round-trips every sRGB colour on a 5-step grid exactly', () => {
    let worst = 0;
    for (let r = 0; r < 256; r += 5) {
      for (let g = 0; g < 256; g += 5) {
        for (let b = 0; b < 256; b += 5) {
          const back = dicomLabToRgb(rgbToDicomLab([r, g, b]));
          worst = Math.max(worst, Math.abs(back[0] - r), Math.abs(back[1] - g), Math.abs(back[2] - b));
        }
      }
    }
    expect(worst).toBe(0);
  });
});
