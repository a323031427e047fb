import { describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../../util/shared.ts';
import { decodeAllFrames, differences } from './loadDicomFixture.ts';

const PD = 'pydicom/src/pydicom/data/test_files';
const PDD = 'pydicom-data/data_store/data';
const DWV = 'dwv/tests/data';

/**
 * Lossy encodings against their lossless twin. Each bound is the mean / max absolute error measured
 * with this decoder on 2026-11-24 (in brackets), rounded up a little, so a regression in the codec
 * plumbing (wrong colour model, lost sign, wrong layout) fails while codec rounding does not.
 */
const CASES: { lossy: string[]; reference: string[]; mean: number; max: number; why: string }[] = [
  // OpenJPEG, irreversible 9/7 wavelet, 12-bit MR (range 0..595) [3.94 / 32].
  { lossy: [PDD, 'MR2_J2KI.dcm'], reference: [PDD, 'MR2_UNCR.dcm'], mean: 4.0, max: 32, why: 'J2K lossy MR' },
  // ~70:1 J2K of a signed 16-bit CT (7.5 kB for 512×512) [25.92 / 352].
  { lossy: [DWV, 'nema-ct1_j2ki.dcm'], reference: [DWV, 'nema-ct1_jpll.dcm'], mean: 26, max: 352, why: 'J2K lossy CT' },
  // YBR_ICT ultrasound, 16:1 [1.70 / 124]; the maximum sits on sharp overlay text.
  { lossy: [DWV, 'nema-us1_j2ki.dcm'], reference: [PDD, 'US1_UNCR.dcm'], mean: 1.75, max: 124, why: 'J2K YBR_ICT' },
  // JPEG-LS near-lossless keeps every sample within NEAR (2 here) of the original [0.70 / 2].
  { lossy: [PD, 'SC_rgb_jls_lossy_sample.dcm'], reference: [PDD, 'SC_rgb.dcm'], mean: 0.75, max: 2, why: 'JPEG-LS NEAR=2, ILV 2' },
  { lossy: [PD, 'SC_rgb_jls_lossy_line.dcm'], reference: [PDD, 'SC_rgb.dcm'], mean: 0.75, max: 2, why: 'JPEG-LS NEAR=2, ILV 1' },
  // libjpeg-turbo, RGB without colour transform [0.14 / 2].
  { lossy: [PD, 'SC_rgb_dcmtk_+eb+cr.dcm'], reference: [PDD, 'SC_rgb.dcm'], mean: 0.15, max: 2, why: 'JPEG baseline RGB' },
  // YCbCr 4:4:4 / 4:2:2 (photometric YBR_FULL or YBR_FULL_422) [0.57 / 6].
  { lossy: [PD, 'SC_rgb_dcmtk_+eb+cy+n2.dcm'], reference: [PDD, 'SC_rgb.dcm'], mean: 0.6, max: 6, why: 'JPEG YBR_FULL 4:2:2' },
  { lossy: [PD, 'SC_rgb_dcmtk_+eb+cy+s2.dcm'], reference: [PDD, 'SC_rgb.dcm'], mean: 0.6, max: 6, why: 'JPEG YBR_FULL_422' },
  { lossy: [PD, 'SC_rgb_dcmtk_+eb+cy+s4.dcm'], reference: [PDD, 'SC_rgb.dcm'], mean: 0.6, max: 6, why: 'JPEG YBR_FULL 4:4:4' },
  { lossy: [PD, 'SC_rgb_jpeg_dcmtk.dcm'], reference: [PDD, 'SC_rgb.dcm'], mean: 0.6, max: 6, why: 'JPEG YBR_FULL' },
  // 4:2:0 chroma: errors only on the rows where two colour bars meet (rows 9/10, 19/20 …) [2.82 / 77].
  { lossy: [PD, 'SC_rgb_dcmtk_+eb+cy+n1.dcm'], reference: [PDD, 'SC_rgb.dcm'], mean: 2.85, max: 77, why: 'JPEG 4:2:0' },
  { lossy: [PD, 'SC_rgb_dcmtk_+eb+cy+np.dcm'], reference: [PDD, 'SC_rgb.dcm'], mean: 2.85, max: 77, why: 'JPEG 4:2:0 (YBR_FULL_422)' },
  { lossy: [PD, 'SC_rgb_jpeg_lossy_gdcm.dcm'], reference: [PDD, 'SC_rgb.dcm'], mean: 2.65, max: 75, why: 'JPEG 4:2:0, no JFIF' },
  // 3×3 image, JFIF YCbCr [1.56 / 4].
  { lossy: [PD, 'SC_rgb_small_odd_jpeg.dcm'], reference: [PD, 'SC_rgb_small_odd.dcm'], mean: 1.6, max: 4, why: 'JPEG 3×3' },
  // RGB JPEG without any colour-space marker: decodes exactly as dcmtk did into SC_rgb_jpeg_dcmd.dcm [0 / 0]
  // (libjpeg alone would have treated it as YCbCr: mean error 48).
  { lossy: [PD, 'SC_jpeg_no_color_transform.dcm'], reference: [PD, 'SC_rgb_jpeg_dcmd.dcm'], mean: 0, max: 0, why: 'RGB JPEG, no marker' },
  // The same tile encoded again with an Adobe APP14 marker [1.84 / 112].
  { lossy: [PD, 'SC_jpeg_no_color_transform_2.dcm'], reference: [PD, 'SC_rgb_jpeg_dcmd.dcm'], mean: 1.85, max: 112, why: 'RGB JPEG, APP14' },
];

describe.runIf(HAS_SHARED)('decodeFrame: lossy transfer syntaxes stay within the measured error of their twin', () => {
  it.each(CASES)('$lossy.1 vs $reference.1 ($why): mean ≤ $mean, max ≤ $max', async ({ lossy, reference, mean, max }) => {
    const [decoded] = await decodeAllFrames(...lossy);
    const [expected] = await decodeAllFrames(...reference);
    expect(decoded.lossy, 'flagged lossy').toBe(true);
    expect(decoded.samplesPerPixel).toBe(expected.samplesPerPixel);
    const error = differences(decoded.pixels, expected.pixels);
    expect(error.mean).toBeLessThanOrEqual(mean);
    expect(error.max).toBeLessThanOrEqual(max);
  });

  // No lossless twin: the files are horizontal bands of 5 rows × 10 columns, one value per band
  // (top to bottom). Values measured with this decoder (CharLS) on 2026-11-24; JPEG-LS decoding is
  // exact for a given bitstream (ISO/IEC 14495-1), so they are compared exactly. The 16-bit bands
  // reach 65535, so a decoder that kept only 8 bits (or swapped bytes) fails.
  it.each([
    ['JPEGLSNearLossless_08.dcm', Uint8Array, [255, 125, 65, 30, 15, 5, 5, 0, 0]],
    ['JPEGLSNearLossless_16.dcm', Uint16Array, [65535, 32765, 16385, 4095, 1025, 255, 65, 15, 5, 0]],
  ] as const)('%s (JPEG-LS near-lossless, no twin) decodes flagged lossy to its bands of constant value', async (name, type, bands) => {
    const [frame] = await decodeAllFrames(PD, name);
    expect(frame.lossy).toBe(true);
    expect(frame.pixels).toBeInstanceOf(type);
    const rowLength = 10;
    const rows = Array.from({ length: frame.pixels.length / rowLength }, (_, r) => Array.from(frame.pixels.subarray(r * rowLength, (r + 1) * rowLength)));
    expect(rows).toEqual(bands.flatMap((v) => Array.from({ length: 5 }, () => new Array(rowLength).fill(v))));
  });
});
