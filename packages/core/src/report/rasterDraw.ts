import type { Image8 } from '../io/encodePng.ts';

/** An 8-bit colour. */
export type Rgb = readonly [number, number, number];

/** Sets pixel (x, y) of an RGB image; outside the image nothing happens. */
export function setPixel(image: Image8, x: number, y: number, rgb: Rgb): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const at = (y * image.width + x) * 3;
  image.pixels[at] = rgb[0];
  image.pixels[at + 1] = rgb[1];
  image.pixels[at + 2] = rgb[2];
}

/**
 * Draws a straight line of width `widthPx` from (x0, y0) to (x1, y1) (pixel-centre coordinates,
 * fractional allowed) on an RGB image: every pixel whose centre lies within widthPx / 2 of the
 * segment is set. Crisp, not anti-aliased, so the colour of a line pixel is exact.
 */
export function drawSegment(image: Image8, x0: number, y0: number, x1: number, y1: number, widthPx: number, rgb: Rgb): void {
  const r = widthPx / 2;
  const dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
  for (let y = Math.floor(Math.min(y0, y1) - r); y <= Math.ceil(Math.max(y0, y1) + r); y++) {
    for (let x = Math.floor(Math.min(x0, x1) - r); x <= Math.ceil(Math.max(x0, x1) + r); x++) {
      const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - x0) * dx + (y - y0) * dy) / len2)) : 0;
      const ex = x - (x0 + t * dx), ey = y - (y0 + t * dy);
      if (ex * ex + ey * ey <= r * r) setPixel(image, x, y, rgb);
    }
  }
}

/** Fills the pixels x0 ≤ x < x0 + w, y0 ≤ y < y0 + h of an RGB image. */
export function fillRect(image: Image8, x0: number, y0: number, w: number, h: number, rgb: Rgb): void {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) setPixel(image, x, y, rgb);
}
