import { describe, expect, it } from 'vitest';
import { mat4FromColumns, mat4Invert, transformPoint } from '../../src/math/Mat4.ts';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { measureLesionsOverTime, type LongitudinalScan } from '../../src/longitudinal/measureLesionsOverTime.ts';
import { PEAK_SPHERE_RADIUS_MM } from '../../src/measure/petUptake.ts';
import { generatePhantomTimePoint, type PhantomTimePoint } from '../../src/phantom/generatePhantom.ts';
import { PHANTOM_LABEL } from '../../src/phantom/phantomLabels.ts';
import { evaluatePercist } from '../../src/response/percist.ts';
import { createVolume, type Volume } from '../../src/volume/Volume.ts';
import { thrownMessage } from '../util/thrown.ts';

/**
 * The PET path of measureLesionsOverTime on the phantom's three time points: each gets a
 * synthetic FDG PET in SUVbw on its own 2.5 mm grid (not the CT's 2.8 × 2.8 × 3 mm, and shifted),
 * whose lesions are the truth ellipsoids filled with a designed SUV, the liver SUV 2, lungs 0.5,
 * other tissue 1 and air 0. The designed uptake tells a PERCIST story: every lesion halves at
 * time point 1 (PMR), and a new FDG-avid lesion appears at time point 2 (PMD).
 */
const SUV: Record<string, [number, number, number]> = {
  'liver-1': [8, 4, 6],
  'lung-1': [6, 3, 4.5],
  'node-1': [10, 5, 7.5],
  'liver-2': [0, 0, 9], // new at time point 2
};
/** A 70 kg, 1.75 m man: Janmahasatian LBM = 9270 · 70 / (6680 + 216 · 70/1.75²) = 55.857 kg, SUL factor LBM/70 = 0.79796. */
const SUL_FACTOR = 9270 / (6680 + 216 * (70 / 1.75 ** 2));
const PET_SPACING_MM = 2.5;
/** Half the diagonal of a PET voxel: a point is never farther than this from the nearest voxel centre. */
const PET_HALF_DIAGONAL_MM = (PET_SPACING_MM * Math.sqrt(3)) / 2;
/** A point of the right liver lobe (baseline LPS) whose 3 cm sphere is liver at every time point, away from the lesions. */
const LIVER_POINT: Vec3 = [-85, 0, -55];

function syntheticPet(tp: PhantomTimePoint): Volume {
  const n: [number, number, number] = [144, 144, 180];
  const origin: Vec3 = [-178.45 + 0.3, -178.45 - 0.7, -223.75 + 0.45];
  const pet = createVolume({
    dimensions: n, units: 'SUVbw', indexToWorld: mat4FromColumns([PET_SPACING_MM, 0, 0], [0, PET_SPACING_MM, 0], [0, 0, PET_SPACING_MM], origin),
    meta: { modality: 'PT', frameOfReferenceUid: tp.truth.frameOfReferenceUid, extra: { patientSex: 'M', patientHeightM: 1.75, patientWeightKg: 70 } },
  });
  const toLabel = mat4Invert(tp.labels.indexToWorld);
  const [lx, ly, lz] = tp.labels.dimensions;
  const p: Vec3 = [0, 0, 0], ijk: Vec3 = [0, 0, 0];
  for (let k = 0, q = 0; k < n[2]; k++) for (let j = 0; j < n[1]; j++) for (let i = 0; i < n[0]; i++, q++) {
    p[0] = origin[0] + i * PET_SPACING_MM; p[1] = origin[1] + j * PET_SPACING_MM; p[2] = origin[2] + k * PET_SPACING_MM;
    transformPoint(toLabel, p, ijk);
    const li = Math.round(ijk[0]), lj = Math.round(ijk[1]), lk = Math.round(ijk[2]);
    const label = li >= 0 && lj >= 0 && lk >= 0 && li < lx && lj < ly && lk < lz ? tp.labels.voxels[li + lx * (lj + ly * lk)] : 0;
    let suv = label === 0 ? 0 : label === PHANTOM_LABEL.liver ? 2 : label === PHANTOM_LABEL.rightLung || label === PHANTOM_LABEL.leftLung ? 0.5 : 1;
    for (const l of tp.truth.lesions) {
      let r = 0;
      for (let a = 0; a < 3; a++) {
        const u = ((p[0] - l.centreLps[0]) * l.axesLps[a][0] + (p[1] - l.centreLps[1]) * l.axesLps[a][1] + (p[2] - l.centreLps[2]) * l.axesLps[a][2]) / l.semiAxesMm[a];
        r += u * u;
      }
      if (r <= 1) suv = SUV[l.id][tp.index];
    }
    pet.voxels[q] = suv;
  }
  return pet;
}

