import { describe, expect, it } from 'vitest';
import { VoxaError } from '../../../src/errors/VoxaError.ts';
import { decodeFrame } from '../../../src/dicom/pixel/decodeFrame.ts';
import { frameBytes } from '../../../src/dicom/pixel/frameBytes.ts';
import { TS, type PixelDescription } from '../../../src/dicom/pixel/PixelDescription.ts';
import { readPixelDescription } from '../../../src/dicom/pixel/readPixelDescription.ts';
import { HAS_SHARED } from '../../util/shared.ts';
import { codecs, loadDicomFixture, parseSharedDicom } from './loadDicomFixture.ts';

const PD = 'pydicom/src/pydicom/data/test_files';
const PDD = 'pydicom-data/data_store/data';

/** Awaits `promise` and returns the VoxaError it rejects with. */
async function voxaErrorOf(promise: Promise<unknown>): Promise<VoxaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VoxaError);
  return error as VoxaError;
}

const MONO16: PixelDescription = {
  transferSyntaxUid: TS.ExplicitVRLittleEndian,
  rows: 2,
  columns: 2,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 16,
  highBit: 15,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
  planarConfiguration: 0,
  file: 'synthetic.dcm',
};

describe('decodeFrame: errors name the problem and the file', () => {
  it('an unknown transfer syntax gives VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX with the UID', async () => {
    const error = await voxaErrorOf(decodeFrame(new Uint8Array(8), { ...MONO16, transferSyntaxUid: '1.2.3.4.5' }, codecs));
    expect(error.code).toBe('VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX');
    expect(error.where).toMatchObject({ file: 'synthetic.dcm', uid: '1.2.3.4.5' });
  });

  it('a native frame shorter than rows × columns × samples gives VOXA_ERR_DICOM_TRUNCATED', async () => {
    const error = await voxaErrorOf(decodeFrame(new Uint8Array(6), MONO16, codecs));
    expect(error.code).toBe('VOXA_ERR_DICOM_TRUNCATED');
    expect(error.message).toContain('synthetic.dcm');
  });

  it('Bits Allocated 12 (packed, retired) gives VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT', async () => {
    const error = await voxaErrorOf(decodeFrame(new Uint8Array(6), { ...MONO16, bitsAllocated: 12, bitsStored: 12, highBit: 11 }, codecs));
    expect(error.code).toBe('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT');
  });

  it('an RLE frame whose header announces the wrong number of segments gives VOXA_ERR_DECODE_FAILED', async () => {
    const frame = new Uint8Array(64);
    frame[0] = 3; // 3 segments for 16-bit greyscale, which needs 2
    const error = await voxaErrorOf(decodeFrame(frame, { ...MONO16, transferSyntaxUid: TS.RLELossless }, codecs));
    expect(error.code).toBe('VOXA_ERR_DECODE_FAILED');
    expect(error.message).toMatch(/3 segments, 2 expected/);
  });
});

