// Image comparisons of the render bench: what each renderer drew (foreground), how alike two
// renderers' frames are, the path tracer's PSNR, and where to put the path tracer's window.
import type { PixelRegion } from './renderBenchScene.ts';

/** A pixel is foreground (the volume drew something there) when a channel is above this (of 255) on a black background. */
const FOREGROUND_LEVEL = 24;

/** 1 where an RGBA byte image shows the volume, 0 on the black background. */
export function foreground(rgba: Uint8Array): Uint8Array {
  const mask = new Uint8Array(rgba.length / 4);
  for (let p = 0; p < mask.length; p++) mask[p] = Math.max(rgba[p * 4], rgba[p * 4 + 1], rgba[p * 4 + 2]) > FOREGROUND_LEVEL ? 1 : 0;
  return mask;
}

export function fraction(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  return n / mask.length;
}

/** Intersection over union of two masks. */
export function iou(a: Uint8Array, b: Uint8Array): number {
  let both = 0, either = 0;
  for (let i = 0; i < a.length; i++) { both += a[i] & b[i]; either += a[i] | b[i]; }
  return either ? both / either : 1;
}

/** Mean absolute difference of the RGB channels (0–255) where either image shows the volume. */
export function meanAbsDiff(a: Uint8Array, b: Uint8Array, ma: Uint8Array, mb: Uint8Array): number {
  let sum = 0, n = 0;
  for (let p = 0; p < ma.length; p++) {
    if (!(ma[p] | mb[p])) continue;
    for (let c = 0; c < 3; c++) sum += Math.abs(a[p * 4 + c] - b[p * 4 + c]);
    n += 3;
  }
  return n ? sum / n : 0;
}

/**
 * The size × size window (on a stride of size / 2) whose foreground fraction is nearest `target`
 * (volume and background both in it: edges are where paths disagree most), ties to the centre.
 */
export function pickWindow(mask: Uint8Array, imagePx: number, size: number, target = 0.7): PixelRegion {
  let best: PixelRegion = { x: (imagePx - size) >> 1, y: (imagePx - size) >> 1, width: size, height: size };
  let bestScore = Infinity;
  const step = Math.max(1, size >> 1);
  for (let y = 0; y + size <= imagePx; y += step) for (let x = 0; x + size <= imagePx; x += step) {
    let n = 0;
    for (let j = y; j < y + size; j++) for (let i = x; i < x + size; i++) n += mask[j * imagePx + i];
    const centre = Math.hypot(x + size / 2 - imagePx / 2, y + size / 2 - imagePx / 2) / imagePx;
    const score = Math.abs(n / (size * size) - target) + 0.01 * centre;
    if (score < bestScore) { bestScore = score; best = { x, y, width: size, height: size }; }
  }
  return best;
}

/** Median and nearest-rank percentile. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
