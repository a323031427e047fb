import type { JpegFrame } from './JpegFrame.ts';

/**
 * The decoded component planes of a frame as one interleaved image of X × Y pixels (C0 C1 C2 …
 * per pixel), cropped from the MCU-padded planes. A subsampled component (Hi < Hmax or Vi < Vmax,
 * ITU-T T.81 A.1.1) is upsampled by repeating each sample, the sample grid of A.1.1 having
 * x_i = x · Hi / Hmax. Uint8Array for 8-bit precision, Uint16Array for 12-bit.
 */
export function assembleJpegSamples(frame: JpegFrame): Uint8Array | Uint16Array {
  const { columns, rows, components, hMax, vMax } = frame;
  const n = components.length;
  const out = frame.precision > 8 ? new Uint16Array(columns * rows * n) : new Uint8Array(columns * rows * n);
  const xMap = new Int32Array(columns);
  for (let c = 0; c < n; c++) {
    const { plane, planeWidth, h, v } = components[c];
    const fullSize = h === hMax && v === vMax;
    for (let x = 0; x < columns; x++) xMap[x] = ((x * h) / hMax) | 0;
    for (let y = 0; y < rows; y++) {
      const from = (fullSize ? y : ((y * v) / vMax) | 0) * planeWidth;
      if (n === 1 && fullSize) {
        out.set(plane.subarray(from, from + columns), y * columns);
        continue;
      }
      let o = y * columns * n + c;
      for (let x = 0; x < columns; x++, o += n) out[o] = plane[from + xMap[x]];
    }
  }
  return out;
}
