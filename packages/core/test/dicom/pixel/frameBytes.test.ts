import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../src/dicom/pixel/decodeFrame.ts';
import { frameBytes } from '../../../src/dicom/pixel/frameBytes.ts';
import { TS } from '../../../src/dicom/pixel/PixelDescription.ts';
import { readPixelDescription } from '../../../src/dicom/pixel/readPixelDescription.ts';
import { buildDicom, imagePixelModule } from './buildDicom.ts';
import { codecs } from './loadDicomFixture.ts';

const SOI = [0xff, 0xd8, 0xff, 0xe0];
const J2K = [0xff, 0x4f, 0xff, 0x51];

describe('frameBytes: native pixel data', () => {
  it('returns a view into the data set, not a copy, for byte-aligned frames', () => {
    const pixels = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const ds = buildDicom(TS.ExplicitVRLittleEndian, [
      ...imagePixelModule({ rows: 2, columns: 2, bitsAllocated: 8, frames: 2 }),
      { tag: '7FE00010', vr: 'OB', value: pixels },
    ]);
    const desc = readPixelDescription(ds);
    const second = frameBytes(ds, 1, desc);
    expect([...second]).toEqual([5, 6, 7, 8]);
    expect(second.buffer).toBe(ds.byteArray.buffer);
  });

  it('shifts 1-bit frames that start mid-byte (3×3 frames: frame 1 starts at bit 9)', async () => {
    // Frame 0 = 1 0 0 / 0 1 0 / 0 0 1, frame 1 = all ones except the centre; bits packed LSB first across frames.
    const bits = [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1];
    const packed = new Uint8Array(3);
    bits.forEach((b, i) => (packed[i >> 3] |= b << (i & 7)));
    const ds = buildDicom(TS.ExplicitVRLittleEndian, [
      ...imagePixelModule({ rows: 3, columns: 3, bitsAllocated: 1, frames: 2 }),
      { tag: '7FE00010', vr: 'OB', value: packed },
    ]);
    const desc = readPixelDescription(ds);
    const f0 = await decodeFrame(frameBytes(ds, 0, desc), desc, codecs);
    const f1 = await decodeFrame(frameBytes(ds, 1, desc), desc, codecs);
    expect([...f0.pixels]).toEqual(bits.slice(0, 9));
    expect([...f1.pixels]).toEqual(bits.slice(9));
  });

  it('undoes the 16-bit word swap of 8-bit data in a big endian OW element', async () => {
    const ds = buildDicom(TS.ExplicitVRBigEndian, [
      ...imagePixelModule({ rows: 1, columns: 4, bitsAllocated: 8 }),
      // On the wire, OW words are big endian: pixel bytes 10 20 30 40 are written as 20 10 40 30.
      { tag: '7FE00010', vr: 'OW', value: new Uint8Array([20, 10, 40, 30]) },
    ]);
    const desc = readPixelDescription(ds);
    expect([...frameBytes(ds, 0, desc)]).toEqual([10, 20, 30, 40]);
  });

  it('swaps 16-bit big endian samples when decoding', async () => {
    const ds = buildDicom(TS.ExplicitVRBigEndian, [
      ...imagePixelModule({ rows: 1, columns: 2, bitsAllocated: 16, pixelRepresentation: 1 }),
      { tag: '7FE00010', vr: 'OW', value: new Uint8Array([0x01, 0x02, 0xff, 0xfe]) },
    ]);
    const desc = readPixelDescription(ds);
    const frame = await decodeFrame(frameBytes(ds, 0, desc), desc, codecs);
    expect([...frame.pixels]).toEqual([0x0102, -2]);
  });

  it('throws VOXA_ERR_DICOM_TRUNCATED when the pixel data is shorter than the frames', () => {
    const ds = buildDicom(TS.ExplicitVRLittleEndian, [
      ...imagePixelModule({ rows: 2, columns: 2, bitsAllocated: 16, frames: 2 }),
      { tag: '7FE00010', vr: 'OW', value: new Uint8Array(12) },
    ]);
    const desc = readPixelDescription(ds, { file: 'short.dcm' });
    expect(frameBytes(ds, 0, desc)).toHaveLength(8);
    expect(() => frameBytes(ds, 1, desc)).toThrow(expect.objectContaining({ code: 'VOXA_ERR_DICOM_TRUNCATED' }));
  });
});

