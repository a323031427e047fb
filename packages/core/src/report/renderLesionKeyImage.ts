import { VoxaError } from '../errors/VoxaError.ts';
import { encodePng, type Image8 } from '../io/encodePng.ts';
import type { Vec3 } from '../math/Vec3.ts';
import type { BidirectionalAxes } from '../measure/bidirectional.ts';
import type { ReslicePlane, StandardOrientation } from '../mpr/ReslicePlane.ts';
import { worldToPlanePixel } from '../mpr/ReslicePlane.ts';
import { reslice } from '../mpr/reslice.ts';
import type { Volume } from '../volume/Volume.ts';
import { acquisitionPlane } from './acquisitionPlane.ts';
import { drawText, textHeightPx, textWidthPx } from './pixelFont.ts';
import { drawSegment, fillRect, type Rgb } from './rasterDraw.ts';
import type { DisplayWindow } from './ResponseReport.ts';

/** Options of `renderLesionKeyImage`. */
export interface LesionKeyImageOptions {
  /** Grey-level window in the volume's units (HU for CT). */
  window: DisplayWindow;
  /** Width and height of the square image in pixels. */
  sizePx: number;
  /** Field of view as a multiple of the long axis… */
  fovFactor: number;
  /** …and at least this many mm, so a small lesion is shown with its surroundings. */
  minFovMm: number;
  /** Width of the drawn axes in pixels. */
  lineWidthPx: number;
}

/** Defaults: CT soft-tissue window W400/L40, 256 px, a field of view of 3 × the long axis but at least 60 mm, 2 px lines. */
export const KEY_IMAGE_DEFAULTS: Readonly<LesionKeyImageOptions> = {
  window: { center: 40, width: 400 }, sizePx: 256, fovFactor: 3, minFovMm: 60, lineWidthPx: 2,
};

/** Colours drawn on key images (Okabe–Ito orange and sky blue: apart for colour-blind readers, bright on grey). */
export const KEY_IMAGE_COLOURS: Readonly<{ longAxis: Rgb; shortAxis: Rgb; annotation: Rgb }> = {
  longAxis: [230, 159, 0], shortAxis: [86, 180, 233], annotation: [255, 255, 255],
};

/** The lesion to show: which, when, and its measured axes (LPS mm, e.g. `LesionMeasurement.axes`). */
export interface KeyImageLesion {
  lesionId: string;
  /** Index of the time point (0 = baseline). */
  timePointIndex: number;
  dateIso: string;
  axes: BidirectionalAxes;
}

/** A rendered key image: the PNG and everything needed to caption, place or check it. */
export interface LesionKeyImage {
  lesionId: string;
  timePointIndex: number;
  dateIso: string;
  /** RGB PNG, `widthPx` × `heightPx`, with the caption in its tEXt Description. */
  png: Uint8Array;
  widthPx: number;
  heightPx: number;
  /** What the image shows, in words: lesion, date, plane, window, axes in mm, field of view and scale bar. */
  caption: string;
  window: DisplayWindow;
  longAxisMm: number;
  shortAxisMm: number;
  fieldOfViewMm: number;
  /** Length of the scale bar drawn at the bottom right, mm. */
  scaleBarMm: number;
  orientation: StandardOrientation;
  /** Where each pixel lies in patient space (`planePixelToWorld`, `worldToPlanePixel`). */
  plane: ReslicePlane;
}

/**
 * A key image of one lesion at one time point, as a reader files it: the acquisition-plane
 * slice through the lesion centre (the middle of its long axis), sampled by `reslice` over a
 * field of view around the lesion, windowed (DICOM LINEAR_EXACT, PS3.3 C.11.2.1.3.2; outside the
 * volume is black), with the measured long axis (orange) and short axis (blue), a scale bar with
 * its length, and the patient directions at the edges.
 *
 * @example
 * const image = renderLesionKeyImage(ct, { lesionId: m.lesionId, timePointIndex: m.scan, dateIso, axes: m.axes });
 * await writeFileAtomic(`${m.lesionId}.png`, image.png);
 */
