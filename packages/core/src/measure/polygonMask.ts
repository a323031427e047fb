import { VoxaError } from '../errors/VoxaError.ts';
import { checkSize } from './ellipseMask.ts';

/** A point in output-pixel coordinates (x right, y down; pixel centres at integers). */
export type PixelPoint = [number, number];

/**
 * A polygon (closed: the last vertex joins the first) rasterised into a row-major width·height mask
 * (1 = in) by the even-odd rule at pixel centres. Edges are half-open — an edge crosses row y when
 * min(y₀, y₁) ≤ y < max(y₀, y₁), and pixel x is in when x_a ≤ x < x_b for a pair of sorted
 * crossings — so polygons that share an edge never share a pixel and an axis-aligned rectangle
 * from (x₀, y₀) to (x₁, y₁) covers exactly the centres in [x₀, x₁) × [y₀, y₁).
 */
export function polygonMask(width: number, height: number, points: readonly PixelPoint[]): Uint8Array {
  checkSize(width, height);
  if (points.length < 3) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `a polygon needs at least 3 points, got ${points.length}`);
  if (!points.every((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'polygon points must be finite');
  }
  const mask = new Uint8Array(width * height);
  const n = points.length;
  const crossings: number[] = [];
  for (let y = 0; y < height; y++) {
    crossings.length = 0;
    for (let i = 0; i < n; i++) {
      const [x0, y0] = points[i], [x1, y1] = points[(i + 1) % n];
      if ((y0 <= y && y < y1) || (y1 <= y && y < y0)) crossings.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
    }
    crossings.sort((a, b) => a - b);
    for (let c = 0; c + 1 < crossings.length; c += 2) {
      const from = Math.max(0, Math.ceil(crossings[c])), to = Math.min(width, Math.ceil(crossings[c + 1]));
      for (let x = from; x < to; x++) mask[x + width * y] = 1;
    }
  }
  return mask;
}
