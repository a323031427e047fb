import { describe, expect, it } from 'vitest';
import { loadDicom, transformPoint } from '../../src/index.ts';
import { axialStack, syntheticSeries } from '../util/syntheticSeries.ts';

const codes = (ws: { code: string }[]) => ws.map((w) => w.code);

describe('series → volumes findings (synthetic series)', () => {
  it('sorts slices along the normal whatever the file order, values following their slice', async () => {
    const slices = axialStack(5).reverse();
    const { series } = await loadDicom(syntheticSeries(slices));
    const v = series[0].volumes[0];
    expect(Array.from({ length: 5 }, (_, k) => v.voxels[k * 16])).toEqual([1, 2, 3, 4, 5]);
    expect(transformPoint(v.indexToWorld, [0, 0, 4])).toEqual([0, 0, 8]);
    expect(codes(v.meta.warnings)).toEqual([]);
  });

  it('reports a missing slice with the two files around the gap', async () => {
    const slices = axialStack(6).filter((s) => s.instanceNumber !== 4);
    const { series } = await loadDicom(syntheticSeries(slices));
    const w = series[0].volumes[0].meta.warnings.find((x) => x.code === 'MISSING_SLICES');
    expect(w?.message).toMatch(/^1 slice\(s\) missing: gaps of 4\.000 mm where the step is 2\.000 mm/);
    expect(w?.files).toEqual(['syn002.dcm', 'syn003.dcm']);
  });

  it('splits a series with two orientations into two volumes and says so', async () => {
    const axial = axialStack(3);
    const coronal = [0, 1, 2].map((k) => ({ positionLps: [0, 10 + 2 * k, 0] as [number, number, number], orientation: [1, 0, 0, 0, 0, -1] as [number, number, number, number, number, number], instanceNumber: 10 + k }));
    const { series, warnings } = await loadDicom(syntheticSeries([...axial, ...coronal]));
    expect(series).toHaveLength(2);
    expect(codes(warnings)).toContain('MIXED_ORIENTATIONS');
    expect(series.map((s) => s.volumes[0].dimensions[2]).sort()).toEqual([3, 3]);
  });

  it('flags a localizer (Image Type LOCALIZER) as not a diagnostic volume', async () => {
    const scout = syntheticSeries([{ positionLps: [0, 0, 0], instanceNumber: 1, imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'], seriesInstanceUid: '2.25.9' }], 'scout');
    const { series } = await loadDicom(scout);
    expect(codes(series[0].volumes[0].meta.warnings)).toContain('LOCALIZER');
  });

  it('ignores a second copy of the same SOP instance and names both files', async () => {
    const src = syntheticSeries(axialStack(3));
    const copy = { name: 'copy.dcm', read: src[1].read };
    const { series, warnings } = await loadDicom([...src, copy]);
    expect(series[0].volumes[0].dimensions).toEqual([4, 4, 3]);
    expect(warnings.find((w) => w.code === 'DUPLICATE_INSTANCE')?.files).toEqual(['syn001.dcm', 'copy.dcm']);
  });

  it('splits repeated positions into time points ordered by Trigger Time (cardiac phases)', async () => {
    const slices = [0, 1, 2].flatMap((k) => [300, 100, 200].map((tt, p) => ({
      positionLps: [0, 0, 2 * k] as [number, number, number], instanceNumber: 1 + k * 3 + p, triggerTime: tt, value: tt + k,
    })));
    const { series } = await loadDicom(syntheticSeries(slices));
    const vols = series[0].volumes;
    expect(vols).toHaveLength(3);
    expect(vols.map((v) => v.voxels[0])).toEqual([100, 200, 300]);
    expect(vols.map((v) => v.voxels[2 * 16])).toEqual([102, 202, 302]);
    expect(vols[0].meta.timeLabel).toBe('TriggerTime #1');
    expect(codes(vols[0].meta.warnings)).toContain('REPEATED_POSITIONS');
  });
});
