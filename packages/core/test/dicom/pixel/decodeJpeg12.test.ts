import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../src/dicom/pixel/decodeFrame.ts';
import { frameBytes } from '../../../src/dicom/pixel/frameBytes.ts';
import { decodeJpegSequential } from '../../../src/dicom/pixel/jpeg12/decodeJpegSequential.ts';
import { TS } from '../../../src/dicom/pixel/PixelDescription.ts';
import { readPixelDescription } from '../../../src/dicom/pixel/readPixelDescription.ts';
import { wasmDecode } from '../../../src/dicom/pixel/wasmDecode.ts';
import { VoxaError } from '../../../src/errors/VoxaError.ts';
import { HAS_SHARED } from '../../util/shared.ts';
import { buildDicom, imagePixelModule } from './buildDicom.ts';
import { encodeJpegSequential, type TestJpegOptions } from './encodeJpegSequential.ts';
import { codecs, decodeAllFrames, differences, loadDicomFixture, valueRange } from './loadDicomFixture.ts';

const PD = 'pydicom/src/pydicom/data/test_files';
const DWV = 'dwv/tests/data';

/** Quantization table of ones: the only loss left is rounding, so decoded ≈ source. */
const ONES = new Array<number>(64).fill(1);

/** A w × h plane with samples f(x, y). */
function plane(w: number, h: number, f: (x: number, y: number) => number): Uint16Array {
  const out = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = f(x, y);
  return out;
}

/**
 * Largest |decoded − expected| over component `c` of an interleaved X × Y image of 3 components,
 * where component `c` was coded at 1/`sx` × 1/`sy` resolution and the decoder repeats its samples.
 */
function componentError(image: ArrayLike<number>, c: number, source: ArrayLike<number>, sx: number, sy: number): number {
  const [n, columns, rows] = [3, X, Y];
  const width = Math.ceil(columns / sx);
  let max = 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      const expected = source[Math.floor(y / sy) * width + Math.floor(x / sx)];
      max = Math.max(max, Math.abs(image[(y * columns + x) * n + c] - expected));
    }
  }
  return max;
}

