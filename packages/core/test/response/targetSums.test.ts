import { describe, expect, it } from 'vitest';
import { RECIST_1_1 } from '../../src/response/recist11.ts';
import { lesionNadir, targetSeries } from '../../src/response/targetSums.ts';
import { node, patient, target, weeks } from './caseBuilder.ts';

describe('targetSeries', () => {
  it('reports sum, baseline, nadir and both changes at every time point', () => {
    // Sums: 50 + 20 (node short axis) = 70 → 35 + 14 = 49 → 40 + 16 = 56.
    const s = targetSeries(patient(weeks(0, 8, 16), target('L1', 'liver', [50, 35, 40]), node('N1', [20, 14, 16])), RECIST_1_1);
    expect(s.measures.map((m) => m.value)).toEqual([70, 49, 56]);
    expect(s.measures.map((m) => m.nadir)).toEqual([null, 70, 49]);
    // 49 vs 70: −30 %; 56 vs 70: −20 %, vs nadir 49: +14.29 %, +7 mm.
    expect(s.measures[1].changeFromBaselinePercent).toBeCloseTo(-30, 9);
    expect(s.measures[2].changeFromBaselinePercent).toBeCloseTo(-20, 9);
    expect(s.measures[2].changeFromNadirPercent).toBeCloseTo((7 / 49) * 100, 9);
    expect(s.measures[2].changeFromNadirAbsolute).toBe(7);
    expect(s.measures[0].unit).toBe('mm');
  });

  it('never takes an incomplete sum as the nadir', () => {
    // 60 → (L2 missing: 10) → 50: the nadir at week 16 is still 60.
    const s = targetSeries(patient(weeks(0, 8, 16), target('L1', 'liver', [30, 10, 25]), target('L2', 'lung', [30, null, 25])), RECIST_1_1);
    expect(s.measures[1].complete).toBe(false);
    expect(s.measures[2].nadir).toBe(60);
  });

  it("finds one lesion's own nadir", () => {
    const s = targetSeries(patient(weeks(0, 8, 16), target('L1', 'liver', [30, 12, 25])), RECIST_1_1);
    expect(lesionNadir(s, 'L1', 2)).toEqual({ value: 12, index: 1 });
  });
});
