import { describe, expect, it } from 'vitest';
import { loadDicom, scanDicom, type DicomSource } from '../../src/index.ts';
import { axialStack, syntheticSeries, type SyntheticSlice } from '../util/syntheticSeries.ts';

const codes = (ws: { code: string }[]) => ws.map((w) => w.code);
const withExtra = (slices: SyntheticSlice[], extra: (k: number) => Record<string, unknown>) => slices.map((s, k) => ({ ...s, extra: { ...s.extra, ...extra(k) } }));

describe('geometry that is noisy, missing or broken', () => {
  it('keeps one volume when orientation cosines carry rounding noise around zero (±1e-17)', async () => {
    const slices = withExtra(axialStack(4), (k) => ({ ImageOrientationPatient: [1, k % 2 ? 1e-17 : -1e-17, 0, 0, 1, 0] }));
    const { series, warnings } = await loadDicom(syntheticSeries(slices));
    expect(series).toHaveLength(1);
    expect(series[0].volumes[0].dimensions).toEqual([4, 4, 4]);
    expect(codes(warnings)).not.toContain('MIXED_ORIENTATIONS');
  });

  it('stacks slices without Image Position/Orientation by Instance Number, with a MISSING_GEOMETRY warning', async () => {
    const slices = withExtra(axialStack(4).reverse(), () => ({ ImagePositionPatient: undefined, ImageOrientationPatient: undefined }));
    const { series } = await loadDicom(syntheticSeries(slices));
    expect(series).toHaveLength(1);
    const v = series[0].volumes;
    expect(v).toHaveLength(1);
    expect(v[0].dimensions).toEqual([4, 4, 4]);
    expect(Array.from({ length: 4 }, (_, k) => v[0].voxels[k * 16])).toEqual([1, 2, 3, 4]); // value = Instance Number
    expect(v[0].meta.warnings.find((w) => w.code === 'MISSING_GEOMETRY')?.message).toMatch(/Position \(Patient\) missing.*stacked by instance number, 2 mm apart/);
  });

  it('treats an all-zero orientation as missing geometry instead of building a singular matrix', async () => {
    const slices = withExtra(axialStack(3), () => ({ ImageOrientationPatient: [0, 0, 0, 0, 0, 0] }));
    const { series } = await loadDicom(syntheticSeries(slices));
    const v = series[0].volumes[0];
    expect(v.dimensions).toEqual([4, 4, 3]);
    expect(v.meta.warnings.find((w) => w.code === 'MISSING_GEOMETRY')?.message).toMatch(/not two orthogonal unit vectors/);
    expect(Math.abs(v.indexToWorld[0] * v.indexToWorld[5] * v.indexToWorld[10])).toBeGreaterThan(0);
  });

  it('assumes 1 mm and says so when Pixel Spacing is 0', async () => {
    const slices = withExtra(axialStack(3), () => ({ PixelSpacing: [0, 0] }));
    const v = (await loadDicom(syntheticSeries(slices))).series[0].volumes[0];
    expect([v.indexToWorld[0], v.indexToWorld[5]]).toEqual([1, 1]);
    expect(v.meta.warnings.find((w) => w.code === 'MISSING_GEOMETRY')?.message).toMatch(/Pixel Spacing missing or not positive: 1 mm assumed/);
  });
});

describe('4D series with a time point missing at one position', () => {
  it('matches time points by Trigger Time, never by rank, and keeps those present everywhere', async () => {
    const slices = [0, 1, 2].flatMap((k) => [100, 200, 300].filter((tt) => !(k === 1 && tt === 200)).map((tt) => ({
      positionLps: [0, 0, 2 * k] as [number, number, number], instanceNumber: k * 10 + tt / 100, triggerTime: tt, value: tt + k,
    })));
    const vols = (await loadDicom(syntheticSeries(slices))).series[0].volumes;
    expect(vols.map((v) => [0, 1, 2].map((k) => v.voxels[k * 16]))).toEqual([[100, 101, 102], [300, 301, 302]]);
    expect(vols[0].meta.warnings.find((w) => w.code === 'REPEATED_POSITIONS')?.message).toMatch(/kept the 2 time point\(s\) present at every position, matched by TriggerTime/);
  });
});

