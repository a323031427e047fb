import type { SliceRef } from '../dicom/InstanceInfo.ts';
import type { DecodedFrame } from '../dicom/pixel/PixelDescription.ts';
import type { VoxelArray } from '../volume/Volume.ts';

/**
 * Copy one decoded slice (or mosaic tile) into the output at `offset`, applying rescale. Rows
 * whose values cannot overflow the output are copied natively (TypedArray.set). Returns false
 * when a value does not fit the output type: by default having written part of the slice (the
 * caller widens and writes again); with `clamp` (a GPU texture that cannot widen) the whole slice
 * is written, out-of-range values clamped to the type's range.
 */
export function writeRescaledSlice(
  d: DecodedFrame, s: SliceRef, out: VoxelArray, offset: number, components: number, nx: number, ny: number, clamp = false,
): boolean {
  const src = d.pixels;
  const srcCols = s.instance.pixel.columns;
  let x0 = 0, y0 = 0;
  if (s.tileIndex >= 0 && s.instance.mosaic) {
    x0 = (s.tileIndex % s.instance.mosaic.tilesPerRow) * nx;
    y0 = Math.floor(s.tileIndex / s.instance.mosaic.tilesPerRow) * ny;
  }
  const m = s.rescaleSlope, b = s.rescaleIntercept;
  const [lo, hi] = rangeOf(out);
  const [srcLo, srcHi] = rangeOf(src);
  const safeCopy = m === 1 && b === 0 && srcLo >= lo && srcHi <= hi;
  const n = nx * components;
  let fits = true;
  for (let y = 0; y < ny; y++) {
    const si = ((y0 + y) * srcCols + x0) * components;
    const di = offset + y * n;
    if (safeCopy) {
      out.set(src.subarray(si, si + n), di);
      continue;
    }
    if (m === 1) {
      // The common CT case (slope 1, whole intercept): integer arithmetic only.
      for (let x = 0; x < n; x++) {
        const v = src[si + x] + b;
        if (v < lo || v > hi) {
          if (!clamp) return false;
          fits = false;
        }
        out[di + x] = v < lo ? lo : v > hi ? hi : v;
      }
      continue;
    }
    for (let x = 0; x < n; x++) {
      const v = src[si + x] * m + b;
      if (v < lo || v > hi) {
        if (!clamp) return false;
        fits = false;
      }
      out[di + x] = v < lo ? lo : v > hi ? hi : v;
    }
  }
  return fits;
}

/** The representable range of a typed array's element type. */
function rangeOf(a: ArrayLike<number>): [number, number] {
  if (a instanceof Int16Array) return [-32768, 32767];
  if (a instanceof Uint16Array) return [0, 65535];
  if (a instanceof Uint8Array) return [0, 255];
  if (a instanceof Int8Array) return [-128, 127];
  if (a instanceof Int32Array) return [-(2 ** 31), 2 ** 31 - 1];
  if (a instanceof Uint32Array) return [0, 2 ** 32 - 1];
  return [-Infinity, Infinity];
}
