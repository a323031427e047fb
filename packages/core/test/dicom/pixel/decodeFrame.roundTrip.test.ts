import openjphFactory from '@cornerstonejs/codec-openjph';
import charlsFactory from '@cornerstonejs/codec-charls/wasmjs';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../src/dicom/pixel/decodeFrame.ts';
import { TS, type PixelDescription } from '../../../src/dicom/pixel/PixelDescription.ts';
import { codecs } from './loadDicomFixture.ts';

/** Frame info the cornerstone encoders take. */
interface EncoderFrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
  isUsingColorTransform?: boolean;
}

interface Encoder {
  getDecodedBuffer(info: EncoderFrameInfo): Uint8Array;
  getEncodedBuffer(): Uint8Array;
  encode(): void;
  setInterleaveMode?(mode: number): void;
  delete(): void;
}

/** Fresh Emscripten module arguments: a factory turns the object it gets into its Module. */
const quiet = (): Record<string, unknown> => ({ print: () => {}, printErr: () => {} });

/** Encodes raw little-endian samples with a cornerstone encoder and returns the codestream. */
function encode(encoder: Encoder, info: EncoderFrameInfo, samples: Uint8Array): Uint8Array {
  try {
    encoder.getDecodedBuffer(info).set(samples);
    encoder.encode();
    return encoder.getEncodedBuffer().slice();
  } finally {
    encoder.delete();
  }
}

const ROWS = 24;
const COLUMNS = 32;

/** A signed 16-bit ramp with negative values, as bytes. */
function signedRamp(): Int16Array {
  const values = new Int16Array(ROWS * COLUMNS);
  for (let i = 0; i < values.length; i++) values[i] = (i * 37) % 4000 - 2000;
  return values;
}

/** An 8-bit RGB pattern, pixel-interleaved. */
function rgbPattern(): Uint8Array {
  const values = new Uint8Array(ROWS * COLUMNS * 3);
  for (let p = 0; p < ROWS * COLUMNS; p++) {
    values[3 * p] = (p * 7) & 0xff;
    values[3 * p + 1] = (p * 13 + 50) & 0xff;
    values[3 * p + 2] = 255 - (p & 0xff);
  }
  return values;
}

const GREY: PixelDescription = {
  transferSyntaxUid: TS.HTJ2KLossless,
  rows: ROWS,
  columns: COLUMNS,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  pixelRepresentation: 1,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
  file: 'roundtrip.dcm',
};

const RGB: PixelDescription = { ...GREY, samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, pixelRepresentation: 0 };

describe('decodeFrame: HTJ2K (OpenJPH) round trips', async () => {
  const openjph = (await openjphFactory(quiet())) as { HTJ2KEncoder: new () => Encoder };

  it('decodes a reversible signed 16-bit codestream to the encoded values', async () => {
    const values = signedRamp();
    const info = { width: COLUMNS, height: ROWS, bitsPerSample: 16, componentCount: 1, isSigned: true, isUsingColorTransform: false };
    const stream = encode(new openjph.HTJ2KEncoder(), info, new Uint8Array(values.buffer));
    for (const uid of [TS.HTJ2KLossless, TS.HTJ2KLosslessRPCL, TS.HTJ2K]) {
      const frame = await decodeFrame(stream, { ...GREY, transferSyntaxUid: uid }, codecs);
      expect(frame.pixels).toBeInstanceOf(Int16Array);
      expect(frame.lossy, `${uid} with a reversible codestream`).toBe(false);
      expect([...frame.pixels]).toEqual([...values]);
    }
  });

  it('undoes the reversible colour transform (YBR_RCT) to the encoded RGB', async () => {
    const values = rgbPattern();
    const info = { width: COLUMNS, height: ROWS, bitsPerSample: 8, componentCount: 3, isSigned: false, isUsingColorTransform: true };
    const stream = encode(new openjph.HTJ2KEncoder(), info, values);
    const frame = await decodeFrame(stream, { ...RGB, photometricInterpretation: 'YBR_RCT' }, codecs);
    expect(frame.samplesPerPixel).toBe(3);
    expect([...frame.pixels]).toEqual([...values]);
  });

  it('rejects an HTJ2K codestream cut in half with VOXA_ERR_DECODE_FAILED', async () => {
    const info = { width: COLUMNS, height: ROWS, bitsPerSample: 16, componentCount: 1, isSigned: true, isUsingColorTransform: false };
    const stream = encode(new openjph.HTJ2KEncoder(), info, new Uint8Array(signedRamp().buffer));
    await expect(decodeFrame(stream.subarray(0, stream.length >> 1), GREY, codecs)).rejects.toMatchObject({ code: 'VOXA_ERR_DECODE_FAILED' });
  });
});

describe('decodeFrame: JPEG-LS (CharLS) round trips', async () => {
  const charls = (await charlsFactory(quiet())) as { JpegLSEncoder: new () => Encoder };

  it.each([
    [0, 'by plane'],
    [1, 'by line'],
    [2, 'by sample'],
  ])('decodes RGB interleave mode %i (%s) to pixel-interleaved RGB', async (mode) => {
    const values = rgbPattern();
    // The encoder takes planar input for mode 0 and pixel-interleaved input otherwise.
    const input = mode === 0 ? toPlanar(values) : values;
    const encoder = new charls.JpegLSEncoder();
    encoder.setInterleaveMode?.(mode);
    const stream = encode(encoder, { width: COLUMNS, height: ROWS, bitsPerSample: 8, componentCount: 3 }, input);
    const frame = await decodeFrame(stream, { ...RGB, transferSyntaxUid: TS.JPEGLSLossless, photometricInterpretation: 'RGB' }, codecs);
    expect([...frame.pixels]).toEqual([...values]);
  });
});

function toPlanar(interleaved: Uint8Array): Uint8Array {
  const n = interleaved.length / 3;
  const out = new Uint8Array(interleaved.length);
  for (let p = 0; p < n; p++) for (let c = 0; c < 3; c++) out[c * n + p] = interleaved[3 * p + c];
  return out;
}
