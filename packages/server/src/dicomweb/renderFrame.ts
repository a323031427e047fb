import type { DecodedFrame, PixelDescription } from '@voxa/core';
import type { Image8 } from './encodePng.ts';

/** VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3. */
export type VoiFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

/** A VOI window in modality units (HU for CT), PS3.3 C.11.2.1.2. */
export interface VoiWindow {
  center: number;
  width: number;
  fn: VoiFunction;
}

/** The Modality LUT as a linear rescale (PS3.3 C.11.1.1.2): output = stored · slope + intercept. */
export interface Rescale {
  slope: number;
  intercept: number;
}

/** Options of {@link renderFrame}. */
export interface RenderFrameOptions {
  /** The window to apply; default: the file's, else the full range of the frame's values. */
  window?: VoiWindow;
  /** Inverts greyscale output (MONOCHROME1); default: from the photometric interpretation. */
  invert?: boolean;
}

/**
 * Renders a decoded frame to 8 bits for display (PS3.18 §8.3.5.1 rendered resources):
 * greyscale through the Modality LUT (`rescale`) and the VOI window, MONOCHROME1 inverted;
 * colour (already RGB) scaled from Bits Stored to 8 bits, without windowing.
 */
export function renderFrame(frame: DecodedFrame, desc: PixelDescription, rescale: Rescale, options: RenderFrameOptions = {}): Image8 {
  const width = desc.columns;
  const height = desc.rows;
  const count = width * height;
  const src = frame.pixels;
  if (frame.samplesPerPixel === 3) {
    const shift = Math.max(0, Math.min(desc.bitsStored, desc.bitsAllocated) - 8);
    const pixels = new Uint8Array(count * 3);
    for (let i = 0; i < count * 3; i++) pixels[i] = Math.min(255, Math.max(0, src[i] >> shift));
    return { width, height, channels: 3, pixels };
  }
  const { slope, intercept } = rescale;
  const window = options.window ?? fullRangeWindow(src, count, rescale);
  const map = voiFunction(window);
  const invert = options.invert ?? desc.photometricInterpretation === 'MONOCHROME1';
  const pixels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const y = map(src[i] * slope + intercept);
    pixels[i] = invert ? 255 - y : y;
  }
  return { width, height, channels: 1, pixels };
}

/** The VOI LUT function as a map from modality value to 0…255 (PS3.3 C.11.2.1.2.1 and .3.2). */
export function voiFunction(window: VoiWindow): (x: number) => number {
  const { center: c, fn } = window;
  const ymax = 255;
  if (fn === 'SIGMOID') {
    const w = Math.max(window.width, Number.MIN_VALUE);
    return (x) => Math.round(ymax / (1 + Math.exp((-4 * (x - c)) / w)));
  }
  if (fn === 'LINEAR_EXACT') {
    const w = Math.max(window.width, Number.MIN_VALUE);
    return (x) => (x <= c - w / 2 ? 0 : x > c + w / 2 ? ymax : Math.round(((x - c) / w + 0.5) * ymax));
  }
  // LINEAR needs width ≥ 1.
  const w = Math.max(window.width, 1);
  const low = c - 0.5 - (w - 1) / 2;
  const high = c - 0.5 + (w - 1) / 2;
  return (x) => (x <= low ? 0 : x > high ? ymax : Math.round(((x - (c - 0.5)) / (w - 1 || 1) + 0.5) * ymax));
}

/** A window spanning all values of the frame (used when neither the request nor the file has one). */
function fullRangeWindow(src: DecodedFrame['pixels'], count: number, rescale: Rescale): VoiWindow {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = src[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const a = min * rescale.slope + rescale.intercept;
  const b = max * rescale.slope + rescale.intercept;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return { center: (lo + hi) / 2, width: Math.max(hi - lo, 1), fn: 'LINEAR_EXACT' };
}

/**
 * Scales an image down to fit within `maxWidth` × `maxHeight` (aspect kept, never enlarged),
 * each output pixel the mean of the source pixels it covers (box filter).
 */
export function fitWithin(image: Image8, maxWidth: number, maxHeight: number): Image8 {
  const scale = Math.min(maxWidth / image.width, maxHeight / image.height, 1);
  if (scale >= 1) return image;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const ch = image.channels;
  const out = new Uint8Array(width * height * ch);
  for (let oy = 0; oy < height; oy++) {
    const y0 = Math.floor((oy * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * image.height) / height));
    for (let ox = 0; ox < width; ox++) {
      const x0 = Math.floor((ox * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((ox + 1) * image.width) / width));
      const n = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < ch; c++) {
        let sum = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += image.pixels[(y * image.width + x) * ch + c];
        out[(oy * width + ox) * ch + c] = Math.round(sum / n);
      }
    }
  }
  return { width, height, channels: ch, pixels: out };
}
