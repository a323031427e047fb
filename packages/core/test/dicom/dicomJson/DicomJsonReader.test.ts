import { describe, expect, it } from 'vitest';
import { DicomJsonReader } from '../../../src/dicom/dicomJson/DicomJsonReader.ts';
import { thrown } from '../../util/thrown.ts';

/** Base64 of little-endian bytes, as InlineBinary carries them (PS3.18 F.2.7). */
const base64 = (...bytes: number[]) => Buffer.from(bytes).toString('base64');

describe('DicomJsonReader', () => {
  it('joins PN component groups with "=" and leaves trailing empty groups out (PS3.5 §6.2.1)', () => {
    const r = new DicomJsonReader({
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane', Phonetic: 'do^jeyn' }] },
      '00081060': { vr: 'PN', Value: [{ Alphabetic: 'A^B' }, null, { Alphabetic: 'C^D' }] },
    });
    expect(r.str('x00100010')).toBe('Doe^Jane==do^jeyn');
    expect(r.strs('x00081060')).toEqual(['A^B', '', 'C^D']);
  });

  it('reads IS/DS given as numbers or as text, and leaves blank and null values out of nums', () => {
    const r = new DicomJsonReader({ '00200032': { vr: 'DS', Value: ['1.5', 2, null, ' ', '-3e0'] }, '00200013': { vr: 'IS', Value: [' 12 '] } });
    expect(r.nums('x00200032')).toEqual([1.5, 2, -3]);
    expect(r.num('x00200013')).toBe(12);
    expect(r.num('x00200013', 1)).toBeUndefined();
  });

  it('reads AT values as eight hex digits (PS3.18 F.2.3) and as the numbers dcmjs writes', () => {
    const r = new DicomJsonReader({ '00280009': { vr: 'AT', Value: ['00540080', 0x00181063] } });
    expect(r.tags('x00280009')).toEqual(['x00540080', 'x00181063']);
  });

  it('reads a private UN value of two binary bytes as US, as for Implicit VR files', () => {
    // (0019,100A) NumberOfImagesInMosaic = 35 from an Implicit VR file: dcmjs sends it as UN.
    const r = new DicomJsonReader({ '0019100A': { vr: 'UN', InlineBinary: base64(35, 0) }, '00191011': { vr: 'UN', InlineBinary: base64(0x33, 0x36) } });
    expect(r.num('x0019100a')).toBe(35);
    expect(r.num('x00191011')).toBe(36);
  });

  it('reads US/SS values as unsigned or signed 16-bit words, and sequence items with their own values', () => {
    const r = new DicomJsonReader({
      '00281101': { vr: 'US', Value: [256, 65535, 16] },
      '52009229': { vr: 'SQ', Value: [{ '00289110': { vr: 'SQ', Value: [{ '00280030': { vr: 'DS', Value: [0.5, 0.5] } }] } }] },
    });
    expect([r.uint16('x00281101', 1), r.int16('x00281101', 1)]).toEqual([65535, -1]);
    expect(r.item('x52009229')?.item('x00289110')?.nums('x00280030')).toEqual([0.5, 0.5]);
    expect(r.item('x52009229', 1)).toBeUndefined();
  });

  it('accepts lower-case tag keys, and has() is true for an element without a value', () => {
    const r = new DicomJsonReader({ '0020000d': { vr: 'UI', Value: ['1.2.3'] }, '00281053': { vr: 'DS' } });
    expect(r.str('x0020000d')).toBe('1.2.3');
    expect([r.has('x00281053'), r.num('x00281053'), r.strs('x00281053')]).toEqual([true, undefined, []]);
  });

  it('reads bulk data only when supplied; otherwise throws naming the SOP Instance UID, tag and URI', () => {
    const json = {
      '00080018': { vr: 'UI', Value: ['2.25.99'] },
      '00281201': { vr: 'OW', BulkDataURI: 'http://h/bulkdata/00281201' },
    };
    const e = thrown(() => new DicomJsonReader(json, { file: 'x' }).bytes('x00281201'));
    expect(e).toMatchObject({ code: 'VOXA_ERR_DICOM_MISSING_TAG', where: { uid: '2.25.99', tag: '(0028,1201)', bulkDataUri: 'http://h/bulkdata/00281201' } });
    const supplied = new DicomJsonReader(json, { bulkData: (uri) => (uri === 'http://h/bulkdata/00281201' ? new Uint8Array([1, 2]) : undefined) });
    expect(supplied.bytes('x00281201')).toEqual(new Uint8Array([1, 2]));
  });
});
