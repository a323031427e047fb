import { describe, expect, it } from 'vitest';
import { TS } from '../../../src/dicom/pixel/PixelDescription.ts';
import { expandSegmentedLut, readPaletteLut } from '../../../src/dicom/pixel/readPaletteLut.ts';
import { readPixelDescription } from '../../../src/dicom/pixel/readPixelDescription.ts';
import { HAS_SHARED } from '../../util/shared.ts';
import { buildDicom, imagePixelModule, type ElementSpec } from './buildDicom.ts';
import { loadDicomFixture } from './loadDicomFixture.ts';

describe('expandSegmentedLut (PS3.3 C.7.9.2)', () => {
  it('expands discrete (0), linear (1) and indirect (2) segments', () => {
    const words = new Uint16Array([
      0, 3, 10, 20, 30, // discrete: 10 20 30
      1, 3, 60, // linear from 30 to 60 in 3 steps: 40 50 60
      2, 1, 0, 0, // indirect: repeat 1 segment from byte offset 0 (the discrete one)
    ]);
    expect([...expandSegmentedLut(words, 10)]).toEqual([10, 20, 30, 40, 50, 60, 10, 20, 30, 30]);
  });
});

describe('readPaletteLut', () => {
  const descriptor = (tag: string, entries: number, first: number, bits: number): ElementSpec => ({ tag, vr: 'US', value: [entries, first, bits] });

  it('reads 8-bit entries packed two per OW word, little and big endian', () => {
    for (const ts of [TS.ExplicitVRLittleEndian, TS.ExplicitVRBigEndian]) {
      const bigEndian = ts === TS.ExplicitVRBigEndian;
      // Entries 1 2 3 4; in big endian the OW words were byte-swapped on writing.
      const data = new Uint8Array(bigEndian ? [2, 1, 4, 3] : [1, 2, 3, 4]);
      const ds = buildDicom(ts, [
        ...imagePixelModule({ rows: 1, columns: 1, bitsAllocated: 8, photometric: 'PALETTE COLOR' }),
        descriptor('00281101', 4, 0, 8),
        descriptor('00281102', 4, 0, 8),
        descriptor('00281103', 4, 0, 8),
        { tag: '00281201', vr: 'OW', value: data },
        { tag: '00281202', vr: 'OW', value: data },
        { tag: '00281203', vr: 'OW', value: data },
        { tag: '7FE00010', vr: 'OB', value: new Uint8Array([0, 0]) },
      ]);
      const lut = readPaletteLut(ds, 0, !bigEndian);
      expect(lut, ts).toMatchObject({ entries: 4, firstValue: 0, bits: 8 });
      expect([...(lut?.red ?? [])], ts).toEqual([1, 2, 3, 4]);
      expect(readPixelDescription(ds).palette?.blue).toEqual(lut?.blue);
    }
  });

  it('reads a descriptor entry count of 0 as 65536 entries', () => {
    const ds = buildDicom(TS.ExplicitVRLittleEndian, [
      descriptor('00281101', 0, 0, 16),
      descriptor('00281102', 0, 0, 16),
      descriptor('00281103', 0, 0, 16),
      { tag: '00281221', vr: 'OW', value: new Uint8Array([1, 0, 1, 0, 0xff, 0xff]) },
      { tag: '00281222', vr: 'OW', value: new Uint8Array([1, 0, 1, 0, 0xff, 0xff]) },
      { tag: '00281223', vr: 'OW', value: new Uint8Array([1, 0, 1, 0, 0xff, 0xff]) },
    ]);
    const lut = readPaletteLut(ds, 0, true);
    expect(lut?.entries).toBe(65536);
    // One linear segment from 0 to 65535 over 1 step, then padded with the last value.
    expect(lut?.red[0]).toBe(65535);
    expect(lut?.red[65535]).toBe(65535);
  });

  it('is undefined without palette descriptors', () => {
    const ds = buildDicom(TS.ExplicitVRLittleEndian, imagePixelModule({ rows: 1, columns: 1, bitsAllocated: 8 }));
    expect(readPaletteLut(ds, 0, true)).toBeUndefined();
  });
});

describe.runIf(HAS_SHARED)('readPaletteLut on real files', () => {
  it('pydicom examples_palette.dcm has a 16-bit, 256-entry palette starting at 0', () => {
    const { desc } = loadDicomFixture('pydicom/src/pydicom/data/test_files', 'examples_palette.dcm');
    expect(desc.palette).toMatchObject({ entries: 256, firstValue: 0, bits: 16 });
    expect(desc.palette?.red).toHaveLength(256);
  });
});