/** Runs `f` and returns the VoxaError it throws (sync or async). */
async function voxaErrorOf(f: () => unknown): Promise<VoxaError> {
  let error: unknown;
  try {
    await f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(VoxaError);
  return error as VoxaError;
}

// 45 × 30: neither a multiple of 8 nor of the 16-pixel MCU, so the padded blocks are exercised.
const X = 45;
const Y = 30;
const LUMA = plane(X, Y, (x, y) => (x * 73 + y * 131) % 4096);

/** 12-bit YCbCr 4:2:0 (Y 2×2, chroma 1×1) in one interleaved scan, a restart every 3 MCUs. */
const YCC_420: TestJpegOptions = {
  precision: 12,
  columns: X,
  rows: Y,
  quantTables: [ONES],
  restartInterval: 3,
  components: [
    { h: 2, v: 2, tq: 0, samples: LUMA },
    { h: 1, v: 1, tq: 0, samples: plane(23, 15, (x, y) => 1000 + x * 100 + y * 7) },
    { h: 1, v: 1, tq: 0, samples: plane(23, 15, (x, y) => 3000 - x * 50 - y * 60) },
  ],
};

/**
 * 12-bit 4:2:2 (Y 2×1) coded as three one-component scans, 16-bit DQT whose second table is 300
 * for every AC coefficient (a value that needs 16 bits), a restart every 7 MCUs.
 */
const YCC_422_SCANS: TestJpegOptions = {
  precision: 12,
  columns: X,
  rows: Y,
  quantTables: [ONES, ONES.map((_, k) => (k === 0 ? 1 : 300))],
  quant16: true,
  restartInterval: 7,
  scans: [[0], [1], [2]],
  components: [
    { h: 2, v: 1, tq: 0, samples: LUMA },
    { h: 1, v: 1, tq: 1, samples: plane(23, Y, () => 2048) },
    { h: 1, v: 1, tq: 0, samples: plane(23, Y, (x, y) => 100 + x * 10 + y * 100) },
  ],
};

describe('decodeJpegSequential: streams of the test encoder (ITU-T T.81 sequential DCT)', () => {
  // Every stream below was also checked once against dcmtk 3.6.7 (`dcmdjpeg +cn`, libijg12) after
  // wrapping it in a DICOM file: luma (full-resolution components) equal to ±1, as for the real
  // files; chroma differs only because libjpeg interpolates subsampled chroma ("fancy
  // upsampling") where this decoder repeats samples.

  it('12-bit greyscale of odd size with restart intervals comes back within ±1 of the source', () => {
    const source = plane(37, 29, (x, y) => (x * 97 + y * 211) % 4096);
    const components = [{ h: 1, v: 1, tq: 0, samples: source }];
    const stream = encodeJpegSequential({ precision: 12, columns: 37, rows: 29, quantTables: [ONES], restartInterval: 2, components });
    const image = decodeJpegSequential(stream);
    expect(image).toMatchObject({ columns: 37, rows: 29, precision: 12, componentIds: [1] });
    expect(image.samples).toBeInstanceOf(Uint16Array);
    expect(differences(image.samples, source).max).toBeLessThanOrEqual(1);
  });

  it('12-bit YCbCr 4:2:0 in one interleaved scan: luma within ±1, each chroma sample repeated over 2×2 pixels', () => {
    const image = decodeJpegSequential(encodeJpegSequential(YCC_420));
    const [luma, cb, cr] = YCC_420.components;
    expect(image.samples.length).toBe(X * Y * 3);
    expect(componentError(image.samples, 0, luma.samples, 1, 1)).toBeLessThanOrEqual(1);
    expect(componentError(image.samples, 1, cb.samples, 2, 2)).toBeLessThanOrEqual(1);
    expect(componentError(image.samples, 2, cr.samples, 2, 2)).toBeLessThanOrEqual(1);
  });

  it('12-bit 4:2:2 in three one-component scans with 16-bit quantization tables and restarts', () => {
    const image = decodeJpegSequential(encodeJpegSequential(YCC_422_SCANS));
    const [luma, cb, cr] = YCC_422_SCANS.components;
    expect(componentError(image.samples, 0, luma.samples, 1, 1)).toBeLessThanOrEqual(1);
    // A flat plane has only a DC term, so the coarse AC table costs nothing.
    expect(componentError(image.samples, 1, cb.samples, 2, 1)).toBe(0);
    expect(componentError(image.samples, 2, cr.samples, 2, 1)).toBeLessThanOrEqual(1);
  });

  it('8-bit baseline (SOF0) decodes within ±1 of libjpeg-turbo, restart markers included', async () => {
    const source = plane(37, 29, (x, y) => (x * 7 + y * 13) % 256);
    const components = [{ h: 1, v: 1, tq: 0, samples: source }];
    const stream = encodeJpegSequential({ precision: 8, sofMarker: 0xc0, columns: 37, rows: 29, quantTables: [ONES], restartInterval: 2, components });
    const image = decodeJpegSequential(stream);
    expect(image.samples).toBeInstanceOf(Uint8Array);
    const lib = await codecs.get('libjpegTurbo');
    const { bytes } = wasmDecode(() => new lib.JPEGDecoder(), stream, () => undefined);
    // Both use an accurate IDCT (libjpeg's is integer, ours floating point): they differ by rounding only.
    expect(differences(image.samples, bytes.subarray(0, 37 * 29)).max).toBeLessThanOrEqual(1);
    expect(differences(image.samples, source).max).toBeLessThanOrEqual(1);
  });

  it('a restart marker out of sequence gives VOXA_ERR_DECODE_FAILED naming the file', async () => {
    const stream = encodeJpegSequential(YCC_420);
    const rst0 = stream.findIndex((b, i) => b === 0xff && stream[i + 1] === 0xd0);
    stream[rst0 + 1] = 0xd3;
    const error = await voxaErrorOf(() => decodeJpegSequential(stream, { where: { file: 'rst.dcm' } }));
    expect(error.code).toBe('VOXA_ERR_DECODE_FAILED');
    expect(error.message).toMatch(/expected restart marker RST0 before MCU 3 .*found marker 0xFFD3/);
    expect(error.message).toContain('rst.dcm');
  });

  it('entropy-coded data cut short (EOI still at the end) gives VOXA_ERR_DECODE_FAILED, not a grey-filled image', async () => {
    const stream = encodeJpegSequential({ ...YCC_420, restartInterval: 0 });
    const cut = new Uint8Array([...stream.subarray(0, stream.length - 400), 0xff, 0xd9]);
    const error = await voxaErrorOf(() => decodeJpegSequential(cut));
    expect(error.code).toBe('VOXA_ERR_DECODE_FAILED');
    expect(error.message).toMatch(/entropy-coded data ends in MCU \d+ of 6/);
  });

  it('a progressive (SOF2) or 16-bit frame is refused with VOXA_ERR_DECODE_FAILED', async () => {
    const stream = encodeJpegSequential(YCC_420);
    const sof = stream.findIndex((b, i) => b === 0xff && stream[i + 1] === 0xc1);
    const progressive = stream.slice();
    progressive[sof + 1] = 0xc2;
    expect((await voxaErrorOf(() => decodeJpegSequential(progressive))).message).toMatch(/0xFFC2: not a sequential Huffman DCT frame/);
    const sixteen = stream.slice();
    sixteen[sof + 4] = 16;
    expect((await voxaErrorOf(() => decodeJpegSequential(sixteen))).message).toMatch(/16-bit samples/);
  });
});

describe('decodeFrame: 12-bit colour JPEG Extended ends as RGB', () => {
  // Flat Y 2000, Cb 2448, Cr 1748 (h = 2048): PS3.3 C.7.6.3.1.2 gives R = 2000 + 1.402·(−300) = 1579.4,
  // G = 2000 − 0.344136·400 − 0.714136·(−300) = 2076.59, B = 2000 + 1.772·400 = 2708.8.
  const flat = (value: number, w: number): Uint16Array => plane(w, 16, () => value);
  const stream = encodeJpegSequential({
    precision: 12,
    columns: 16,
    rows: 16,
    quantTables: [ONES],
    components: [
      { h: 2, v: 1, tq: 0, samples: flat(2000, 16) },
      { h: 1, v: 1, tq: 0, samples: flat(2448, 8) },
      { h: 1, v: 1, tq: 0, samples: flat(1748, 8) },
    ],
  });
  /** A JFIF APP0 segment (JFIF 1.02): says the components are YCbCr. */
  const JFIF = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 0, 0, 1, 0, 1, 0, 0];

  it.each([
    ['YBR_FULL_422', stream],
    ['RGB', new Uint8Array([0xff, 0xd8, ...JFIF, ...stream.subarray(2)])],
  ])('Photometric Interpretation %s: a flat YCbCr frame decodes to the RGB the colour equations give', async (photometric, jpeg) => {
    const fragment = jpeg.length % 2 ? new Uint8Array([...jpeg, 0]) : jpeg;
    const geometry = { rows: 16, columns: 16, bitsAllocated: 16, bitsStored: 12, samplesPerPixel: 3, planarConfiguration: 0 };
    const pixel = imagePixelModule({ ...geometry, photometric });
    const dataSet = buildDicom(TS.JPEGExtended, pixel, { fragments: [fragment] });
    const desc = readPixelDescription(dataSet, { file: 'ybr12.dcm' });
    const frame = await decodeFrame(frameBytes(dataSet, 0, desc), desc, codecs);
    expect(frame.samplesPerPixel).toBe(3);
    expect(frame.lossy).toBe(true);
    expect(frame.pixels).toBeInstanceOf(Uint16Array);
    expect([...frame.pixels.subarray(0, 3)]).toEqual([1579, 2077, 2709]);
    expect([...frame.pixels.subarray(3 * 255, 3 * 256)]).toEqual([1579, 2077, 2709]);
  });
});

