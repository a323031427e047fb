import { describe, expect, it } from 'vitest';
import type { PixelDescription } from '../../../src/dicom/pixel/PixelDescription.ts';
import type { RawFrame } from '../../../src/dicom/pixel/RawFrame.ts';
import { storedValues, unpackBits } from '../../../src/dicom/pixel/storedValues.ts';

const DESC: PixelDescription = {
  transferSyntaxUid: '1.2.840.10008.1.2.1',
  rows: 1,
  columns: 4,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  highBit: 11,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
};

function raw(samples: RawFrame['samples'], atHighBit = true): RawFrame {
  return { samples, owned: false, layout: 'interleaved', atHighBit, rgb: false, lossy: false };
}

describe('storedValues (PS3.5 8.1.1)', () => {
  it('masks unsigned values to Bits Stored, dropping garbage in the unused high bits', () => {
    const out = storedValues(raw(new Uint16Array([0xf123, 0x0fff, 0x1000, 0x0abc])), DESC, false, 4);
    expect(out).toBeInstanceOf(Uint16Array);
    expect([...out]).toEqual([0x123, 0xfff, 0, 0xabc]);
  });

  it('sign-extends at High Bit 11 for signed 12-bit data in 16 bits, ignoring bits 12..15', () => {
    const out = storedValues(raw(new Uint16Array([0x0800, 0x0fff, 0x07ff, 0xf0f0])), { ...DESC, pixelRepresentation: 1 }, true, 4);
    expect(out).toBeInstanceOf(Int16Array);
    expect([...out]).toEqual([-2048, -1, 2047, 0x0f0]);
  });

  it('shifts native values down when High Bit is above Bits Stored − 1', () => {
    // 12 bits stored at bits 4..15 (High Bit 15).
    const out = storedValues(raw(new Uint16Array([0xabc0, 0x0010])), { ...DESC, columns: 2, highBit: 15 }, false, 2);
    expect([...out]).toEqual([0xabc, 0x001]);
  });

  it('leaves codec output (already right-aligned) unshifted', () => {
    const out = storedValues(raw(new Uint16Array([0x0abc]), false), { ...DESC, columns: 1, highBit: 15 }, false, 1);
    expect([...out]).toEqual([0xabc]);
  });

  it('copies a full-width view it does not own instead of aliasing it', () => {
    const source = new Uint8Array([1, 2, 3, 4]);
    const out = storedValues(raw(source), { ...DESC, bitsAllocated: 8, bitsStored: 8, highBit: 7 }, false, 4);
    expect([...out]).toEqual([1, 2, 3, 4]);
    expect(out).not.toBe(source);
  });
});

describe('unpackBits', () => {
  it('reads pixels least significant bit first (PS3.5 D.2)', () => {
    expect([...unpackBits(new Uint8Array([0b10000001, 0b00000010]), 10)]).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
  });
});
