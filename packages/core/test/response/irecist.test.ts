import { describe, expect, it } from 'vitest';
import { evaluateIrecist } from '../../src/response/irecist.ts';
import { newLesion, nonTarget, patient, target, weeks } from './caseBuilder.ts';

const categories = (e: ReturnType<typeof evaluateIrecist>) => e.timePoints.map((tp) => tp.category);

// Seymour et al. 2017 (iRECIST) Table 2 and the RECIST working group's iRECIST Q&A.
describe('evaluateIrecist', () => {
  it('turns RECIST PD into iUPD and confirms it with a further +5 mm in the target sum', () => {
    // 50 → 40 (−20 %: iSD) → 50 (+25 %, +10 mm from nadir 40: iUPD) → 55 (+5 mm since iUPD: iCPD).
    const e = evaluateIrecist(patient(weeks(0, 8, 16, 24), target('L1', 'liver', [50, 40, 50, 55])));
    expect(categories(e)).toEqual(['iSD', 'iUPD', 'iCPD']);
    expect(e.timePoints[2].firings.at(-1)).toMatchObject({ ruleId: 'irecist.icpd', values: { targetSumIncreaseMm: 5, daysSinceIupd: 56 } });
  });

  it('adds increases over assessments: +3 mm then +2 mm confirms (Q&A "sequential increases are additive")', () => {
    // 40 → 50 (iUPD) → 53 (+3: still iUPD) → 55 (+5 since iUPD: iCPD).
    expect(categories(evaluateIrecist(patient(weeks(0, 8, 16, 24), target('L1', 'liver', [40, 50, 53, 55]))))).toEqual(['iUPD', 'iUPD', 'iCPD']);
  });

  it('resets iUPD when the next assessment is no longer progression, and can go to iUPD again', () => {
    // 50 → 62 (+24 %, +12: iUPD) → 34 (−32 % from baseline: iPR, reset) → 42 (+23.5 %, +8 from nadir 34: iUPD again).
    const e = evaluateIrecist(patient(weeks(0, 8, 16, 24), target('L1', 'liver', [50, 62, 34, 42])));
    expect(categories(e)).toEqual(['iUPD', 'iPR', 'iUPD']);
    expect(e.timePoints[1].firings.at(-1)!.ruleId).toBe('irecist.reset');
  });

  it('makes a new lesion iUPD and confirms it by another new lesion', () => {
    // Targets stable at 40; X1 appears at week 8 (iUPD); X2 appears at week 16 → iCPD.
    const e = evaluateIrecist(patient(weeks(0, 8, 16), target('L1', 'lung', [40, 40, 40]), newLesion('X1', 'liver', [null, 12, 12]), newLesion('X2', 'bone', [null, null, 'yes'])));
    expect(categories(e)).toEqual(['iUPD', 'iCPD']);
  });

  it('confirms by growth of the new-lesion-target sum of ≥ 5 mm, and keeps iUPD while new lesions stay unchanged', () => {
    // New lesion targets X1 12 mm + X2 10 mm = 22 → 22 (unchanged: iUPD) → 27 (+5: iCPD).
    const e = evaluateIrecist(patient(weeks(0, 8, 16, 24), target('L1', 'lung', [40, 40, 40, 40]), newLesion('X1', 'liver', [null, 12, 12, 15]), newLesion('X2', 'liver', [null, 10, 10, 12])));
    expect(categories(e)).toEqual(['iUPD', 'iUPD', 'iCPD']);
  });

  it('confirms non-target iUPD by any further increase, not necessarily unequivocal', () => {
    const e = evaluateIrecist(patient(weeks(0, 8, 16), target('L1', 'lung', [40, 40, 40]), nonTarget('B1', 'bone', ['present', 'unequivocal-progression', 'increased'])));
    expect(categories(e)).toEqual(['iUPD', 'iCPD']);
  });

  it('confirms by progression in a category that was not progressing at iUPD', () => {
    // Target iUPD at week 8 (40 → 50); at week 16 the sum is 52 (+2 only) but a new lesion appears → iCPD.
    const e = evaluateIrecist(patient(weeks(0, 8, 16), target('L1', 'lung', [40, 50, 52]), newLesion('X1', 'liver', [null, null, 'yes'])));
    expect(categories(e)).toEqual(['iUPD', 'iCPD']);
  });

  it('does not confirm growth on a scan less than 4 weeks after iUPD', () => {
    // iUPD at week 8, +8 mm at week 10 (14 days) → still iUPD; week 14 → iCPD.
    const e = evaluateIrecist(patient(weeks(0, 8, 10, 14), target('L1', 'lung', [40, 50, 58, 58])));
    expect(categories(e)).toEqual(['iUPD', 'iUPD', 'iCPD']);
    expect(e.timePoints[1].firings.at(-1)!.ruleId).toBe('irecist.iupd.too-early-to-confirm');
  });
});