describe('frameBytes: encapsulated pixel data (PS3.5 A.4)', () => {
  const fragment = (head: number[], n: number): Uint8Array => new Uint8Array([...head, ...new Array(n).fill(n)]);
  const module3 = imagePixelModule({ rows: 8, columns: 8, bitsAllocated: 8, frames: 3 });

  it('uses the basic offset table to group fragments into frames', () => {
    const fragments = [fragment(SOI, 4), fragment([1, 2], 2), fragment(SOI, 6), fragment(SOI, 2)];
    // Offsets count from the first fragment's item tag: each item has an 8-byte header.
    const ds = buildDicom(TS.JPEGBaseline, module3, { basicOffsetTable: [0, 8 + 8 + 8 + 4, 8 + 8 + 8 + 4 + 8 + 10], fragments });
    const desc = readPixelDescription(ds);
    expect([...frameBytes(ds, 0, desc)]).toEqual([...fragments[0], ...fragments[1]]);
    expect([...frameBytes(ds, 1, desc)]).toEqual([...fragments[2]]);
    expect([...frameBytes(ds, 2, desc)]).toEqual([...fragments[3]]);
  });

  it('takes one fragment per frame when there is no offset table and as many fragments as frames', () => {
    const fragments = [fragment(J2K, 2), fragment(J2K, 4), fragment(J2K, 6)];
    const ds = buildDicom(TS.JPEG2000Lossless, module3, { fragments });
    const desc = readPixelDescription(ds);
    expect([...frameBytes(ds, 2, desc)]).toEqual([...fragments[2]]);
  });

  it('joins all fragments of a single frame', () => {
    const fragments = [fragment(J2K, 2), fragment([7, 7], 4), fragment([8, 8], 2)];
    const ds = buildDicom(TS.JPEG2000Lossless, imagePixelModule({ rows: 8, columns: 8, bitsAllocated: 8 }), { fragments });
    const desc = readPixelDescription(ds);
    expect([...frameBytes(ds, 0, desc)]).toEqual(fragments.flatMap((f) => [...f]));
  });

  it('finds frame starts by their JPEG / JPEG 2000 start markers when fragments outnumber frames', () => {
    const fragments = [fragment(SOI, 2), fragment([1, 1], 2), fragment(SOI, 4), fragment(SOI, 2), fragment([3, 3], 4)];
    const ds = buildDicom(TS.JPEGBaseline, module3, { fragments });
    const desc = readPixelDescription(ds);
    expect([...frameBytes(ds, 0, desc)]).toEqual([...fragments[0], ...fragments[1]]);
    expect([...frameBytes(ds, 1, desc)]).toEqual([...fragments[2]]);
    expect([...frameBytes(ds, 2, desc)]).toEqual([...fragments[3], ...fragments[4]]);
  });

  it('uses the Extended Offset Table (7FE0,0001/0002) when present', () => {
    const fragments = [fragment(J2K, 2), fragment(J2K, 4), fragment(J2K, 6)];
    const u64 = (values: number[]): Uint8Array => {
      const out = new Uint8Array(8 * values.length);
      values.forEach((v, i) => new DataView(out.buffer).setUint32(8 * i, v, true));
      return out;
    };
    const ds = buildDicom(
      TS.JPEG2000Lossless,
      [
        ...module3,
        { tag: '7FE00001', vr: 'OV', value: u64([0, 14, 30]) },
        { tag: '7FE00002', vr: 'OV', value: u64([6, 8, 10]) },
      ],
      { fragments },
    );
    const desc = readPixelDescription(ds);
    expect([...frameBytes(ds, 1, desc)]).toEqual([...fragments[1]]);
  });

  it('throws VOXA_ERR_DECODE_FAILED when frames cannot be located', () => {
    const fragments = [fragment([1, 1], 2), fragment([2, 2], 2), fragment([3, 3], 2), fragment([4, 4], 2)];
    const ds = buildDicom(TS.RLELossless, module3, { fragments });
    const desc = readPixelDescription(ds);
    expect(() => frameBytes(ds, 0, desc)).toThrow(expect.objectContaining({ code: 'VOXA_ERR_DECODE_FAILED' }));
  });
});
