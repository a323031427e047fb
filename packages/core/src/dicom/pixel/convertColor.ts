import type { SampleArray, SampleLayout } from './RawFrame.ts';

/** Unsigned colour sample arrays. */
export type ColorArray = Uint8Array | Uint16Array | Uint32Array;

/**
 * Reorders a 3-sample frame to R G B R G B … from planar (Planar Configuration 1, PS3.3 C.7.6.3.1.3)
 * or YBR_FULL_422 pairs (Y1 Y2 Cb Cr, PS3.3 C.7.6.3.1.2, chroma
 * repeated for both pixels). Returns `samples` itself when already interleaved.
 */
export function interleave<T extends SampleArray>(samples: T, layout: SampleLayout, rows: number, columns: number): T {
  if (layout === 'interleaved') return samples;
  const pixels = rows * columns;
  const out = new (samples.constructor as new (n: number) => T)(pixels * 3);
  if (layout === 'planar') {
    for (let p = 0; p < pixels; p++) {
      out[3 * p] = samples[p];
      out[3 * p + 1] = samples[p + pixels];
      out[3 * p + 2] = samples[p + 2 * pixels];
    }
  } else {
    // ybr422: every 4 samples cover 2 pixels of a row; an odd last column has its own group.
    let s = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c += 2) {
        const o = 3 * (r * columns + c);
        const y1 = samples[s];
        const y2 = samples[s + 1];
        const cb = samples[s + 2];
        const cr = samples[s + 3];
        s += 4;
        out[o] = y1;
        out[o + 1] = cb;
        out[o + 2] = cr;
        if (c + 1 < columns) {
          out[o + 3] = y2;
          out[o + 4] = cb;
          out[o + 5] = cr;
        }
      }
    }
  }
  return out;
}

/**
 * Converts interleaved YBR_FULL samples to RGB in place (PS3.3 C.7.6.3.1.2):
 * R = Y + 1.402 (Cr − h), G = Y − 0.344136 (Cb − h) − 0.714136 (Cr − h), B = Y + 1.772 (Cb − h),
 * with h = 2^(bits−1) (128 for 8 bits), rounded and clamped to 0 … 2^bits − 1.
 */
export function ybrFullToRgb(samples: ColorArray, bits: number): void {
  const half = 2 ** (bits - 1);
  const max = 2 ** bits - 1;
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i];
    const cb = samples[i + 1] - half;
    const cr = samples[i + 2] - half;
    samples[i] = clamp(Math.round(y + 1.402 * cr), max);
    samples[i + 1] = clamp(Math.round(y - 0.344136 * cb - 0.714136 * cr), max);
    samples[i + 2] = clamp(Math.round(y + 1.772 * cb), max);
  }
}

function clamp(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}
