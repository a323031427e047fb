import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transformPoint } from '../../src/math/Mat4.ts';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { baselineToTimePoint } from '../../src/phantom/followUpMotion.ts';
import { voxelsInSphere } from '../../src/measure/sphereVoxels.ts';
import { sulFactorOf } from '../../src/measure/sulFactor.ts';
import { generatePhantomPet } from '../../src/phantom/generatePhantomPet.ts';
import { phantomUids } from '../../src/phantom/phantomUids.ts';
import { PHANTOM_LABEL } from '../../src/phantom/phantomLabels.ts';
import { PHANTOM_LESIONS } from '../../src/phantom/phantomLesions.ts';
import { resolvePhantomOptions } from '../../src/phantom/PhantomOptions.ts';
import { PHANTOM_LESION_SUV, PHANTOM_LIVER_REFERENCE_LPS } from '../../src/phantom/phantomPetUptake.ts';
import { encodePhantomPetSlice, phantomPetActivity, phantomPetSeriesInfo } from '../../src/phantom/phantomPetDicom.ts';
import { petRescaleSlope } from '../../src/dicom/write/encodePetSlice.ts';
import { loadDicom } from '../../src/series/loadDicom.ts';
import type { DicomSource } from '../../src/series/DicomSource.ts';
import { dciodvfy, hasDciodvfy } from '../segmentation/io/segPeers.ts';

/** A 80 kg, 1.78 m man: Janmahasatian LBM = 9270 · 80 / (6680 + 216 · 80/1.78²) = 60.63 kg, SUL factor 0.7579. */
const SUL_FACTOR = 9270 / (6680 + 216 * (80 / 1.78 ** 2));

describe('generatePhantomPet', () => {
  const pets = [0, 1, 2].map((i) => generatePhantomPet(i, { size: 'small' }));

  it('is the CT time point\'s patient, study and frame of reference on its own 4 mm grid', () => {
    for (const p of pets) {
      const ct = phantomUids(resolvePhantomOptions({ size: 'small' }), p.index);
      expect(p.pet.meta.frameOfReferenceUid).toBe(ct.frameOfReferenceUid);
      expect(p.pet.meta.studyInstanceUid).toBe(ct.studyInstanceUid);
      expect(p.pet.meta.seriesInstanceUid).not.toBe(ct.seriesInstanceUid);
      expect(p.pet.units).toBe('SUVbw');
      expect(p.pet.dimensions).toEqual([90, 90, 113]); // ⌈358.4 / 4⌉, ⌈450 / 4⌉
    }
  });

  it('gives SUL factor LBM/weight for the 80 kg, 1.78 m man, as sulFactorOf reads it back', () => {
    for (const p of pets) {
      expect(p.truth.sulFactor).toBeCloseTo(SUL_FACTOR, 10);
      const s = sulFactorOf(p.pet);
      expect(s.available && s.factor).toBeCloseTo(SUL_FACTOR, 10);
    }
  });

  it('fills every lesion present with exactly its designed SUV, which is the hottest value in the PET', () => {
    for (const p of pets) {
      expect(p.truth.lesions.map((l) => l.id)).toEqual(PHANTOM_LESIONS.filter((l) => l.firstTimePoint <= p.index).map((l) => l.id));
      for (const l of p.truth.lesions) {
        const labelId = PHANTOM_LESIONS.find((s) => s.id === l.id)!.labelId;
        expect(l.suvMax).toBe(PHANTOM_LESION_SUV[l.id][p.index]);
        let inside = 0, off = 0;
        for (let n = 0; n < p.labels.length; n++) {
          if (p.labels[n] !== labelId) continue;
          inside++;
          if (p.pet.voxels[n] !== Math.fround(l.suvMax)) off++;
        }
        expect(inside).toBeGreaterThan(0);
        expect(off).toBe(0); // every voxel is the float32 of the design
      }
      let max = 0;
      for (const x of p.pet.voxels) max = Math.max(max, x);
      expect(max).toBeCloseTo(Math.max(...p.truth.lesions.map((l) => l.suvMax)), 6);
    }
  });

  it('gives the designed PERCIST story: hottest lesion −30 % or more at time point 1, a new lesion at time point 2', () => {
    const hottest = pets.map((p) => Math.max(...p.truth.lesions.map((l) => l.sulMax)));
    expect((hottest[1] - hottest[0]) / hottest[0]).toBeLessThanOrEqual(-0.3);
    expect(hottest[0] - hottest[1]).toBeGreaterThanOrEqual(0.8);
    expect(pets[2].truth.lesions.filter((l) => l.id === 'liver-2')).toHaveLength(1);
  });

  it('puts the PERCIST liver sphere (3 cm) wholly in normal liver at every time point', () => {
    for (const p of pets) {
      const voxels = voxelsInSphere(p.pet.dimensions, p.pet.indexToWorld, p.truth.liverReferenceLps, 15);
      expect(voxels.length).toBeGreaterThan(100); // 14 137 mm³ / 64 mm³ ≈ 221
      for (const n of voxels) expect(p.labels[n]).toBe(PHANTOM_LABEL.liver);
    }
    // Carried by the patient's motion: baseline point → this time point's LPS.
    expect(pets[1].truth.liverReferenceLps).toEqual(transformPoint(baselineToTimePoint(1), [...PHANTOM_LIVER_REFERENCE_LPS] as Vec3));
  });

  it('round-trips through PET DICOM (BQML) and loadDicom to the designed SUVbw within 1e-3 relative', async () => {
    const p = pets[2];
    const activity = phantomPetActivity(p);
    const info = { ...phantomPetSeriesInfo(p), rescaleSlope: petRescaleSlope(activity) };
    const files = Array.from({ length: p.pet.dimensions[2] }, (_, k) => encodePhantomPetSlice(p, activity, k, info));
    const sources: DicomSource[] = files.map((bytes, k) => ({ name: `PT/IM${k + 1}.dcm`, read: async () => bytes }));
    const { series } = await loadDicom(sources);
    expect(series).toHaveLength(1);
    const [v] = series[0].volumes;
    expect(v.meta.warnings.map((w) => w.code)).toEqual([]);
    expect(v.units).toBe('SUVbw');
    expect(v.meta.frameOfReferenceUid).toBe(p.pet.meta.frameOfReferenceUid);
    Array.from(v.indexToWorld).forEach((x, n) => expect(x).toBeCloseTo(p.pet.indexToWorld[n], 4));
    let worst = 0, airNonZero = 0;
    for (let n = 0; n < v.voxels.length; n++) {
      const want = p.pet.voxels[n];
      if (want === 0) airNonZero += v.voxels[n] === 0 ? 0 : 1;
      else worst = Math.max(worst, Math.abs(v.voxels[n] / want - 1));
    }
    expect(airNonZero).toBe(0);
    // Half a uint16 step of the series max (liver-2, SUV 8) over the smallest non-zero SUV (fat, 0.3): ≤ 8 / 131070 / 0.3 = 2.0e-4.
    expect(worst).toBeLessThan(1e-3);
    const s = sulFactorOf(v);
    expect(s.available && s.factor).toBeCloseTo(SUL_FACTOR, 10);
    if (hasDciodvfy()) {
      const path = join(mkdtempSync(join(tmpdir(), 'voxa-phantom-pet-')), 'pt.dcm');
      writeFileSync(path, files[60]);
      const r = dciodvfy(path);
      expect(r.errors, r.output).toEqual([]);
    }
  });
});
