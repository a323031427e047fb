import { VoxaError } from '../../errors/VoxaError.ts';
import type { PixelDescription } from './PixelDescription.ts';
import type { RawFrame, SampleArray } from './RawFrame.ts';

/** Size of the RLE header: the segment count and 15 segment offsets, 32-bit little endian (PS3.5 G.5). */
const HEADER_BYTES = 64;

/**
 * Decodes one RLE Lossless frame (PS3.5 Annex G). Each segment holds one byte of one sample for
 * every pixel, most significant byte first, sample after sample (so colour comes out planar);
 * 1-bit data is a single segment of the bit-packed frame.
 */
export function decodeRle(encoded: Uint8Array, desc: PixelDescription): RawFrame {
  const file = desc.file;
  const pixels = desc.rows * desc.columns;
  const spp = desc.samplesPerPixel;
  if (encoded.length < HEADER_BYTES) throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file }, 'RLE frame shorter than its 64-byte header');
  const header = new DataView(encoded.buffer, encoded.byteOffset, HEADER_BYTES);
  const segmentCount = header.getUint32(0, true);

  const bitPacked = desc.bitsAllocated === 1;
  const bytesPerSample = bitPacked ? 1 : desc.bitsAllocated / 8;
  const segmentLength = bitPacked ? Math.ceil((pixels * spp) / 8) : pixels;
  const expectedSegments = bitPacked ? 1 : spp * bytesPerSample;
  if (![1, 8, 16, 32].includes(desc.bitsAllocated)) {
    throw new VoxaError('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT', { file }, `RLE with Bits Allocated ${desc.bitsAllocated}`);
  }
  if (segmentCount !== expectedSegments) {
    throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file }, `RLE header has ${segmentCount} segments, ${expectedSegments} expected`);
  }

  const samples = allocate(desc, bitPacked ? segmentLength : pixels * spp);
  const out = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  for (let s = 0; s < segmentCount; s++) {
    const start = header.getUint32(4 + 4 * s, true);
    const end = s + 1 < segmentCount ? header.getUint32(8 + 4 * s, true) : encoded.length;
    if (start < HEADER_BYTES || start > end || end > encoded.length) {
      throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file }, `RLE segment ${s} offsets ${start}..${end} outside the ${encoded.length}-byte frame`);
    }
    const sample = Math.floor(s / bytesPerSample);
    const byteInSample = s % bytesPerSample;
    // Samples are stored little endian: the most significant byte (segment 0 of a sample) goes last.
    const first = (sample * segmentLength) * bytesPerSample + (bytesPerSample - 1 - byteInSample);
    const written = unpackBits(encoded, start, end, out, first, bytesPerSample, segmentLength);
    if (written < segmentLength) {
      throw new VoxaError('VOXA_ERR_DECODE_FAILED', { file }, `RLE segment ${s} decodes to ${written} bytes, ${segmentLength} expected`);
    }
  }
  return { samples, owned: true, layout: 'planar', bitPacked, atHighBit: true, rgb: false, lossy: false };
}

/**
 * PackBits (PS3.5 G.3.1): a header byte n in 0..127 copies the next n+1 bytes, -127..-1 repeats the
 * next byte 1-n times, -128 does nothing. Writes at most `count` bytes `stride` apart; returns how many.
 */
function unpackBits(
  src: Uint8Array,
  start: number,
  end: number,
  dst: Uint8Array,
  first: number,
  stride: number,
  count: number,
): number {
  let i = start;
  let n = 0;
  let at = first;
  while (i < end && n < count) {
    const header = src[i++];
    if (header < 128) {
      const run = Math.min(header + 1, count - n, end - i);
      for (let k = 0; k < run; k++, at += stride) dst[at] = src[i + k];
      i += header + 1;
      n += run;
    } else if (header > 128) {
      const run = Math.min(257 - header, count - n);
      const value = src[i++];
      for (let k = 0; k < run; k++, at += stride) dst[at] = value;
      n += run;
    }
  }
  return n;
}

function allocate(desc: PixelDescription, count: number): SampleArray {
  const signed = desc.pixelRepresentation === 1;
  switch (desc.bitsAllocated) {
    case 16:
      return signed ? new Int16Array(count) : new Uint16Array(count);
    case 32:
      return signed ? new Int32Array(count) : new Uint32Array(count);
    default:
      return signed && desc.bitsAllocated === 8 ? new Int8Array(count) : new Uint8Array(count);
  }
}