describe.runIf(HAS_SHARED)('decodeFrame: corrupt and unsupported real frames', () => {
  it.each([
    [PD, 'MR_small_jp2klossless.dcm'],
    [PDD, 'MR2_J2KI.dcm'],
    [PDD, 'US1_J2KR.dcm'],
  ])('a JPEG 2000 frame of %s/%s cut in half gives VOXA_ERR_DECODE_FAILED naming the file', async (dir, name) => {
    const fixture = loadDicomFixture(dir, name);
    const bytes = frameBytes(fixture.dataSet, 0, fixture.desc);
    const error = await voxaErrorOf(decodeFrame(bytes.slice(0, bytes.length >> 1), fixture.desc, codecs));
    expect(error.code).toBe('VOXA_ERR_DECODE_FAILED');
    expect(error.where.file).toBe(name);
    expect(error.message).toContain(name);
    expect(error.message).toMatch(/truncated/);
  });

  it('the codec still decodes intact frames after a failure', async () => {
    const fixture = loadDicomFixture(PD, 'MR_small_jp2klossless.dcm');
    const bytes = frameBytes(fixture.dataSet, 0, fixture.desc);
    await voxaErrorOf(decodeFrame(bytes.subarray(0, 100), fixture.desc, codecs));
    const frame = await decodeFrame(bytes, fixture.desc, codecs);
    expect(frame.pixels.length).toBe(64 * 64);
  });

  it('a JPEG 2000 codestream with a corrupt main header (pydicom JPEG2000-embedded-sequence-delimiter.dcm) gives VOXA_ERR_DECODE_FAILED', async () => {
    const fixture = loadDicomFixture(PD, 'JPEG2000-embedded-sequence-delimiter.dcm');
    const error = await voxaErrorOf(decodeFrame(frameBytes(fixture.dataSet, 0, fixture.desc), fixture.desc, codecs));
    expect(error.code).toBe('VOXA_ERR_DECODE_FAILED');
  });

  it.each([
    [PD, 'MR_small_jpeg_ls_lossless.dcm'],
    [PDD, 'JPGLosslessP14SV1_1s_1f_8b.dcm'],
    [PD, 'SC_rgb_jpeg_dcmtk.dcm'],
  ])('a JPEG-LS / JPEG frame of %s/%s cut in half gives VOXA_ERR_DECODE_FAILED at once, not grey fill', async (dir, name) => {
    const fixture = loadDicomFixture(dir, name);
    const bytes = frameBytes(fixture.dataSet, 0, fixture.desc);
    const started = performance.now();
    const error = await voxaErrorOf(decodeFrame(bytes.slice(0, bytes.length >> 1), fixture.desc, codecs));
    expect(error.code).toBe('VOXA_ERR_DECODE_FAILED');
    expect(error.message).toMatch(/truncated/);
    // CharLS alone spends ~14 s on the cut MR_small stream before throwing.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('a JPEG-LS frame with a corrupt scan (the codec throws a C++ exception) gives VOXA_ERR_DECODE_FAILED', async () => {
    const fixture = loadDicomFixture(PD, 'MR_small_jpeg_ls_lossless.dcm');
    const bytes = frameBytes(fixture.dataSet, 0, fixture.desc).slice();
    bytes.fill(0xff, 200, 260);
    const error = await voxaErrorOf(decodeFrame(bytes, fixture.desc, codecs));
    expect(error.code).toBe('VOXA_ERR_DECODE_FAILED');
    expect(error.message).toContain('MR_small_jpeg_ls_lossless.dcm');
  });

  // 12-bit sequential DCT (JPEG Extended) now decodes: decodeJpeg12.test.ts.
  it('12-bit progressive JPEG (JPGExtended.dcm with SOF1 made SOF2) gives VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX, not wrong pixels', async () => {
    const fixture = loadDicomFixture(PD, 'JPGExtended.dcm');
    const bytes = frameBytes(fixture.dataSet, 0, fixture.desc).slice();
    const sof = bytes.findIndex((b, i) => b === 0xff && bytes[i + 1] === 0xc1);
    bytes[sof + 1] = 0xc2;
    const error = await voxaErrorOf(decodeFrame(bytes, fixture.desc, codecs));
    expect(error.code).toBe('VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX');
    expect(error.message).toMatch(/12-bit JPEG with frame marker 0xFFC2/);
    expect(error.where).toMatchObject({ file: 'JPGExtended.dcm', uid: TS.JPEGExtended });
  });

  it('asking for a frame past Number of Frames gives VOXA_ERR_BAD_ARGUMENT', () => {
    const fixture = loadDicomFixture(PDD, 'emri_small.dcm');
    expect(() => frameBytes(fixture.dataSet, 10, fixture.desc)).toThrow(expect.objectContaining({ code: 'VOXA_ERR_BAD_ARGUMENT' }));
  });

  it('an object without Pixel Data (an SR document) gives VOXA_ERR_NO_PIXEL_DATA', () => {
    const { dataSet } = parseSharedDicom(PD, 'test-SR.dcm');
    expect(() => readPixelDescription(dataSet, { file: 'test-SR.dcm' })).toThrow(expect.objectContaining({ code: 'VOXA_ERR_NO_PIXEL_DATA' }));
  });
});

