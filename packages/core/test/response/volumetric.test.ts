import { describe, expect, it } from 'vitest';
import { evaluateVolumetric } from '../../src/response/volumetric.ts';
import { type Cell, patient, target, weeks } from './caseBuilder.ts';

const vol = (...mm3: (number | Cell)[]) => mm3.map((v) => (typeof v === 'number' ? { volumeMm3: v } : v));
const categories = (e: ReturnType<typeof evaluateVolumetric>) => e.timePoints.map((tp) => tp.category);
const course = (...mm3: (number | Cell)[]) => evaluateVolumetric(patient(weeks(...mm3.map((_, i) => i * 8)), target('L1', 'liver', vol(...mm3))));

// Sphere-equivalent thresholds: PR −65 % from baseline, PD +73 % from the nadir.
describe('evaluateVolumetric', () => {
  it('calls exactly −65 % PR and −64 % SD', () => {
    // 10000 → 3500 mm³ (−65 %) and → 3600 (−64 %).
    expect(categories(course(10000, 3500))).toEqual(['PR']);
    expect(categories(course(10000, 3600))).toEqual(['SD']);
  });

  it('calls +73 % from the nadir PD', () => {
    // 10000 → 3500 (PR) → 6055: +73 % from the nadir 3500 → PD.
    expect(categories(course(10000, 3500, 6055))).toEqual(['PR', 'PD']);
    // → 6050: +72.9 % (not PD) and −39.5 % from baseline (not PR) → SD.
    expect(categories(course(10000, 3500, 6050))).toEqual(['PR', 'SD']);
  });

  it('calls all volumes gone CR', () => {
    expect(categories(course(10000, 'gone'))).toEqual(['CR']);
  });

  it('counts a lesion too small to measure as a 5 mm sphere', () => {
    // π/6 · 5³ = 65.45 mm³.
    expect(course(10000, 'too-small').timePoints[0].measure.value).toBeCloseTo(65.45, 2);
  });
});
