import type { PaletteLut } from './PixelDescription.ts';

/**
 * Maps palette indices to interleaved RGB through the Palette Color LUTs (PS3.3 C.7.6.3.1.5-6):
 * indices below the first mapped value take the first entry, above the last take the last.
 * 8-bit LUTs give a Uint8Array, 16-bit LUTs a Uint16Array.
 */
export function applyPalette(indices: ArrayLike<number>, palette: PaletteLut): Uint8Array | Uint16Array {
  const n = indices.length;
  const out = palette.bits <= 8 ? new Uint8Array(n * 3) : new Uint16Array(n * 3);
  const { red, green, blue, firstValue } = palette;
  const last = Math.min(palette.entries, red.length, green.length, blue.length) - 1;
  for (let i = 0; i < n; i++) {
    let k = indices[i] - firstValue;
    k = k < 0 ? 0 : k > last ? last : k;
    out[3 * i] = red[k];
    out[3 * i + 1] = green[k];
    out[3 * i + 2] = blue[k];
  }
  return out;
}