describe('pixel formats that differ from the first slice', () => {
  it('keeps a signed slice negative when the first slice of the series is unsigned', async () => {
    const slices = axialStack(2).map((s, k) => ({
      ...s, extra: k === 1 ? { PixelRepresentation: 1, PixelData: new Int16Array(16).fill(-7).buffer } : {},
    }));
    const v = (await loadDicom(syntheticSeries(slices))).series[0].volumes[0];
    expect([v.voxels[0], v.voxels[16]]).toEqual([1, -7]);
  });

  it('PALETTE COLOR with 16-bit lookup tables gives 16-bit RGB, not zeros', async () => {
    const red = new Uint16Array([0, 65535, 1000, 0]), green = new Uint16Array([0, 0, 2000, 65535]), blue = new Uint16Array([0, 0, 3000, 0]);
    const slices = axialStack(2).map((s) => ({
      ...s,
      extra: {
        PhotometricInterpretation: 'PALETTE COLOR', BitsAllocated: 8, BitsStored: 8, HighBit: 7,
        PixelData: new Uint8Array([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]).buffer, _vrMap: { PixelData: 'OB' },
        RedPaletteColorLookupTableDescriptor: [4, 0, 16], GreenPaletteColorLookupTableDescriptor: [4, 0, 16], BluePaletteColorLookupTableDescriptor: [4, 0, 16],
        RedPaletteColorLookupTableData: red.buffer, GreenPaletteColorLookupTableData: green.buffer, BluePaletteColorLookupTableData: blue.buffer,
      },
    }));
    const { series, rejected, failed } = await loadDicom(syntheticSeries(slices));
    expect([rejected, failed]).toEqual([[], []]);
    const v = series[0].volumes[0];
    expect(v.components).toBe(3);
    expect(v.voxels).toBeInstanceOf(Uint16Array);
    expect(Array.from(v.voxels.subarray(0, 12))).toEqual([0, 0, 0, 65535, 0, 0, 1000, 2000, 3000, 0, 65535, 0]);
  });
});

describe('hostile headers', () => {
  it('rejects a Number of Frames the pixel data cannot hold, without allocating it', async () => {
    const [src] = syntheticSeries([{ ...axialStack(1)[0], extra: { NumberOfFrames: 2_000_000_000 } }]);
    const scan = await scanDicom([src]);
    expect(scan.rejected.map((r) => r.code)).toEqual(['VOXA_ERR_DICOM_BAD_VALUE']);
    expect(scan.rejected[0].reason).toMatch(/\(0028,0008\) NumberOfFrames/);
  });

  it('a file that disappears between the header and pixel passes fails its series only', async () => {
    const other = syntheticSeries(axialStack(2).map((x) => ({ ...x, seriesInstanceUid: '2.25.55' })), 'other');
    const [first, second] = syntheticSeries(axialStack(2).map((x, k) => ({ ...x, sopInstanceUid: `2.25.66${k}` })), 'gone');
    let reads = 0;
    const vanishing: DicomSource = {
      name: second.name,
      read: async () => {
        if (reads++ === 0) return second.read(); // the header pass sees it
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${second.name}'`), { code: 'ENOENT' });
      },
    };
    const { series, failed } = await loadDicom([...other, first, vanishing]);
    expect(series.map((x) => x.volumes[0].meta.seriesInstanceUid)).toEqual(['2.25.55']);
    expect(failed.map((f) => [f.code, f.files])).toEqual([['VOXA_ERR_FILE_READ', ['gone000.dcm', 'gone001.dcm']]]);
  });
});
