import { describe, expect, it } from 'vitest';
import { mat4FromColumns, transformPoint } from '../../src/math/Mat4.ts';
import type { Vec3 } from '../../src/math/Vec3.ts';
import type { BidirectionalAxes } from '../../src/measure/bidirectional.ts';
import { worldToPlanePixel } from '../../src/mpr/ReslicePlane.ts';
import { KEY_IMAGE_COLOURS, renderLesionKeyImage } from '../../src/report/renderLesionKeyImage.ts';
import { createVolume, type Volume } from '../../src/volume/Volume.ts';
import { thrown } from '../util/thrown.ts';
import { decodePng, pixelAt } from './decodePng.ts';

// An axial CT, 0.7 × 0.7 × 2.5 mm: background 10 HU, an ellipsoidal lesion of 60 HU centred at
// LPS C with in-plane semi-axes 14 mm along U (30° from +x) and 9 mm along V, and a 300 HU marker
// 20 mm to the patient's left (+x) of the lesion. The lesion's RECIST axes are known: 28 × 18 mm.
const C: Vec3 = [5, -7, 10];
const U: Vec3 = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0];
const V: Vec3 = [-Math.sin(Math.PI / 6), Math.cos(Math.PI / 6), 0];
const along = (p: Vec3, d: Vec3, mm: number): Vec3 => [p[0] + d[0] * mm, p[1] + d[1] * mm, p[2] + d[2] * mm];
const AXES: BidirectionalAxes = {
  longA: along(C, U, -14), longB: along(C, U, 14), shortA: along(C, V, -9), shortB: along(C, V, 9), longMm: 28, shortMm: 18, perpendicularityDeg: 90,
};
const LESION = { lesionId: 'L1', timePointIndex: 1, dateIso: '2024-02-26', axes: AXES };

/** The CT; `flipI`: the i axis runs towards the patient's right (as a RAS-stored file), same anatomy. */
function ct(flipI = false): Volume {
  const dims: Vec3 = [96, 96, 24];
  const m = mat4FromColumns([flipI ? -0.7 : 0.7, 0, 0], [0, 0.7, 0], [0, 0, 2.5], [flipI ? 36.5 : -30, -40, -20]);
  const v = createVolume({ dimensions: dims, type: 'int16', indexToWorld: m, units: 'HU' });
  for (let k = 0, n = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++, n++) {
        const p = transformPoint(m, [i, j, k]);
        const d: Vec3 = [p[0] - C[0], p[1] - C[1], p[2] - C[2]];
        const u = d[0] * U[0] + d[1] * U[1], w = d[0] * V[0] + d[1] * V[1];
        const inLesion = (u / 14) ** 2 + (w / 9) ** 2 + (d[2] / 7.5) ** 2 <= 1;
        const inMarker = Math.abs(d[0] - 20) <= 2 && Math.abs(d[1]) <= 2;
        v.voxels[n] = inMarker ? 300 : inLesion ? 60 : 10;
      }
    }
  }
  return v;
}

/** Grey of a value under window (centre c, width w), DICOM LINEAR_EXACT to 8 bits. */
const grey = (hu: number, c: number, w: number) => Math.round(Math.min(1, Math.max(0, (hu - c) / w + 0.5)) * 255);

