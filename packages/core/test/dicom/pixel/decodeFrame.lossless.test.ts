import { describe, expect, it } from 'vitest';
import { HAS_SHARED, sharedData } from '../../util/shared.ts';
import { decodeAllFrames, decodeFixtureFrame, loadDicomFixture, mismatches, valueRange } from './loadDicomFixture.ts';
import { demosaicLikeDcm2niix, readNiftiInt16 } from './referenceVolume.ts';

const PD = 'pydicom/src/pydicom/data/test_files';
const PDD = 'pydicom-data/data_store/data';
const DWV = 'dwv/tests/data';

/** Decodes two files and expects every frame to hold the same values in the same array type. */
async function expectSamePixels(a: string[], b: string[]): Promise<void> {
  const [fa, fb] = await Promise.all([decodeAllFrames(...a), decodeAllFrames(...b)]);
  expect(fa.length, 'frame count').toBe(fb.length);
  for (let i = 0; i < fa.length; i++) {
    expect(fa[i].pixels.constructor.name, `array type of frame ${i}`).toBe(fb[i].pixels.constructor.name);
    expect(fa[i].samplesPerPixel).toBe(fb[i].samplesPerPixel);
    expect(fa[i].lossy, 'a lossless syntax is not flagged lossy').toBe(false);
    expect(mismatches(fa[i].pixels, fb[i].pixels), `differing samples in frame ${i}`).toBe(0);
  }
}

