import { describe, expect, it } from 'vitest';
import { HAS_SHARED, sharedData } from '../../util/shared.ts';
import { decodeAllFrames, mismatches, valueRange } from './loadDicomFixture.ts';
import { demosaicLikeDcm2niix, readNiftiInt16 } from './referenceVolume.ts';

const QA = 'dcm_qa_12bit/In';

describe.runIf(HAS_SHARED)('decodeFrame: Bits Stored masking and sign extension at High Bit', () => {
  it.each([
    ['12bitUnsigned.dcm', '2.nii', Uint16Array],
    ['12bitUnsigned_0x0F0F.dcm', '3.nii', Uint16Array],
    ['12bitSigned_0x0F0F.dcm', '4.nii', Int16Array],
  ] as const)('%s equals the dcm2niix reference %s voxel for voxel', async (name, ref, type) => {
    const [frame] = await decodeAllFrames(QA, name);
    expect(frame.pixels).toBeInstanceOf(type);
    const reference = readNiftiInt16(sharedData('dcm_qa_12bit/Ref', ref));
    expect(mismatches(demosaicLikeDcm2niix(frame.pixels, 384, 64, 35), reference.voxels)).toBe(0);
  });

  it('12bitUnsigned.dcm has garbage above bit 11 (402 raw values such as 0x1111) that masking removes: 0..2908', async () => {
    const [frame] = await decodeAllFrames(QA, '12bitUnsigned.dcm');
    expect(valueRange(frame.pixels)).toEqual({ min: 0, max: 2908 });
  });

  it('the 0x0F0F files differ from the original only on their stripes (3855 = 0x0F0F, 4095 = 0xFFFF masked)', async () => {
    const [original] = await decodeAllFrames(QA, '12bitUnsigned.dcm');
    const [striped] = await decodeAllFrames(QA, '12bitUnsigned_0x0F0F.dcm');
    const stripeValues = new Set<number>();
    for (let i = 0; i < original.pixels.length; i++) {
      if (original.pixels[i] !== striped.pixels[i]) stripeValues.add(striped.pixels[i]);
    }
    expect([...stripeValues].sort((a, b) => a - b)).toEqual([3855, 4095]);
  });

  it('the signed file is the unsigned striped file read as two’s complement 12-bit (sign bit 11)', async () => {
    const [unsigned] = await decodeAllFrames(QA, '12bitUnsigned_0x0F0F.dcm');
    const [signed] = await decodeAllFrames(QA, '12bitSigned_0x0F0F.dcm');
    const expected = Array.from(unsigned.pixels, (v) => (v >= 2048 ? v - 4096 : v));
    expect(mismatches(signed.pixels, expected)).toBe(0);
    expect(valueRange(signed.pixels)).toEqual({ min: -2048, max: 2047 });
  });

  it('gdcm-CR-MONO1-10-chest.dcm (MONOCHROME1, 10 bits stored) stays within 0..1023 and is not inverted', async () => {
    const [frame] = await decodeAllFrames('dwv/tests/data', 'gdcm-CR-MONO1-10-chest.dcm');
    expect(frame.pixels).toBeInstanceOf(Uint16Array);
    const { min, max } = valueRange(frame.pixels);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(1023);
    // The stored values of this file span 0..979; an inverted image would start at 1023 − 979 = 44.
    expect({ min, max }).toEqual({ min: 0, max: 979 });
  });
});
