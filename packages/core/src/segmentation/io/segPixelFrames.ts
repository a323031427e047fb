import { VoxaError } from '../../errors/VoxaError.ts';
import type { Segment } from '../Segment.ts';
import type { Segmentation } from '../Segmentation.ts';

/** Per-voxel fractions of a segment on the grid: floats 0–1, or bytes already 0–Maximum Fractional Value. */
export type SegmentFractionValues = Float32Array | Float64Array | Uint8Array;

/** One frame to write: segment (as written, 1-based) and slice k. */
export interface SegOutputFrame {
  segmentNumber: number;
  segment: Segment;
  k: number;
}

/** What `segPixelFrames` needs to know. */
export interface SegPixelOptions {
  fractional: boolean;
  maxFractionalValue: number;
  /** Fractions by the model's segment number (FRACTIONAL only). */
  fractions?: ReadonlyMap<number, SegmentFractionValues>;
  keepEmptyFrames: boolean;
}

/**
 * The frames of a SEG, segment by segment then slice by slice (the order of the dimension index),
 * and its Pixel Data: BINARY frames bit-packed back to back, least significant bit first, with no
 * padding between frames (PS3.5 8.1.1), FRACTIONAL frames one byte per pixel. A slice without the
 * segment is left out unless `keepEmptyFrames`; a segment empty everywhere keeps one empty frame
 * (slice 0) so that every segment has a frame.
 */
export function segPixelFrames(s: Segmentation, written: { segment: Segment; number: number }[], o: SegPixelOptions): { frames: SegOutputFrame[]; pixelData: Uint8Array } {
  const [nx, ny, nz] = s.dimensions;
  const sliceVoxels = nx * ny;
  for (const [number, values] of o.fractions ?? []) {
    if (values.length !== sliceVoxels * nz) {
      throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { segment: number }, `fractions have ${values.length} values, the grid ${sliceVoxels * nz}`);
    }
  }
  const frames: SegOutputFrame[] = [];
  for (const { segment, number } of written) {
    const fractions = o.fractional ? o.fractions?.get(segment.number) : undefined;
    const layer = s.layers[segment.layer];
    const before = frames.length;
    for (let k = 0; k < nz; k++) {
      const base = k * sliceVoxels;
      let any = o.keepEmptyFrames;
      for (let n = 0; !any && n < sliceVoxels; n++) any = fractions ? fractions[base + n] > 0 : layer[base + n] === segment.value;
      if (any) frames.push({ segmentNumber: number, segment, k });
    }
    if (frames.length === before) frames.push({ segmentNumber: number, segment, k: 0 });
  }
  const pixelData = o.fractional ? fractionalPixels(s, frames, o) : binaryPixels(s, frames);
  return { frames, pixelData };
}

function binaryPixels(s: Segmentation, frames: SegOutputFrame[]): Uint8Array {
  const sliceVoxels = s.dimensions[0] * s.dimensions[1];
  const bits = frames.length * sliceVoxels;
  // Even length: DICOM values are padded to an even number of bytes (the padding bits are 0).
  const out = new Uint8Array(Math.ceil(bits / 16) * 2);
  let bit = 0;
  for (const { segment, k } of frames) {
    const layer = s.layers[segment.layer], v = segment.value, base = k * sliceVoxels;
    for (let n = 0; n < sliceVoxels; n++, bit++) if (layer[base + n] === v) out[bit >> 3] |= 1 << (bit & 7);
  }
  return out;
}

function fractionalPixels(s: Segmentation, frames: SegOutputFrame[], o: SegPixelOptions): Uint8Array {
  const sliceVoxels = s.dimensions[0] * s.dimensions[1];
  const out = new Uint8Array(Math.ceil((frames.length * sliceVoxels) / 2) * 2);
  const max = o.maxFractionalValue;
  let at = 0;
  for (const { segment, k } of frames) {
    const base = k * sliceVoxels;
    const fractions = o.fractions?.get(segment.number);
    if (!fractions) {
      const layer = s.layers[segment.layer], v = segment.value;
      for (let n = 0; n < sliceVoxels; n++) out[at++] = layer[base + n] === v ? max : 0;
    } else if (fractions instanceof Uint8Array) {
      for (let n = 0; n < sliceVoxels; n++) out[at++] = Math.min(max, fractions[base + n]);
    } else {
      for (let n = 0; n < sliceVoxels; n++) {
        const f = fractions[base + n];
        out[at++] = f > 0 ? Math.round(Math.min(1, f) * max) : 0;
      }
    }
  }
  return out;
}