describe('renderLesionKeyImage', () => {
  const volume = ct();
  const image = renderLesionKeyImage(volume, LESION);
  const png = decodePng(image.png);
  const at = (p: Vec3) => {
    const [x, y] = worldToPlanePixel(image.plane, p);
    return pixelAt(png, x, y);
  };

  it('writes a 256 × 256 RGB PNG whose tEXt says what it shows', () => {
    expect([png.width, png.height, png.channels]).toEqual([256, 256, 3]);
    expect([image.widthPx, image.heightPx]).toEqual([256, 256]);
    expect(png.text.Description).toBe(image.caption);
    for (const part of ['L1', '2024-02-26', 'axial', 'W400/L40', 'long axis 28 mm', 'short axis 18 mm', 'field of view 84 mm', 'scale bar 20 mm']) {
      expect(image.caption).toContain(part);
    }
  });

  it('centres the acquisition-plane slice on the lesion with a field of view of 3 × its long axis', () => {
    expect(image.orientation).toBe('axial');
    expect(image.fieldOfViewMm).toBeCloseTo(3 * 28, 9);
    expect(image.plane.spacing[0]).toBeCloseTo(84 / 256, 9);
    const [x, y, off] = worldToPlanePixel(image.plane, C);
    expect(x).toBeCloseTo(127.5, 6);
    expect(y).toBeCloseTo(127.5, 6);
    expect(off).toBeCloseTo(0, 6); // the plane passes through the lesion centre
  });

  it('shows the lesion and the background at the soft-tissue window\'s grey (W400/L40: 60 HU → 140, 10 HU → 108)', () => {
    // Inside the lesion between the two drawn axes (4 mm along their bisector), and 25 mm outside it.
    const inside = at(along(C, [(U[0] + V[0]) / Math.SQRT2, (U[1] + V[1]) / Math.SQRT2, 0], 4));
    const outside = at(along(C, V, -25));
    expect(grey(60, 40, 400)).toBe(140);
    expect(inside).toEqual([140, 140, 140]);
    expect(outside).toEqual([grey(10, 40, 400), grey(10, 40, 400), grey(10, 40, 400)]);
  });

  it('draws the long axis orange and the short axis blue along the measured end points', () => {
    expect(at(along(C, U, 7))).toEqual([...KEY_IMAGE_COLOURS.longAxis]);
    expect(at(along(C, U, -10))).toEqual([...KEY_IMAGE_COLOURS.longAxis]);
    expect(at(along(C, V, 4.5))).toEqual([...KEY_IMAGE_COLOURS.shortAxis]);
    expect(at(along(C, V, -6))).toEqual([...KEY_IMAGE_COLOURS.shortAxis]);
    expect(at(along(C, U, 20))).not.toEqual([...KEY_IMAGE_COLOURS.longAxis]); // the line stops at the end point
  });

  it('draws a scale bar of the stated length at the bottom right (20 mm = 61 px at 84/256 mm)', () => {
    expect(image.scaleBarMm).toBe(20);
    // 4 % margin (10 px), a 3 px bar: its middle row is 256 − 10 − 2 = 244.
    let white = 0;
    for (let x = 0; x < 256; x++) if (pixelAt(png, x, 244).every((c) => c === 255)) white++;
    expect(white * image.plane.spacing[0]).toBeCloseTo(20, 0);
  });

  it('is shown radiologically whatever the voxel order: the patient\'s left on the right', () => {
    const [x] = worldToPlanePixel(image.plane, along(C, [1, 0, 0], 20));
    expect(x).toBeGreaterThan(180);
    expect(at(along(C, [1, 0, 0], 20))).toEqual([255, 255, 255]); // the 300 HU marker, white in W400/L40
    const flipped = decodePng(renderLesionKeyImage(ct(true), LESION).png);
    let differ = 0;
    for (let n = 0; n < png.pixels.length; n++) if (Math.abs(png.pixels[n] - flipped.pixels[n]) > 1) differ++;
    expect(differ).toBe(0);
  });

  it('uses the window it is given (W80/L40: 60 HU → 191, 10 HU → 32)', () => {
    const narrow = renderLesionKeyImage(volume, LESION, { window: { center: 40, width: 80 } });
    const decoded = decodePng(narrow.png);
    const [x, y] = worldToPlanePixel(narrow.plane, along(C, [(U[0] + V[0]) / Math.SQRT2, (U[1] + V[1]) / Math.SQRT2, 0], 4));
    expect(pixelAt(decoded, x, y)[0]).toBe(grey(60, 40, 80));
    expect(grey(60, 40, 80)).toBe(191);
    const [bx, by] = worldToPlanePixel(narrow.plane, along(C, V, -25));
    expect(pixelAt(decoded, bx, by)[0]).toBe(32);
    expect(narrow.caption).toContain('W80/L40');
  });

  it('shows a small lesion in at least 60 mm, at the pixel size asked for', () => {
    const small: BidirectionalAxes = { ...AXES, longA: along(C, U, -4), longB: along(C, U, 4), longMm: 8 };
    const img = renderLesionKeyImage(volume, { ...LESION, axes: small }, { sizePx: 128 });
    expect(img.fieldOfViewMm).toBe(60);
    expect(decodePng(img.png).width).toBe(128);
  });

  it('refuses a bad size, window or axes with VOXA_ERR_BAD_ARGUMENT naming the lesion', () => {
    expect(thrown(() => renderLesionKeyImage(volume, LESION, { sizePx: 10 })).message).toContain('lesion L1 at time point 1: sizePx 10');
    expect(thrown(() => renderLesionKeyImage(volume, LESION, { window: { center: 40, width: 0 } })).code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(thrown(() => renderLesionKeyImage(volume, { ...LESION, axes: { ...AXES, longMm: 0 } })).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });
});
