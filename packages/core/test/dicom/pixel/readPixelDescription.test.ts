import { describe, expect, it } from 'vitest';
import { TS } from '../../../src/dicom/pixel/PixelDescription.ts';
import { readPixelDescription } from '../../../src/dicom/pixel/readPixelDescription.ts';
import { HAS_SHARED } from '../../util/shared.ts';
import { buildDicom } from './buildDicom.ts';
import { loadDicomFixture } from './loadDicomFixture.ts';

describe('readPixelDescription', () => {
  it('applies the DICOM defaults for absent optional attributes', () => {
    const ds = buildDicom(TS.ExplicitVRLittleEndian, [
      { tag: '00280010', vr: 'US', value: [2] },
      { tag: '00280011', vr: 'US', value: [3] },
      { tag: '00280100', vr: 'US', value: [16] },
      { tag: '7FE00010', vr: 'OW', value: new Uint8Array(12) },
    ]);
    expect(readPixelDescription(ds, { file: 'min.dcm' })).toEqual({
      transferSyntaxUid: TS.ExplicitVRLittleEndian,
      rows: 2,
      columns: 3,
      samplesPerPixel: 1,
      bitsAllocated: 16,
      bitsStored: 16,
      highBit: 15,
      pixelRepresentation: 0,
      photometricInterpretation: 'MONOCHROME2',
      planarConfiguration: 0,
      numberOfFrames: 1,
      file: 'min.dcm',
    });
  });

  it('throws VOXA_ERR_DICOM_MISSING_TAG naming (0028,0010) when Rows is absent', () => {
    const ds = buildDicom(TS.ExplicitVRLittleEndian, [
      { tag: '00280011', vr: 'US', value: [3] },
      { tag: '00280100', vr: 'US', value: [16] },
      { tag: '7FE00010', vr: 'OW', value: new Uint8Array(12) },
    ]);
    expect(() => readPixelDescription(ds, { file: 'x.dcm' })).toThrow(
      expect.objectContaining({ code: 'VOXA_ERR_DICOM_MISSING_TAG', where: { file: 'x.dcm', tag: '(0028,0010)' } }),
    );
  });

  it('takes the transfer syntax from the options over (0002,0010)', () => {
    const ds = buildDicom(TS.ExplicitVRLittleEndian, [
      { tag: '00280010', vr: 'US', value: [1] },
      { tag: '00280011', vr: 'US', value: [1] },
      { tag: '00280100', vr: 'US', value: [8] },
      { tag: '7FE00010', vr: 'OB', value: new Uint8Array(2) },
    ]);
    expect(readPixelDescription(ds, { transferSyntaxUid: TS.RLELossless }).transferSyntaxUid).toBe(TS.RLELossless);
  });
});

describe.runIf(HAS_SHARED)('readPixelDescription on real files', () => {
  it('reads big endian attributes of MR_small_bigendian.dcm like the little endian original', () => {
    const be = loadDicomFixture('pydicom/src/pydicom/data/test_files', 'MR_small_bigendian.dcm').desc;
    const le = loadDicomFixture('pydicom/src/pydicom/data/test_files', 'MR_small.dcm').desc;
    expect({ ...be, transferSyntaxUid: '', file: '' }).toEqual({ ...le, transferSyntaxUid: '', file: '' });
    expect(be.transferSyntaxUid).toBe(TS.ExplicitVRBigEndian);
  });

  it('reads a malformed Number of Frames "1A" (pydicom badVR.dcm) as 1', () => {
    expect(loadDicomFixture('pydicom/src/pydicom/data/test_files', 'badVR.dcm').desc.numberOfFrames).toBe(1);
  });

  it('marks Float Pixel Data (7FE0,0008) and leaves palettes off non-PALETTE COLOR images (eCT_Supplemental.dcm)', () => {
    expect(loadDicomFixture('pydicom-data/data_store/data', 'parametric_map_float.dcm').desc).toMatchObject({ floatPixelData: true, bitsAllocated: 32 });
    expect(loadDicomFixture('pydicom-data/data_store/data', 'eCT_Supplemental.dcm').desc.palette).toBeUndefined();
  });
});
