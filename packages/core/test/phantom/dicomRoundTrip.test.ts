import { describe, expect, it } from 'vitest';
import {
  encodePhantomSlice, generatePhantomTimePoint, loadDicom, phantomCtSeriesInfo, phantomSliceFileName,
  voxelVolumeMm3, type DicomSource,
} from '../../src/index.ts';

describe('phantom DICOM round trip through the reader', () => {
  it.each([0, 2])('time point %i: DICOM → volume equals the generated HU voxels and grid exactly', async (index) => {
    const tp = generatePhantomTimePoint(index, { size: 'small' });
    const info = phantomCtSeriesInfo(tp);
    const nz = tp.ct.dimensions[2];
    // Shuffle the files: the reader must sort by position, not by name or order given.
    const order = Array.from({ length: nz }, (_, k) => (k * 37) % nz);
    const sources: DicomSource[] = order.map((k) => {
      const bytes = encodePhantomSlice(tp, k, info);
      return { name: `tp${index}/${phantomSliceFileName(k)}`, read: async () => bytes };
    });
    const { series, rejected } = await loadDicom(sources);
    expect(rejected).toEqual([]);
    expect(series).toHaveLength(1);
    const [v] = series[0].volumes;
    expect(v.meta.warnings.map((w) => w.code)).toEqual([]);
    expect(v.units).toBe('HU');
    expect(v.dimensions).toEqual(tp.ct.dimensions);
    Array.from(v.indexToWorld).forEach((x, n) => expect(x).toBeCloseTo(tp.ct.indexToWorld[n], 4)); // DS strings keep ≥ 6 significant digits
    expect(v.voxels).toBeInstanceOf(Int16Array);
    let differing = 0;
    for (let n = 0; n < v.voxels.length; n++) if (v.voxels[n] !== tp.ct.voxels[n]) differing++;
    expect(differing).toBe(0);
  });

  it('ground-truth lesion volumes equal voxel count × voxel volume of the label map', () => {
    const tp = generatePhantomTimePoint(1, { size: 'small' });
    const counts = new Map<number, number>();
    for (const l of tp.labels.voxels) counts.set(l, (counts.get(l) ?? 0) + 1);
    for (const lesion of tp.truth.lesions) {
      expect(lesion.voxelCount).toBe(counts.get(lesion.labelId));
      expect(lesion.labelVolumeMm3).toBeCloseTo(lesion.voxelCount * voxelVolumeMm3(tp.labels), 6);
    }
  });
});
