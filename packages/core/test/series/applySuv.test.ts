import { describe, expect, it } from 'vitest';
import { loadDicom, sulFactorOf, type DicomSource } from '../../src/index.ts';
import { syntheticSeries } from '../util/syntheticSeries.ts';

/** A tiny PET series (our DICOM writer): 3 slices of 4×4, stored × 2.5 = Bq/ml; `body` adds e.g. PatientSex, PatientSize. */
function petSeries(weightKg: number | undefined, zMm = [0, 4, 8], body: Record<string, unknown> = {}): DicomSource[] {
  return syntheticSeries(zMm.map((z, k) => ({
    positionLps: [0, 0, z],
    instanceNumber: k + 1,
    extra: {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.128',
      Modality: 'PT',
      PatientWeight: weightKg,
      SeriesDate: '20240101',
      SeriesTime: '120000',
      AcquisitionDate: '20240101',
      AcquisitionTime: '120000',
      Units: 'BQML',
      DecayCorrection: 'START',
      CorrectedImage: ['ATTN', 'DECY'],
      RadiopharmaceuticalInformationSequence: [{ RadiopharmaceuticalStartTime: '110000', RadionuclideTotalDose: 370e6, RadionuclideHalfLife: 6586.2 }],
      PixelRepresentation: 1,
      RescaleSlope: 2.5,
      RescaleIntercept: 0,
      PixelData: new Int16Array(16).map((_, n) => 100 * (k + 1) + n).buffer,
      ...body,
    },
  })), 'pet');
}

describe('PET body-weight SUV', () => {
  it('converts Bq/ml to SUVbw: value × weight[g] / (dose decayed from injection to series start)', async () => {
    const { series, rejected } = await loadDicom(petSeries(70));
    expect(rejected).toEqual([]);
    const v = series[0].volumes[0];
    expect(v.units).toBe('SUVbw');
    // QIBA/PS3.3 C.8.9.1: decay correction START → decay from injection (11:00) to series time (12:00).
    const factor = 70_000 / (370e6 * 2 ** (-3600 / 6586.2));
    for (let k = 0; k < 3; k++)
      for (let n = 0; n < 16; n++) expect(v.voxels[k * 16 + n]).toBeCloseTo((100 * (k + 1) + n) * 2.5 * factor, 4);
  });

  it("keeps Bq/ml and warns SUV_UNAVAILABLE naming the missing attribute when Patient's Weight is absent", async () => {
    const { series } = await loadDicom(petSeries(undefined));
    const v = series[0].volumes[0];
    expect(v.units).toBe('BQML');
    const w = v.meta.warnings.find((x) => x.code === 'SUV_UNAVAILABLE');
    expect(w?.message).toContain("Patient's Weight (0010,1030)");
    expect(v.voxels[0]).toBeCloseTo(100 * 2.5, 6);
  });

  it('computes SUV on the acquired slices before --even-spacing resamples them (no NaN in added slices)', async () => {
    const { series } = await loadDicom(petSeries(70, [0, 4, 12]), { evenSpacing: true });
    const v = series[0].volumes[0];
    expect(v.dimensions[2]).toBe(4); // 0, 4, 8, 12 mm
    expect(v.voxels.every((x) => Number.isFinite(x))).toBe(true);
    const factor = 70_000 / (370e6 * 2 ** (-3600 / 6586.2));
    // The slice at 8 mm lies halfway between the acquired slices at 4 (k=1) and 12 (k=2) mm.
    expect(v.voxels[2 * 16]).toBeCloseTo(((200 + 300) / 2) * 2.5 * factor, 3);
  });

  it("keeps Patient's Sex (0010,0040) and Size (0010,1020) with the SUL factor LBM/weight", async () => {
    const { series } = await loadDicom(petSeries(60, [0, 4, 8], { PatientSex: 'F', PatientSize: 1.65 }));
    const v = series[0].volumes[0];
    // Janmahasatian: 9270 · 60 / (8780 + 244 · 60/1.65²) = 39.287 kg; 39.287 / 60 = 0.65478.
    expect(v.meta.extra).toMatchObject({ patientSex: 'F', patientHeightM: 1.65, patientWeightKg: 60, leanBodyMassKg: expect.closeTo(39.287, 3), sulFactor: expect.closeTo(0.65478, 5) });
    expect(sulFactorOf(v)).toMatchObject({ available: true, factor: expect.closeTo(0.65478, 5) });
  });

  it('says SUL is unavailable, naming the attributes, when sex and height are absent', async () => {
    const { series } = await loadDicom(petSeries(70));
    const v = series[0].volumes[0];
    const reason = "SUL unavailable: missing Patient's Sex (0010,0040), Patient's Size (0010,1020)";
    expect(v.meta.extra?.sulUnavailable).toBe(reason);
    expect(sulFactorOf(v)).toEqual({ available: false, reason });
  });
});