describe.runIf(HAS_SHARED)('decodeFrame: lossless transfer syntaxes give bit-identical pixels', () => {
  describe('dcm_qa_ts: one mosaic in nine transfer syntaxes', () => {
    it.each(['2', '3', '4', '5', '6', '7', '8', '9'])('%s.dcm equals 1.dcm (explicit VR little endian)', async (n) => {
      await expectSamePixels(['dcm_qa_ts/In', `${n}.dcm`], ['dcm_qa_ts/In', '1.dcm']);
    });

    it('1.dcm equals the dcm2niix reference volume after demosaicing (64×64×35 tiles of the 384×384 mosaic)', async () => {
      const [frame] = await decodeAllFrames('dcm_qa_ts/In', '1.dcm');
      const ref = readNiftiInt16(sharedData('dcm_qa_ts/Ref/1.nii'));
      expect(ref.dims).toEqual([64, 64, 35]);
      expect(mismatches(demosaicLikeDcm2niix(frame.pixels, 384, 64, 35), ref.voxels)).toBe(0);
    });
  });

  describe('pydicom MR_small in every lossless encoding', () => {
    it.each(['MR_small_implicit', 'MR_small_bigendian', 'MR_small_expb', 'MR_small_RLE', 'MR_small_jp2klossless', 'MR_small_jpeg_ls_lossless', 'MR_small_padded'])(
      '%s.dcm equals MR_small.dcm',
      async (name) => {
        await expectSamePixels([PD, `${name}.dcm`], [PD, 'MR_small.dcm']);
      },
    );

    it('MR_small.dcm is signed 16-bit with the values pydicom reports (range 127..2145)', async () => {
      const [frame] = await decodeAllFrames(PD, 'MR_small.dcm');
      expect(frame.pixels).toBeInstanceOf(Int16Array);
      expect(valueRange(frame.pixels)).toEqual({ min: 127, max: 2145 });
    });
  });

  it('image_dfl.dcm (deflated data set, inflated before parsing) decodes to 512×512 8-bit values', async () => {
    const [frame] = await decodeAllFrames(PD, 'image_dfl.dcm');
    expect(frame.pixels).toBeInstanceOf(Uint8Array);
    expect(frame.pixels.length).toBe(512 * 512);
    const { min, max } = valueRange(frame.pixels);
    expect(max - min).toBeGreaterThan(200);
  });

  describe('SC_rgb: 100×100 RGB colour bars', () => {
    it.each(['SC_rgb_expb.dcm'])('pydicom-data %s equals SC_rgb.dcm', async (name) => {
      await expectSamePixels([PDD, name], [PDD, 'SC_rgb.dcm']);
    });

    it.each(['SC_rgb_rle.dcm', 'SC_rgb_gdcm_KY.dcm', 'SC_rgb_jpeg_gdcm.dcm'])('pydicom %s (RLE, J2K, JPEG lossless) equals SC_rgb.dcm', async (name) => {
      await expectSamePixels([PD, name], [PDD, 'SC_rgb.dcm']);
    });

    it.each([
      // 16- and 32-bit versions were made from the 8-bit one by scaling to the full range (pydicom PR #714).
      ['SC_rgb_rle_16bit.dcm', 257, Uint16Array],
      ['SC_rgb_rle_32bit.dcm', 16843009, Uint32Array],
      ['SC_rgb_rle_2frame.dcm', 1, Uint8Array],
      ['SC_rgb_rle_16bit_2frame.dcm', 257, Uint16Array],
      ['SC_rgb_rle_32bit_2frame.dcm', 16843009, Uint32Array],
    ] as const)('%s equals SC_rgb.dcm × %i; a second frame is its inverse', async (name, scale, type) => {
      const [reference] = await decodeAllFrames(PDD, 'SC_rgb.dcm');
      const frames = await decodeAllFrames(PD, name);
      const expected = Array.from(reference.pixels, (v) => v * scale);
      expect(frames[0].pixels).toBeInstanceOf(type);
      expect(frames[0].samplesPerPixel).toBe(3);
      expect(mismatches(frames[0].pixels, expected)).toBe(0);
      if (frames.length > 1) expect(mismatches(frames[1].pixels, expected.map((v) => 255 * scale - v))).toBe(0);
    });

    it('SC_rgb_small_odd_big_endian.dcm (8-bit in a big endian OW element, odd length) equals SC_rgb_small_odd.dcm', async () => {
      await expectSamePixels([PD, 'SC_rgb_small_odd_big_endian.dcm'], [PD, 'SC_rgb_small_odd.dcm']);
    });

    it('SC_ybr_full_422_uncompressed.dcm (native YBR_FULL_422) equals its JPEG source SC_rgb_dcmtk_+eb+cy+n2.dcm', async () => {
      const [native] = await decodeAllFrames(PD, 'SC_ybr_full_422_uncompressed.dcm');
      const [jpeg] = await decodeAllFrames(PD, 'SC_rgb_dcmtk_+eb+cy+n2.dcm');
      expect(native.samplesPerPixel).toBe(3);
      expect(mismatches(native.pixels, jpeg.pixels)).toBe(0);
    });
  });

  describe('pydicom-data twins', () => {
    it('MR2_J2KR.dcm (JPEG 2000 lossless, 9 fragments) equals MR2_UNCR.dcm', async () => {
      await expectSamePixels([PDD, 'MR2_J2KR.dcm'], [PDD, 'MR2_UNCR.dcm']);
    });

    it('US1_J2KR.dcm (YBR_RCT) equals US1_UNCR.dcm (RGB), as does examples_jpeg2k.dcm', async () => {
      await expectSamePixels([PDD, 'US1_J2KR.dcm'], [PDD, 'US1_UNCR.dcm']);
      await expectSamePixels([PD, 'examples_jpeg2k.dcm'], [PDD, 'US1_UNCR.dcm']);
    });

    it('JPEG2000.dcm (reversible codestream in the lossy syntax) equals JPEG2000_UNC.dcm', async () => {
      const [j2k] = await decodeAllFrames(PD, 'JPEG2000.dcm');
      const [unc] = await decodeAllFrames(PDD, 'JPEG2000_UNC.dcm');
      expect(j2k.pixels).toBeInstanceOf(Int16Array);
      expect(mismatches(j2k.pixels, unc.pixels)).toBe(0);
    });

    it.each(['emri_small_RLE.dcm', 'emri_small_big_endian.dcm', 'emri_small_jpeg_2k_lossless.dcm', 'emri_small_jpeg_ls_lossless.dcm'])(
      '%s equals emri_small.dcm in all 10 frames',
      async (name) => {
        const frames = await decodeAllFrames(PDD, name);
        expect(frames).toHaveLength(10);
        await expectSamePixels([PDD, name], [PDD, 'emri_small.dcm']);
      },
    );

    it('color-pl.dcm (planar configuration 1) equals color-px.dcm (interleaved)', async () => {
      await expectSamePixels([PDD, 'color-pl.dcm'], [PDD, 'color-px.dcm']);
    });

    it('dwv nema-nm1_j2kr.dcm (JPEG 2000) equals nema-nm1_jpll.dcm (JPEG lossless)', async () => {
      await expectSamePixels([DWV, 'nema-nm1_j2kr.dcm'], [DWV, 'nema-nm1_jpll.dcm']);
    });

    it.each(['rtdose_expb.dcm', 'rtdose_rle.dcm'])('pydicom %s (32-bit, 15 frames) equals rtdose.dcm', async (name) => {
      await expectSamePixels([PD, name], [PD, 'rtdose.dcm']);
    });
  });

  describe('1-bit segmentations (DICOM SEG)', () => {
    it.each(['liver_deflate.dcm', 'liver_expb.dcm', 'liver_j2k.dcm', 'liver_rle.dcm'])('%s equals liver.dcm in all 3 frames', async (name) => {
      await expectSamePixels([PDD, name], [PDD, 'liver.dcm']);
    });

    it.each(['liver_nonbyte_aligned_deflate.dcm', 'liver_nonbyte_aligned_j2k.dcm', 'liver_nonbyte_aligned_rle.dcm'])(
      '%s equals liver_nonbyte_aligned.dcm (510×510: frames start mid-byte)',
      async (name) => {
        await expectSamePixels([PDD, name], [PDD, 'liver_nonbyte_aligned.dcm']);
      },
    );

    it('liver.dcm unpacks to 0/1 bytes with the 107 098 foreground voxels of dcmqi liver_seg.nrrd', async () => {
      const frames = await decodeAllFrames(PDD, 'liver.dcm');
      let foreground = 0;
      for (const frame of frames) {
        expect(frame.pixels).toBeInstanceOf(Uint8Array);
        expect(valueRange(frame.pixels).max).toBe(1);
        for (const v of frame.pixels) foreground += v;
      }
      expect(foreground).toBe(107098);
    });

    it('liver_nonbyte_aligned.dcm is the top-left 510×510 crop of liver.dcm in every frame', async () => {
      const full = await decodeAllFrames(PDD, 'liver.dcm');
      const cropped = await decodeAllFrames(PDD, 'liver_nonbyte_aligned.dcm');
      for (let k = 0; k < 3; k++) {
        const crop = new Uint8Array(510 * 510);
        for (let r = 0; r < 510; r++) crop.set(full[k].pixels.subarray(r * 512, r * 512 + 510) as Uint8Array, r * 510);
        expect(mismatches(cropped[k].pixels, crop), `frame ${k}`).toBe(0);
      }
    });

    it.each(['liver_1frame.dcm', 'liver_expb_1frame.dcm'])('pydicom %s equals the first frame of liver.dcm', async (name) => {
      const [single] = await decodeAllFrames(PD, name);
      const [first] = await decodeAllFrames(PDD, 'liver.dcm');
      expect(mismatches(single.pixels, first.pixels)).toBe(0);
    });
  });

  describe('value ranges of codec edge cases', () => {
    it('JLSL_08_07_0_1F.dcm (JPEG-LS, 7 bits stored in 8) stays within 0..127', async () => {
      const [frame] = await decodeAllFrames(PDD, 'JLSL_08_07_0_1F.dcm');
      expect(frame.pixels).toBeInstanceOf(Uint8Array);
      const { min, max } = valueRange(frame.pixels);
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThanOrEqual(127);
      expect(max - min).toBeGreaterThan(64);
    });

    it('JLSL_16_15_1_1F.dcm (JPEG-LS, signed 15 bits) is sign-extended into -16384..16383 with negative values', async () => {
      const [frame] = await decodeAllFrames(PDD, 'JLSL_16_15_1_1F.dcm');
      expect(frame.pixels).toBeInstanceOf(Int16Array);
      const { min, max } = valueRange(frame.pixels);
      expect(min).toBeGreaterThanOrEqual(-16384);
      expect(min).toBeLessThan(0);
      expect(max).toBeLessThanOrEqual(16383);
    });

    it('JPGLosslessP14SV1_1s_1f_8b.dcm decodes to 768×1024 8-bit values using the full 0..255 range', async () => {
      const [frame] = await decodeAllFrames(PDD, 'JPGLosslessP14SV1_1s_1f_8b.dcm');
      expect(frame.pixels).toBeInstanceOf(Uint8Array);
      expect(frame.pixels.length).toBe(768 * 1024);
      expect(valueRange(frame.pixels)).toEqual({ min: 0, max: 255 });
    });

    it('parametric_map_float.dcm (Float Pixel Data) decodes to Float32 values in 0..1', async () => {
      const fixture = loadDicomFixture(PDD, 'parametric_map_float.dcm');
      expect(fixture.desc.floatPixelData).toBe(true);
      const frame = await decodeFixtureFrame(fixture);
      expect(frame.pixels).toBeInstanceOf(Float32Array);
      const { min, max } = valueRange(frame.pixels);
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeLessThanOrEqual(1);
      expect(max).toBeGreaterThan(0.5);
    });

    it('examples_palette.dcm (PALETTE COLOR, 16-bit LUT) maps indices to 16-bit RGB', async () => {
      const [frame] = await decodeAllFrames(PD, 'examples_palette.dcm');
      expect(frame.samplesPerPixel).toBe(3);
      expect(frame.pixels).toBeInstanceOf(Uint16Array);
      expect(frame.pixels.length).toBe(350 * 800 * 3);
    });
  });
});