export function renderLesionKeyImage(volume: Volume, lesion: KeyImageLesion, options: Partial<LesionKeyImageOptions> = {}): LesionKeyImage {
  const o = { ...KEY_IMAGE_DEFAULTS, ...options };
  const bad = (detail: string) => new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `key image of lesion ${lesion.lesionId} at time point ${lesion.timePointIndex}: ${detail}`);
  if (volume.components !== 1) throw bad('needs a scalar volume, not RGB');
  if (!Number.isInteger(o.sizePx) || o.sizePx < 32 || o.sizePx > 4096) throw bad(`sizePx ${o.sizePx}: expected an integer from 32 to 4096`);
  if (!(o.window.width > 0) || !Number.isFinite(o.window.center)) throw bad(`window W${o.window.width}/L${o.window.center}: expected a positive width and a finite centre`);
  const { longA, longB, shortA, shortB, longMm, shortMm } = lesion.axes;
  if (![longA, longB, shortA, shortB].every((p) => p.every(Number.isFinite)) || !(longMm > 0)) throw bad('the axes need finite end points and a positive long axis');

  const centre: Vec3 = [0, 1, 2].map((c) => (longA[c] + longB[c]) / 2) as Vec3;
  const fieldOfViewMm = Math.max(o.minFovMm, o.fovFactor * longMm);
  const { plane, orientation } = acquisitionPlane(volume, centre, fieldOfViewMm, o.sizePx);
  const samples = reslice(volume, plane);
  const image: Image8 = { width: o.sizePx, height: o.sizePx, channels: 3, pixels: new Uint8Array(o.sizePx * o.sizePx * 3) };
  const { center, width } = o.window;
  for (let n = 0; n < samples.length; n++) {
    const v = samples[n];
    const grey = Number.isNaN(v) ? 0 : Math.round(Math.min(1, Math.max(0, (v - center) / width + 0.5)) * 255);
    image.pixels[3 * n] = image.pixels[3 * n + 1] = image.pixels[3 * n + 2] = grey;
  }
  const segment = (a: Vec3, b: Vec3, rgb: Rgb) => {
    const pa = worldToPlanePixel(plane, a), pb = worldToPlanePixel(plane, b);
    drawSegment(image, pa[0], pa[1], pb[0], pb[1], o.lineWidthPx, rgb);
  };
  segment(shortA, shortB, KEY_IMAGE_COLOURS.shortAxis);
  segment(longA, longB, KEY_IMAGE_COLOURS.longAxis); // on top where they cross
  const scaleBarMm = roundLength(fieldOfViewMm / 4);
  drawScaleBar(image, scaleBarMm, scaleBarMm / plane.spacing[0]);
  drawDirections(image, plane);

  const mm = (v: number) => String(Number(v.toFixed(1)));
  const caption = `${lesion.lesionId}, ${lesion.dateIso}: ${orientation} slice through the lesion centre, window W${mm(width)}/L${mm(center)}; `
    + `long axis ${mm(longMm)} mm (orange), short axis ${mm(shortMm)} mm (blue); field of view ${mm(fieldOfViewMm)} mm, scale bar ${mm(scaleBarMm)} mm`;
  const png = encodePng(image, { text: { Title: `Key image ${lesion.lesionId} ${lesion.dateIso}`, Description: caption, Software: 'Voxa' } });
  return {
    lesionId: lesion.lesionId, timePointIndex: lesion.timePointIndex, dateIso: lesion.dateIso, png, widthPx: o.sizePx, heightPx: o.sizePx, caption,
    window: { center, width }, longAxisMm: longMm, shortAxisMm: shortMm, fieldOfViewMm, scaleBarMm, orientation, plane,
  };
}

/** The largest 1, 2 or 5 × 10ⁿ mm not above `mm`. */
function roundLength(mm: number): number {
  const mag = 10 ** Math.floor(Math.log10(mm));
  return [5, 2, 1].map((f) => f * mag).find((v) => v <= mm * (1 + 1e-9)) ?? mag;
}

/** A white bar `lengthPx` long at the bottom right, outlined in black, its length written above it. */
function drawScaleBar(image: Image8, lengthMm: number, lengthPx: number): void {
  const size = image.width, margin = Math.round(size * 0.04), thick = Math.max(2, Math.round(size / 100));
  const scale = Math.max(1, Math.round(size / 128));
  const right = size - margin, bottom = size - margin, len = Math.round(lengthPx);
  fillRect(image, right - len - 1, bottom - thick - 1, len + 2, thick + 2, [0, 0, 0]);
  fillRect(image, right - len, bottom - thick, len, thick, KEY_IMAGE_COLOURS.annotation);
  const label = `${lengthMm} mm`;
  drawText(image, label, right - textWidthPx(label, scale), bottom - thick - 3 - textHeightPx(scale), scale, KEY_IMAGE_COLOURS.annotation);
}

/** The patient direction each screen edge faces (R/L, A/P, I/S), at the middle of the left, right and top edges. */
function drawDirections(image: Image8, plane: ReslicePlane): void {
  const size = image.width, scale = Math.max(1, Math.round(size / 128)), margin = Math.round(size * 0.02);
  const h = textHeightPx(scale), w = textWidthPx('M', scale);
  const letter = (v: readonly number[], sign: number) => {
    const axis = [0, 1, 2].reduce((best, c) => (Math.abs(v[c]) > Math.abs(v[best]) ? c : best), 0);
    return ['RL', 'AP', 'IS'][axis][sign * v[axis] > 0 ? 1 : 0];
  };
  drawText(image, letter(plane.row, -1), margin, Math.round((size - h) / 2), scale, KEY_IMAGE_COLOURS.annotation);
  drawText(image, letter(plane.row, 1), size - margin - w, Math.round((size - h) / 2), scale, KEY_IMAGE_COLOURS.annotation);
  drawText(image, letter(plane.column, -1), Math.round((size - w) / 2), margin, scale, KEY_IMAGE_COLOURS.annotation);
}