describe('measureLesionsOverTime with a PET at each time point (phantom, synthetic FDG)', () => {
  const tps = [0, 1, 2].map((i) => generatePhantomTimePoint(i, { size: 'small' }));
  const scans: LongitudinalScan[] = tps.map((tp, i) => ({
    dateIso: tp.truth.studyDate.replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'),
    volume: tp.ct,
    // The phantom's own motion stands in for the registration (measureLesionsOverTime.test.ts registers).
    baselineToScan: i === 0 ? undefined : tp.truth.baselineToTimePoint,
    pet: syntheticPet(tp),
    liverReferenceLps: transformPoint(tp.truth.baselineToTimePoint, LIVER_POINT),
  }));
  const seeds = tps[0].truth.lesions.filter((l) => l.target).map((l) => ({ id: l.id, organ: l.organ, kind: 'target' as const, isLymphNode: l.nodal, seedLps: l.centreLps }));
  const fresh = tps[2].truth.lesions.find((l) => l.isNew)!;
  const { input, measurements } = measureLesionsOverTime(scans, seeds, [{ id: fresh.id, organ: fresh.organ, scan: 2, seedLps: fresh.centreLps }]);

  it('gives every lesion its designed SUVmax at every time point', () => {
    for (const m of measurements) expect(m.uptake!.suvMax).toBe(SUV[m.lesionId][m.scan]);
    expect(measurements).toHaveLength(3 * 3 + 1);
  });

  it('gives SULpeak = designed SUV × LBM/weight wherever the 1 cm³ sphere fits inside the lesion, and less where it cannot', () => {
    // The sphere fits for sure when the smallest semi-axis ≥ 6.20 mm + half a PET voxel's diagonal (2.17 mm): all three
    // targets at baseline (9 … 20 mm), liver-1 at every time point, lung-1 at time point 2 (9.3 mm). Node-1 after shrinking
    // (5.9 and 7.6 mm), lung-1 at time point 1 (7.2 mm) and the new 7 mm lesion are smaller: partial volume lowers their
    // peak (measured 97 %, 97 % and 99 % of the design) unless a voxel centre happens to sit well (node-1 at 2: 100 %).
    const fits: string[] = [];
    for (const m of measurements) {
      const truth = tps[m.scan].truth.lesions.find((l) => l.id === m.lesionId)!;
      const designed = SUV[m.lesionId][m.scan] * SUL_FACTOR;
      const obs = input.lesions.find((l) => l.id === m.lesionId)!.observations[m.scan]!;
      expect(obs.sulPeak).toBe(m.uptake!.sulPeak);
      if (Math.min(...truth.semiAxesMm) >= PEAK_SPHERE_RADIUS_MM + PET_HALF_DIAGONAL_MM) {
        fits.push(`${m.lesionId}@${m.scan}`);
        expect(obs.sulPeak!).toBeCloseTo(designed, 4);
      } else {
        expect(obs.sulPeak!).toBeLessThanOrEqual(designed * (1 + 1e-12));
        expect(obs.sulPeak!).toBeGreaterThan(0.5 * designed);
      }
    }
    expect(fits.sort()).toEqual(['liver-1@0', 'liver-1@1', 'liver-1@2', 'lung-1@0', 'lung-1@2', 'node-1@0']);
  });

  it('measures the liver reference: SUL mean 2 × 0.798 = 1.596 with SD 0 in the uniform liver', () => {
    for (const tp of input.timePoints) {
      expect(tp.pet!.liverSulMean!).toBeCloseTo(2 * SUL_FACTOR, 4);
      expect(tp.pet!.liverSulSd!).toBeCloseTo(0, 6);
    }
  });

  it('gives the designed PERCIST story from automatic measurements: PMR (uptake halved), then PMD (new lesion)', () => {
    const e = evaluatePercist(input);
    expect(e.timePoints.map((t) => t.category)).toEqual(['PMR', 'PMD']);
    // Baseline hottest: node-1, SULpeak 10 × 0.798 = 7.98 (its sphere fits); measurable: ≥ 1.5 × 1.596 + 2 × 0 = 2.39.
    expect(e.baseline.value!).toBeCloseTo(10 * SUL_FACTOR, 4);
    expect(e.issues.filter((i) => i.code.startsWith('percist.'))).toEqual([]);
  });

  it('keeps the CT measurements and time points as they are without a PET', () => {
    const ctOnly = measureLesionsOverTime(scans.map(({ pet, liverReferenceLps, ...s }) => s), seeds.slice(0, 1));
    expect(ctOnly.input.timePoints).toEqual(scans.map((s) => ({ dateIso: s.dateIso })));
    const { longAxisMm, shortAxisMm, volumeMm3, meanHu } = input.lesions[0].observations[0]!;
    expect(ctOnly.input.lesions[0].observations[0]).toStrictEqual({ longAxisMm, shortAxisMm, volumeMm3, meanHu });
    expect(ctOnly.measurements[0].uptake).toBeUndefined();
  });

  it('gives SUVmax without SULpeak, saying why, when the PET lacks sex and height', () => {
    const pet = { ...scans[0].pet!, meta: { ...scans[0].pet!.meta, extra: { patientWeightKg: 70 } } };
    const r = measureLesionsOverTime([{ ...scans[0], pet }], seeds.slice(0, 1));
    expect(r.input.lesions[0].observations[0]).toMatchObject({ suvMax: 8 });
    expect(r.input.lesions[0].observations[0]!.sulPeak).toBeUndefined();
    expect(r.measurements[0].uptakeNote).toBe("SUL unavailable: missing Patient's Sex (0010,0040), Patient's Size (0010,1020)");
    expect(r.input.timePoints[0].pet).toBeUndefined();
  });

  it('leaves SUVmax out, saying why, for a lesion outside the PET\'s field of view', () => {
    // A 10 cm PET cube around (0, 0, 200) mm: far above liver-1 (z ≈ −50 mm).
    const pet = createVolume({ dimensions: [40, 40, 40], units: 'SUVbw', indexToWorld: mat4FromColumns([2.5, 0, 0], [0, 2.5, 0], [0, 0, 2.5], [-50, -50, 150]), meta: { extra: { patientSex: 'M', patientHeightM: 1.75, patientWeightKg: 70 } } });
    const r = measureLesionsOverTime([{ ...scans[0], pet, liverReferenceLps: undefined }], seeds.slice(0, 1));
    expect(r.input.lesions[0].observations[0]!.suvMax).toBeUndefined();
    expect(r.measurements[0].uptakeNote).toMatch(/lesion liver-1 lies outside the PET of scan 0/);
  });

  it('refuses a PET of another frame of reference, naming the scan', () => {
    const pet = { ...scans[0].pet!, meta: { ...scans[0].pet!.meta, frameOfReferenceUid: '2.25.999' } };
    expect(thrownMessage(() => measureLesionsOverTime([{ ...scans[0], pet }], seeds.slice(0, 1)))).toMatch(/scan 0 \(\d{4}-\d{2}-\d{2}\): the PET's frame of reference is not the CT's/);
  });
});
