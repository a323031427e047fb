import { describe, expect, it } from 'vitest';
import type { SliceRef } from '../../src/dicom/InstanceInfo.ts';
import { writeRescaledSlice } from '../../src/series/writeRescaledSlice.ts';

/** A 2×2 slice with the given rescale; only the fields writeRescaledSlice reads. */
function slice(slope: number, intercept: number): SliceRef {
  return { tileIndex: -1, rescaleSlope: slope, rescaleIntercept: intercept, instance: { pixel: { columns: 2 } } } as unknown as SliceRef;
}

describe('writeRescaledSlice', () => {
  const frame = { pixels: new Uint16Array([0, 1000, 40000, 65535]) } as never;

  it('applies the rescale (stored 0…65535, intercept −1024 → HU)', () => {
    const out = new Int32Array(4);
    expect(writeRescaledSlice(frame, slice(1, -1024), out, 0, 1, 2, 2)).toBe(true);
    expect([...out]).toEqual([-1024, -24, 38976, 64511]);
  });

  it('stops at the first value the output cannot hold, so the caller can widen', () => {
    const out = new Int16Array(4);
    expect(writeRescaledSlice(frame, slice(1, -1024), out, 0, 1, 2, 2)).toBe(false);
    expect([...out]).toEqual([-1024, -24, 0, 0]); // second row never written
  });

  it('with clamp writes the whole slice, out-of-range values at the type\'s limits, and reports it', () => {
    const out = new Int16Array(4);
    expect(writeRescaledSlice(frame, slice(1, -1024), out, 0, 1, 2, 2, true)).toBe(false);
    expect([...out]).toEqual([-1024, -24, 32767, 32767]);
    const scaled = new Int16Array(4);
    expect(writeRescaledSlice(frame, slice(-1, 0), scaled, 0, 1, 2, 2, true)).toBe(false);
    expect([...scaled]).toEqual([0, -1000, -32768, -32768]);
  });
});
