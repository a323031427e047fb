import dicomParser, { type DataSet } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { CT_IMAGE_STORAGE } from '../../src/dicom/write/encodeCtSlice.ts';
import { EXPLICIT_VR_LITTLE_ENDIAN, VOXA_IMPLEMENTATION_CLASS_UID } from '../../src/dicom/write/writePart10.ts';
import { uidFromName } from '../../src/dicom/write/uidFromName.ts';
import { formatDecimalString } from '../../src/dicom/write/decimalString.ts';
import { encodePhantomSlice, phantomCtSeriesInfo } from '../../src/phantom/phantomDicom.ts';
import { smallTimePoint } from './phantomFixtures.ts';

/** PS3.5 §9.1: components of digits without leading zeros, dot-separated, at most 64 characters. */
const UID = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))+$/;

function numbers(ds: DataSet, tag: string): number[] {
  return (ds.string(tag) ?? '').split('\\').map(Number);
}

function parseSlices(index: number, seed = 1): { ds: DataSet; bytes: Uint8Array }[] {
  const tp = smallTimePoint(index, { seed });
  const info = phantomCtSeriesInfo(tp);
  return Array.from({ length: tp.ct.dimensions[2] }, (_, k) => {
    const bytes = encodePhantomSlice(tp, k, info);
    return { ds: dicomParser.parseDicom(bytes), bytes };
  });
}

