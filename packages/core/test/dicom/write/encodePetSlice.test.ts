import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { encodePetSlice, PET_IMAGE_STORAGE, type PetSeriesInfo } from '../../../src/dicom/write/encodePetSlice.ts';
import { mat4FromColumns } from '../../../src/math/Mat4.ts';
import { loadDicom } from '../../../src/series/loadDicom.ts';
import type { DicomSource } from '../../../src/series/DicomSource.ts';
import { createVolume } from '../../../src/volume/Volume.ts';
import { thrownMessage } from '../../util/thrown.ts';
import { dciodvfy, hasDciodvfy } from '../../segmentation/io/segPeers.ts';
import { sulFactorFromBody } from '../../../src/measure/sulFactor.ts';

const HAS_DCIODVFY = hasDciodvfy();

/** A 70 kg patient, 300 MBq at 10:00, scan at 11:00: decayed dose 300e6 · 2^(−3600/6586.2) = 205.35 MBq. */
const INFO: PetSeriesInfo = {
  patientName: 'TEST^PET', patientId: 'PET-1', patientSex: 'F', patientSizeM: 1.65, patientWeightKg: 70,
  studyInstanceUid: '2.25.1', studyDate: '20240108', studyTime: '100000', studyId: '1',
  seriesInstanceUid: '2.25.2', seriesNumber: 3, seriesDate: '20240108', seriesTime: '110000',
  frameOfReferenceUid: '2.25.3', manufacturer: 'Voxa test', injectionTime: '100000', injectedDoseBq: 300e6,
};
const BQML_PER_SUV = (300e6 * 2 ** (-3600 / 6586.2)) / 70000;

/** An 8 × 6 × 5 volume of SUVs 0 … 14.7 (a zero slice included), in Bq/ml. */
function activity() {
  const suv = new Float32Array(8 * 6 * 5).map((_, n) => (n < 48 ? 0 : ((n * 7) % 50) * 0.3));
  const voxels = suv.map((s) => s * BQML_PER_SUV);
  return { suv, volume: createVolume({ dimensions: [8, 6, 5], voxels, indexToWorld: mat4FromColumns([4, 0, 0], [0, 4, 0], [0, 0, 4], [-14, -10, -8]), units: 'BQML' }) };
}

describe('encodePetSlice', () => {
  const { suv, volume } = activity();
  const files = Array.from({ length: 5 }, (_, k) => encodePetSlice(volume, k, INFO, `2.25.2.${k + 1}`));

  it('writes PET Image Storage in BQML with decay correction START and the isotope sequence', () => {
    const ds = dicomParser.parseDicom(files[1]);
    expect(ds.string('x00080016')).toBe(PET_IMAGE_STORAGE);
    expect(ds.string('x00080060')).toBe('PT');
    expect(ds.string('x00541001')).toBe('BQML');
    expect(ds.string('x00541102')).toBe('START');
    expect(ds.string('x00280051')).toContain('DECY');
    const rp = ds.elements.x00540016.items![0].dataSet!;
    expect(rp.floatString('x00181075')).toBe(6586.2); // F-18
    expect(rp.floatString('x00181074')).toBe(300e6);
    expect(rp.string('x00181072')).toBe('100000');
    expect([ds.floatString('x00101030'), ds.floatString('x00101020'), ds.string('x00100040')]).toEqual([70, 1.65, 'F']);
    expect(ds.uint16('x00280103')).toBe(0); // unsigned, one Rescale Slope for the series
  });

  it('reads back through loadDicom as the SUVbw it was made from, within 1e-3 relative', async () => {
    const sources: DicomSource[] = files.map((bytes, k) => ({ name: `PT${k}.dcm`, read: async () => bytes }));
    const { series } = await loadDicom(sources);
    const [v] = series[0].volumes;
    expect(v.meta.warnings.map((w) => w.code)).toEqual([]);
    expect(v.units).toBe('SUVbw');
    expect(v.dimensions).toEqual([8, 6, 5]);
    let worst = 0;
    for (let n = 0; n < suv.length; n++) {
      if (suv[n] === 0) expect(v.voxels[n]).toBe(0);
      else worst = Math.max(worst, Math.abs(v.voxels[n] / suv[n] - 1));
    }
    // uint16 quantisation: half a step of the series max / 65535, i.e. ≤ 14.7 / 131070 / 0.3 = 3.7e-4 for the smallest non-zero SUV.
    expect(worst).toBeLessThan(1e-3);
    expect(v.meta.extra).toMatchObject({ patientSex: 'F', patientHeightM: 1.65, patientWeightKg: 70 });
    // The woman's Janmahasatian lean body mass over her weight (checked by hand in leanBodyMass.test.ts).
    const expected = sulFactorFromBody({ sex: 'F', heightM: 1.65, weightKg: 70 });
    expect(expected.available).toBe(true);
    expect(v.meta.extra!.sulFactor).toBeCloseTo(expected.available ? expected.factor : NaN, 9);
  });

  it.runIf(HAS_DCIODVFY)('passes dciodvfy without errors', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'voxa-pet-')), 'pt.dcm');
    writeFileSync(path, files[2]);
    const r = dciodvfy(path);
    expect(r.errors, r.output).toEqual([]);
  });

  it('refuses a volume that is not in Bq/ml, naming the series', () => {
    const wrong = { ...volume, units: 'SUVbw' };
    expect(thrownMessage(() => encodePetSlice(wrong, 0, INFO, '2.25.9'))).toMatch(/BQML, not SUVbw.*uid 2\.25\.2\b/s);
  });
});
