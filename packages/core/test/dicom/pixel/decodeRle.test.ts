import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../src/dicom/pixel/decodeFrame.ts';
import { TS, type PixelDescription } from '../../../src/dicom/pixel/PixelDescription.ts';
import { codecs } from './loadDicomFixture.ts';

/** An RLE frame (PS3.5 G.5): 64-byte header with the segment offsets, then the segments. */
function rleFrame(segments: number[][]): Uint8Array {
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((s, i) => {
    view.setUint32(4 + 4 * i, offset, true);
    offset += s.length;
  });
  return new Uint8Array([...header, ...segments.flat()]);
}

const DESC: PixelDescription = {
  transferSyntaxUid: TS.RLELossless,
  rows: 2,
  columns: 3,
  samplesPerPixel: 1,
  bitsAllocated: 8,
  bitsStored: 8,
  highBit: 7,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
};

describe('decodeFrame: RLE Lossless (PS3.5 Annex G)', () => {
  it('expands PackBits literal runs (n ≥ 0), replicate runs (n < 0) and skips the no-op byte -128', async () => {
    // literal 2 bytes [5, 6], no-op, replicate 9 three times, literal 1 byte [7].
    const frame = await decodeFrame(rleFrame([[1, 5, 6, 0x80, 0xfe, 9, 0, 7]]), DESC, codecs);
    expect([...frame.pixels]).toEqual([5, 6, 9, 9, 9, 7]);
  });

  it('puts the most significant byte in the first segment of each 16-bit sample', async () => {
    const desc = { ...DESC, bitsAllocated: 16, bitsStored: 16, highBit: 15, pixelRepresentation: 1 as const };
    const high = [5, 0x01, 0x02, 0x03, 0xff, 0x80, 0x7f];
    const low = [5, 0x10, 0x20, 0x30, 0xff, 0x00, 0xff];
    const frame = await decodeFrame(rleFrame([high, low]), desc, codecs);
    expect(frame.pixels).toBeInstanceOf(Int16Array);
    expect([...frame.pixels]).toEqual([0x0110, 0x0220, 0x0330, -1, -32768, 32767]);
  });

  it('reads colour as one segment per sample plane and returns interleaved RGB', async () => {
    const desc = { ...DESC, rows: 1, columns: 2, samplesPerPixel: 3, photometricInterpretation: 'RGB' };
    const frame = await decodeFrame(rleFrame([[1, 10, 11], [1, 20, 21], [1, 30, 31]]), desc, codecs);
    expect(frame.samplesPerPixel).toBe(3);
    expect([...frame.pixels]).toEqual([10, 20, 30, 11, 21, 31]);
  });

  it('decodes 1-bit data as one segment of the bit-packed frame', async () => {
    const desc = { ...DESC, rows: 3, columns: 3, bitsAllocated: 1, bitsStored: 1, highBit: 0 };
    // 9 pixels 1 0 0 0 1 0 0 0 1 → bytes 0b00010001, 0b00000001.
    const frame = await decodeFrame(rleFrame([[1, 0x11, 0x01]]), desc, codecs);
    expect([...frame.pixels]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  it('rejects a segment that decodes to fewer bytes than pixels', async () => {
    await expect(decodeFrame(rleFrame([[1, 5, 6]]), DESC, codecs)).rejects.toMatchObject({
      code: 'VOXA_ERR_DECODE_FAILED',
      message: expect.stringMatching(/decodes to 2 bytes, 6 expected/),
    });
  });
});
