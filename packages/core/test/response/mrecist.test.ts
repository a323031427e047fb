import { describe, expect, it } from 'vitest';
import { evaluateMrecist } from '../../src/response/mrecist.ts';
import { evaluateRecist11 } from '../../src/response/recist11.ts';
import { newLesion, patient, target, weeks } from './caseBuilder.ts';

const hcc = (whole: number, viable: number) => ({ longAxisMm: whole, viableLongAxisMm: viable });
const categories = (e: ReturnType<typeof evaluateMrecist>) => e.timePoints.map((tp) => tp.category);

// Lencioni & Llovet 2010: RECIST on the viable (arterially enhancing) diameter.
describe('evaluateMrecist', () => {
  it('measures the viable diameter: necrosis without shrinkage is PR where RECIST sees SD', () => {
    // Whole 50 → 48 (RECIST −4 %: SD); viable 40 → 20 (−50 %: PR).
    const input = patient(weeks(0, 8), target('H1', 'liver', [hcc(50, 40), hcc(48, 20)]));
    expect(categories(evaluateMrecist(input))).toEqual(['PR']);
    expect(categories(evaluateRecist11(input))).toEqual(['SD']);
  });

  it('calls CR when no target enhances any more, although the lesion is still visible', () => {
    // Viable 30 → disappeared (whole lesion still 28 mm).
    const input = patient(weeks(0, 8), target('H1', 'liver', [hcc(35, 30), { presence: 'disappeared', longAxisMm: 28 }]));
    expect(categories(evaluateMrecist(input))).toEqual(['CR']);
  });

  it('has no 5 mm rule: viable 20 → 24 mm (+20 %, +4 mm) is PD', () => {
    const input = patient(weeks(0, 8), target('H1', 'liver', [hcc(25, 20), hcc(25, 24)]));
    expect(categories(evaluateMrecist(input))).toEqual(['PD']);
  });

  it('measures progression from the smallest viable sum', () => {
    // Viable 40 → 20 (PR) → 24 (+20 % from 20; −40 % from baseline) → PD.
    expect(categories(evaluateMrecist(patient(weeks(0, 8, 16), target('H1', 'liver', [hcc(45, 40), hcc(45, 20), hcc(45, 24)]))))).toEqual(['PR', 'PD']);
  });

  it('needs a viable diameter ≥ 10 mm for a target at baseline', () => {
    const e = evaluateMrecist(patient(weeks(0, 8), target('H1', 'liver', [hcc(30, 8), hcc(30, 8)])));
    expect(e.issues.map((i) => i.code)).toContain('mrecist.selection.target-not-measurable');
  });

  it('calls a new lesion PD', () => {
    expect(categories(evaluateMrecist(patient(weeks(0, 8), target('H1', 'liver', [hcc(45, 40), hcc(45, 20)]), newLesion('X1', 'liver', [null, 'yes']))))).toEqual(['PD']);
  });
});
