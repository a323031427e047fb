import { VoxaError } from '../errors/VoxaError.ts';

/**
 * An axis-aligned ellipse rasterised into a row-major width·height mask (1 = in). Coordinates are
 * in pixels with pixel centres at integers (as in ReslicePlane); pixel (x, y) is in when its centre
 * satisfies ((x − cx)/rx)² + ((y − cy)/ry)² ≤ 1.
 */
export function ellipseMask(width: number, height: number, cx: number, cy: number, rx: number, ry: number): Uint8Array {
  checkSize(width, height);
  if (!(rx > 0) || !(ry > 0)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `ellipse radii ${rx}, ${ry} must be positive`);
  const mask = new Uint8Array(width * height);
  for (let y = Math.max(0, Math.ceil(cy - ry)); y <= Math.min(height - 1, Math.floor(cy + ry)); y++) {
    const dy = (y - cy) / ry;
    const half = rx * Math.sqrt(Math.max(0, 1 - dy * dy));
    for (let x = Math.max(0, Math.ceil(cx - half)); x <= Math.min(width - 1, Math.floor(cx + half)); x++) {
      const dx = (x - cx) / rx;
      if (dx * dx + dy * dy <= 1) mask[x + width * y] = 1;
    }
  }
  return mask;
}

/** Throws unless width and height are non-negative integers. */
export function checkSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `mask size ${width}×${height} must be non-negative integers`);
  }
}