describe.runIf(HAS_SHARED)('decodeFrame: real 12-bit JPEG Extended (1.2.840.10008.1.2.4.51) files', () => {
  it.each([
    [PD, 'JPGExtended.dcm', 256, 1024],
    // Its scan header says Se = 0 (pydicom README: "Bad file"); sequential decoders ignore Ss/Se.
    [PD, 'JPEG-lossy.dcm', 256, 1024],
    [DWV, 'nema-mr1_jply.dcm', 512, 512],
    [DWV, 'nema-nm1_jply.dcm', 256, 1024],
  ])('%s/%s decodes to 12-bit samples, flagged lossy', async (dir, name, columns, rows) => {
    const [frame] = await decodeAllFrames(dir, name);
    expect(frame.samplesPerPixel).toBe(1);
    expect(frame.lossy).toBe(true);
    expect(frame.pixels).toBeInstanceOf(Uint16Array);
    expect(frame.pixels.length).toBe(columns * rows);
    expect(valueRange(frame.pixels).max).toBeLessThan(4096);
    expect(valueRange(frame.pixels).max).toBeGreaterThan(0);
  });

  it.each(['JPGExtended.dcm', 'JPEG-lossy.dcm'])('%s has the pixel values of pydicom’s reference', async (name) => {
    // pydicom src/pydicom/pixels/tests/pixels_reference.py (JPGE_16_12_1_0_1F_M2, JPGE_BAD):
    // arr[420, 140] == 244 and arr[230, 120] == 95, from libjpeg's integer IDCT. The exact
    // (floating-point) IDCT gives 243.99 and 94.49 there, so this decoder says 244 and 94: ±1.
    const [frame] = await decodeAllFrames(PD, name);
    expect(frame.pixels[420 * 256 + 140]).toBe(244);
    expect(Math.abs(frame.pixels[230 * 256 + 120] - 95)).toBeLessThanOrEqual(1);
  });

  it('nema-nm1_jply stays within the measured error of its lossless twin nema-nm1_jpll', async () => {
    const [lossy] = await decodeAllFrames(DWV, 'nema-nm1_jply.dcm');
    const [lossless] = await decodeAllFrames(DWV, 'nema-nm1_jpll.dcm');
    // Measured 2026-11-24: mean 2.278, max 36 (NM counts 0…278); dcmtk's dcmdjpeg decode of the
    // same stream is 2.278 / 36 from the twin as well, so this is the encoder's loss, not ours.
    const error = differences(lossy.pixels, lossless.pixels);
    expect(error.mean).toBeLessThanOrEqual(2.3);
    expect(error.max).toBeLessThanOrEqual(36);
  });

  it('nema-mr1_jply matches the dcmtk decode', async () => {
    // From `dcmdjpeg nema-mr1_jply.dcm out.dcm` (dcmtk 3.6.7, Debian 12), read once: mean 481.4986,
    // range 0…3970, and the runs below. Ours differs from it by at most 1 (mean |Δ| 0.034), the
    // rounding difference of libjpeg's integer IDCT against the floating-point one.
    const [frame] = await decodeAllFrames(DWV, 'nema-mr1_jply.dcm');
    const runs: [number, number, number[]][] = [
      [256, 200, [641, 643, 653, 688, 820, 922, 922, 955]],
      [100, 300, [199, 198, 186, 172, 185, 195, 195, 186]],
    ];
    for (const [row, column, expected] of runs) {
      const start = row * 512 + column;
      expect(differences(frame.pixels.subarray(start, start + 8), expected).max).toBeLessThanOrEqual(1);
    }
    let sum = 0;
    for (const v of frame.pixels) sum += v;
    expect(sum / frame.pixels.length).toBeCloseTo(481.4986, 1);
    expect(valueRange(frame.pixels)).toEqual({ min: 0, max: 3970 });
  });

  it.each([
    ['cut in half', (b: Uint8Array) => b.slice(0, b.length >> 1), /truncated/],
    ['cut, with EOI put back', (b: Uint8Array) => new Uint8Array([...b.subarray(0, b.length >> 1), 0xff, 0xd9]), /entropy-coded data ends in MCU/],
  ])('a 12-bit frame %s gives VOXA_ERR_DECODE_FAILED naming the file', async (_, cut, message) => {
    const fixture = loadDicomFixture(DWV, 'nema-mr1_jply.dcm');
    const bytes = frameBytes(fixture.dataSet, 0, fixture.desc);
    const error = await voxaErrorOf(() => decodeFrame(cut(bytes), fixture.desc, codecs));
    expect(error.code).toBe('VOXA_ERR_DECODE_FAILED');
    expect(error.where).toMatchObject({ file: 'nema-mr1_jply.dcm', uid: TS.JPEGExtended });
    expect(error.message).toContain('nema-mr1_jply.dcm');
    expect(error.message).toMatch(message);
  });
});