describe('phantom DICOM slices', () => {
  const baseline = parseSlices(0);

  it('are valid Part 10: zero preamble, DICM, meta group length, media storage UIDs, transfer syntax', () => {
    for (const { ds, bytes } of baseline.slice(0, 5)) {
      expect(bytes.subarray(0, 128).every((b) => b === 0)).toBe(true);
      expect(new TextDecoder().decode(bytes.subarray(128, 132))).toBe('DICM');
      // (0002,0000) UL counts the bytes of the rest of group 0002, which ends where (0008,…) begins.
      const groupLength = ds.uint32('x00020000') ?? 0;
      const firstAfterMeta = 132 + 12 + groupLength;
      expect(new DataView(bytes.buffer, bytes.byteOffset).getUint16(firstAfterMeta, true)).toBe(0x0008);
      expect(ds.string('x00020002')).toBe(CT_IMAGE_STORAGE);
      expect(ds.string('x00020003')).toBe(ds.string('x00080018'));
      expect(ds.string('x00020010')).toBe(EXPLICIT_VR_LITTLE_ENDIAN);
      expect(ds.string('x00020012')).toBe(VOXA_IMPLEMENTATION_CLASS_UID);
      expect(ds.elements.x00020001?.length).toBe(2);
      expect(ds.string('x00080016')).toBe(CT_IMAGE_STORAGE);
    }
  });

  it('carry CT pixel, rescale and window attributes', () => {
    const { ds } = baseline[0];
    expect(ds.string('x00080060')).toBe('CT');
    expect(ds.string('x00080070')).toBe('Voxa phantom');
    expect(ds.string('x00100010')).toBe('VOXA^PHANTOM');
    expect(ds.uint16('x00280010')).toBe(128);
    expect(ds.uint16('x00280011')).toBe(128);
    expect([ds.uint16('x00280100'), ds.uint16('x00280101'), ds.uint16('x00280102'), ds.uint16('x00280103')]).toEqual([16, 16, 15, 1]);
    expect(ds.string('x00280004')).toBe('MONOCHROME2');
    expect(ds.floatString('x00281052')).toBe(-1024);
    expect(ds.floatString('x00281053')).toBe(1);
    expect(numbers(ds, 'x00281050')).toEqual([40, -600, 400]);
    expect(numbers(ds, 'x00281051')).toEqual([400, 1500, 1800]);
    expect(ds.elements.x7fe00010?.vr).toBe('OW');
  });

  it('place slice k at origin + k · spacing along the normal, with matching geometry attributes', () => {
    const tp = smallTimePoint(0);
    const m = tp.ct.indexToWorld;
    baseline.forEach(({ ds }, k) => {
      const ipp = numbers(ds, 'x00200032');
      const expected = [m[12], m[13], m[14] + 3 * k];
      ipp.forEach((v, d) => expect(Math.abs(v - expected[d])).toBeLessThan(1e-6));
      expect(numbers(ds, 'x00200037')).toEqual([1, 0, 0, 0, 1, 0]);
      expect(numbers(ds, 'x00280030')).toEqual([2.8, 2.8]);
      expect(ds.floatString('x00180050')).toBe(3);
      expect(ds.floatString('x00180088')).toBe(3);
      expect(Math.abs((ds.floatString('x00201041') ?? NaN) - expected[2])).toBeLessThan(1e-6);
      expect(ds.intString('x00200013')).toBe(k + 1);
    });
  });

  it('store pixel values that, with the rescale, give back the volume HU exactly', () => {
    const hu = smallTimePoint(0).ct.voxels;
    const sliceSize = 128 * 128;
    baseline.forEach(({ ds, bytes }, k) => {
      const el = ds.elements.x7fe00010;
      const stored = new Int16Array(bytes.slice(el.dataOffset, el.dataOffset + el.length).buffer);
      const slope = ds.floatString('x00281053') ?? 1, intercept = ds.floatString('x00281052') ?? 0;
      for (let n = 0; n < sliceSize; n++) {
        if (stored[n] * slope + intercept !== hu[k * sliceSize + n]) throw new Error(`slice ${k} pixel ${n} differs`);
      }
    });
  });

  it('use one study per time point with its own UIDs and date, one patient, valid unique UIDs', () => {
    const followUp = parseSlices(1);
    const uids = new Set<string>();
    for (const slices of [baseline, followUp]) {
      const study = slices[0].ds.string('x0020000d'), forUid = slices[0].ds.string('x00200052');
      for (const { ds } of slices) {
        expect(ds.string('x0020000d')).toBe(study);
        expect(ds.string('x00200052')).toBe(forUid);
        for (const tag of ['x0020000d', 'x0020000e', 'x00200052', 'x00080018']) {
          const uid = ds.string(tag) ?? '';
          expect(uid.length).toBeLessThanOrEqual(64);
          expect(uid).toMatch(UID);
        }
        uids.add(ds.string('x00080018') ?? '');
      }
    }
    expect(uids.size).toBe(300);
    const a = baseline[0].ds, b = followUp[0].ds;
    expect(a.string('x0020000d')).not.toBe(b.string('x0020000d'));
    expect(a.string('x00200052')).not.toBe(b.string('x00200052'));
    expect(a.string('x00100020')).toBe(b.string('x00100020'));
    expect(a.string('x00100010')).toBe(b.string('x00100010'));
    expect([a.string('x00080020'), b.string('x00080020')]).toEqual(['20240108', '20240304']);
  });

  it('derive UIDs deterministically from the seed', () => {
    const again = encodePhantomSlice(smallTimePoint(0), 7);
    expect(Buffer.from(again).equals(Buffer.from(baseline[7].bytes))).toBe(true);
    const otherSeed = dicomParser.parseDicom(encodePhantomSlice(smallTimePoint(0, { seed: 2 }), 7));
    expect(otherSeed.string('x0020000d')).not.toBe(baseline[7].ds.string('x0020000d'));
  });
});

describe('uidFromName and formatDecimalString', () => {
  it('makes 2.25 UIDs from UUIDv8 values: stable, ≤ 64 characters, no leading zeros', () => {
    const names = Array.from({ length: 2000 }, (_, n) => `name-${n}`);
    const uids = names.map(uidFromName);
    expect(new Set(uids).size).toBe(names.length);
    for (const u of uids) {
      expect(u).toMatch(UID);
      expect(u.startsWith('2.25.')).toBe(true);
      expect(u.length).toBeLessThanOrEqual(44);
      const hex = BigInt(u.slice(5)).toString(16).padStart(32, '0');
      expect(hex[12]).toBe('8');
      expect(['8', '9', 'a', 'b']).toContain(hex[16]);
    }
    expect(uidFromName('name-1')).toBe(uids[1]);
  });

  it('writes DS values of at most 16 characters that keep at least 10 significant digits', () => {
    for (const x of [0, -0, 1, -1024, 2.8, -178.85, 1 / 3, -1 / 3, 6.123233995736766e-17, 123456789.123456789, -224.25]) {
      const s = formatDecimalString(x);
      expect(s.length).toBeLessThanOrEqual(16);
      expect(Math.abs(Number(s) - x)).toBeLessThanOrEqual(Math.abs(x) * 1e-10);
    }
  });
});
