import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createVolume, evaluatePercist, generatePhantomPet, mat4FromColumns, PEAK_SPHERE_RADIUS_MM, petSliceDataset, writePart10,
  type LesionMeasurement, type PetSeriesInfo, type ResponseInput,
} from '@voxa/core';
import { runCli } from './runCli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'voxa-track-pet-'));
/** Half the diagonal of a 4 mm PET voxel: no point is farther than this from the nearest voxel centre. */
const PET_HALF_DIAGONAL_MM = (4 * Math.sqrt(3)) / 2;

describe('voxa track --pet', () => {
  it('measures the phantom patient\'s designed SUVmax and SULpeak from its PET/CT DICOM; `voxa report --criterion percist` gives PMR, then PMD', () => {
    const dir = tmp();
    expect(runCli(['phantom', '-o', dir, '--size', 'small', '--time-points', '3']).code).toBe(0);
    const seeds = JSON.parse(readFileSync(join(dir, 'lesions.json'), 'utf8')) as { pet: string[]; liverReferenceLps: number[] };
    expect(seeds.pet).toEqual([0, 1, 2].map((i) => `dicom/tp${i}/PT`));
    const out = join(dir, 'response.json');
    const scans = [0, 1, 2].map((i) => join(dir, 'dicom', `tp${i}`, 'CT'));
    const pets = seeds.pet.flatMap((p) => ['--pet', join(dir, p)]);
    const r = runCli(['track', ...scans, ...pets, '--lesions', join(dir, 'lesions.json'), '-o', out, '--no-key-images']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scan 0 liver-1: .*SUVmax 12\.00, SULpeak/);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { input: ResponseInput; measurements: LesionMeasurement[]; pets: string[] };
    expect(doc.pets).toHaveLength(3);
    // The design, from the same phantom code (core tests check it against the label map).
    const truth = [0, 1, 2].map((i) => generatePhantomPet(i, { size: 'small' }).truth);
    const sulFactor = truth[0].sulFactor;
    const fits: string[] = [];
    for (const m of doc.measurements) {
      const design = truth[m.scan].lesions.find((l) => l.id === m.lesionId)!;
      const obs = doc.input.lesions.find((l) => l.id === m.lesionId)!.observations[m.scan]!;
      // The uint16 DICOM round trip keeps SUV within 2e-4 (core test); 1 % is the task's tolerance.
      expect(Math.abs(obs.suvMax! / design.suvMax - 1)).toBeLessThan(0.01);
      // Uniform uptake: wherever the 1 cm³ peak sphere (r 6.2 mm) fits inside the lesion for any voxel grid, SULpeak = SUVmax × LBM/weight.
      if (design.minSemiAxisMm >= PEAK_SPHERE_RADIUS_MM + PET_HALF_DIAGONAL_MM) {
        fits.push(`${m.lesionId}@${m.scan}`);
        expect(Math.abs(obs.sulPeak! / (obs.suvMax! * sulFactor) - 1)).toBeLessThan(1e-3);
      } else {
        expect(obs.sulPeak!).toBeLessThanOrEqual(obs.suvMax! * sulFactor * (1 + 1e-6));
      }
    }
    expect(fits.sort()).toEqual(['liver-1@0', 'liver-1@1', 'liver-1@2', 'lung-1@0']);
    // PERCIST's liver reference at every time point: the uniform liver, SUV 2 × LBM/weight, SD 0.
    for (const tp of doc.input.timePoints) {
      expect(tp.pet!.liverSulMean!).toBeCloseTo(2 * sulFactor, 3);
      expect(tp.pet!.liverSulSd!).toBeLessThan(1e-3);
    }
    expect(evaluatePercist(doc.input).timePoints.map((t) => t.category)).toEqual(['PMR', 'PMD']);
    const html = join(dir, 'percist.html');
    const reported = runCli(['report', out, '--criterion', 'percist', '-o', html]);
    expect(reported.code).toBe(0);
    expect(reported.stdout).toContain('PERCIST 1.0, 3 time point(s), last 2024-04-29 PMD, best overall response PMR');
    expect(readFileSync(html, 'utf8')).toMatch(/Best overall response:.*PMR/s);
  });

  it('refuses a --pet series that is not in SUVbw, naming the series and the missing DICOM attribute', () => {
    const dir = tmp();
    const pt = join(dir, 'PT');
    mkdirSync(pt);
    const info: PetSeriesInfo = {
      patientName: 'TEST^PET', patientId: 'P', patientSex: 'M', patientSizeM: 1.8, patientWeightKg: 80,
      studyInstanceUid: '2.25.11', studyDate: '20240108', studyTime: '090000', studyId: '1', seriesInstanceUid: '2.25.12', seriesNumber: 2,
      seriesDate: '20240108', seriesTime: '100000', frameOfReferenceUid: '2.25.13', manufacturer: 'test', injectionTime: '090000', injectedDoseBq: 3e8,
    };
    const volume = createVolume({ dimensions: [4, 4, 3], voxels: new Float32Array(48).fill(5000), indexToWorld: mat4FromColumns([4, 0, 0], [0, 4, 0], [0, 0, 4], [0, 0, 0]), units: 'BQML' });
    for (let k = 0; k < 3; k++) {
      const ds = petSliceDataset(volume, k, info, `2.25.12.${k + 1}`);
      delete ds.PatientWeight; // SUVbw cannot be had
      writeFileSync(join(pt, `IM${k}.dcm`), writePart10(ds));
    }
    const lesions = join(dir, 'lesions.json');
    writeFileSync(lesions, JSON.stringify({ lesions: [] }));
    const r = runCli(['track', pt, pt, '--pet', pt, '--pet', pt, '--lesions', lesions, '-o', join(dir, 'r.json'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--pet needs a PET in SUVbw: SUV not computed: missing Patient's Weight (0010,1030)");
    expect(r.stderr).toContain(pt);
    expect(r.stderr).toContain('2.25.12');
  });

  it('wants one --pet per scan', () => {
    const r = runCli(['track', 'a', 'b', '--pet', 'p', '--lesions', 'l.json', '-o', 'x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--pet given 1 time(s): expected one per scan (2), in the scans\' order');
  });
});
