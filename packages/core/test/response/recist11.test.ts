import { describe, expect, it } from 'vitest';
import { evaluateRecist11, RECIST_1_1 } from '../../src/response/recist11.ts';
import type { RecistCategory, ResponseEvaluation } from '../../src/response/ResponseResult.ts';
import { newLesion, node, nonTarget, patient, target, weeks } from './caseBuilder.ts';

/** Categories of the follow-ups, in order. */
const categories = (e: ResponseEvaluation<RecistCategory>) => e.timePoints.map((tp) => tp.category);
const ruleIds = (e: ResponseEvaluation<RecistCategory>, i: number) => e.timePoints[i].firings.map((f) => f.ruleId);

// Hand-worked RECIST 1.1 cases (Eisenhauer et al. 2009; RECIST working group Q&A). Each comment
// gives the sum, its change from baseline (PR: ≤ −30 %) and from the nadir (PD: ≥ +20 % and ≥ +5 mm).
describe('evaluateRecist11: target sums', () => {
  it('calls exactly −30 % from baseline PR', () => {
    // 50 + 50 = 100 → 40 + 30 = 70: −30.0 % → PR.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [50, 40]), target('L2', 'lung', [50, 30])));
    expect(categories(e)).toEqual(['PR']);
    expect(ruleIds(e, 0)).toContain('recist.pr.target.sum-decrease');
  });

  it('calls −29 % SD', () => {
    // 100 → 71: −29 %, not enough for PR; +0 from nadir 100 → SD.
    expect(categories(evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [100, 71]))))).toEqual(['SD']);
  });

  it('keeps exactly −30 % PR when floating-point sums land a hair above it', () => {
    // 10.1 + 10.2 + 9.7 = 30 (29.999999999999996 in binary) → 7.1 + 6.9 + 7.0 = 21: −30 % → PR.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [10.1, 7.1]), target('L2', 'lung', [10.2, 6.9]), target('L3', 'lung', [9.7, 7.0])));
    expect(categories(e)).toEqual(['PR']);
  });

  it('calls exactly +20 % with exactly +5 mm from the nadir PD', () => {
    // Nadir = baseline 25 → 30: +20 %, +5 mm → PD.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [25, 30])));
    expect(categories(e)).toEqual(['PD']);
    const pd = e.timePoints[0].firings.find((f) => f.ruleId === 'recist.pd.target.sum-increase')!;
    expect(pd.values.changeFromNadirPercent).toBeCloseTo(20, 9);
    expect(pd.values.changeFromNadirAbsolute).toBeCloseTo(5, 9);
  });

  it('keeps exactly +20 % / +5 mm PD when floating-point sums land a hair below it', () => {
    // 8.4 + 8.3 + 8.3 = 25 (25.000000000000004 in binary) → 10 + 10 + 10 = 30: +20 %, +5 mm → PD.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [8.4, 10]), target('L2', 'lung', [8.3, 10]), target('L3', 'bone', [8.3, 10])));
    expect(categories(e)).toEqual(['PD']);
  });

  it('applies the 5 mm rule: +20 % but only +4 mm is SD', () => {
    // 20 → 24: +20 % but +4 mm < 5 mm → SD.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'lung', [20, 24])));
    expect(categories(e)).toEqual(['SD']);
    expect(ruleIds(e, 0)).toContain('recist.sd.target');
  });

  it('needs +20 % as well as +5 mm: +5 mm on a 30 mm nadir (+16.7 %) is SD', () => {
    // 30 → 35: +16.7 %, +5 mm → SD.
    expect(categories(evaluateRecist11(patient(weeks(0, 8), target('L1', 'lung', [30, 35]))))).toEqual(['SD']);
  });

  it('measures progression from the nadir after a PR, not from baseline', () => {
    // 100 → 60 (−40 %, PR; nadir 60) → 72: −28 % from baseline but +20 %, +12 mm from the nadir → PD.
    const e = evaluateRecist11(patient(weeks(0, 8, 16), target('L1', 'liver', [100, 60, 72])));
    expect(categories(e)).toEqual(['PR', 'PD']);
    expect(e.timePoints[1].measure.nadir).toBe(60);
  });

  it('includes the baseline in the nadir', () => {
    // 50 → 55 (SD; nadir stays 50) → 60: +20 %, +10 mm from the baseline nadir → PD.
    expect(categories(evaluateRecist11(patient(weeks(0, 8, 16), target('L1', 'liver', [50, 55, 60]))))).toEqual(['SD', 'PD']);
  });

  it('continues PR while PD is not met (Q&A: 165 → 63 → 65 mm)', () => {
    // 165 → 63 (−61.8 %, PR) → 65 (−60.6 % from baseline, +3.2 % from nadir 63) → PR.
    expect(categories(evaluateRecist11(patient(weeks(0, 8, 16), target('L1', 'liver', [165, 63, 65]))))).toEqual(['PR', 'PR']);
  });

  it('calls regrowth short of PD after a PR SD when it is no longer −30 % from baseline', () => {
    // 100 → 60 (PR) → 71: −29 % from baseline (not PR), +18.3 % from nadir 60 (not PD) → SD.
    expect(categories(evaluateRecist11(patient(weeks(0, 8, 16), target('L1', 'liver', [100, 60, 71]))))).toEqual(['PR', 'SD']);
  });
});

describe('evaluateRecist11: lymph nodes and small lesions', () => {
  it('calls a node shrinking from 15 to 9 mm short axis CR, the 9 mm staying in the sum', () => {
    // Node 15 → 9 mm (< 10 mm): CR; sum 9 mm, not 0.
    const e = evaluateRecist11(patient(weeks(0, 8), node('N1', [15, 9])));
    expect(categories(e)).toEqual(['CR']);
    expect(e.timePoints[0].measure.value).toBe(9);
  });

  it('calls CR with a sum above 0 when the non-nodal target disappeared and the node is < 10 mm', () => {
    // Liver 30 → 0, node 20 → 8: sum 8 mm, all targets resolved → CR.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [30, 'gone']), node('N1', [20, 8])));
    expect(categories(e)).toEqual(['CR']);
    expect(e.timePoints[0].measure.value).toBe(8);
  });

  it('does not call a 10 mm node normal: 20 → 10 mm is PR, not CR', () => {
    // Node 20 → 10 (not < 10): −50 % → PR.
    expect(categories(evaluateRecist11(patient(weeks(0, 8), node('N1', [20, 10]))))).toEqual(['PR']);
  });

  it('sums a node by its short axis, not its long axis', () => {
    // Node long 30 / short 16 → long 28 / short 12: sum 16 → 12 = −25 % → SD (the long axis is ignored).
    const e = evaluateRecist11(patient(weeks(0, 8), node('N1', [{ longAxisMm: 30, shortAxisMm: 16 }, { longAxisMm: 28, shortAxisMm: 12 }])));
    expect(e.baseline.value).toBe(16);
    expect(categories(e)).toEqual(['SD']);
  });

  it('counts a lesion too small to measure as 5 mm, so it is PR and not CR', () => {
    // Liver 20 → "too small": 5 mm, −75 % → PR; the lesion is still there, so not CR.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [20, 'too-small'])));
    expect(categories(e)).toEqual(['PR']);
    expect(e.timePoints[0].measure.value).toBe(5);
  });

  it('counts disappeared lesions as 0: all gone is CR', () => {
    // 20 + 15 = 35 → 0 + 0 = 0 → CR.
    expect(categories(evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [20, 'gone']), target('L2', 'lung', [15, 'gone']))))).toEqual(['CR']);
  });

  it('takes the too-small default from the rule table', () => {
    // With a 3 mm default: 20 → 3 mm.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [20, 'too-small'])), { ...RECIST_1_1, tooSmallAxisMm: 3 });
    expect(e.timePoints[0].measure.value).toBe(3);
  });
});

describe('evaluateRecist11: not evaluable', () => {
  it('is NE when a target is not assessed and the others cannot prove PD', () => {
    // Baseline 40 + 30 + 30 = 100; follow-up L1 20, L2 20, L3 not assessed: 40 mm so far → NE (not PR).
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [40, 20]), target('L2', 'lung', [30, 20]), target('L3', 'bone', [30, null])));
    expect(categories(e)).toEqual(['NE']);
    const ne = e.timePoints[0].firings.find((f) => f.ruleId === 'recist.ne.target.not-evaluable')!;
    expect(ne.lesionIds).toEqual(['L3']);
    expect(e.issues.some((i) => i.code === 'recist.measurement.missing' && i.lesionId === 'L3' && i.timePointIndex === 1)).toBe(true);
  });

  it('is PD despite a missing target when the others already prove it (paper: 50 → 80 mm with one lesion unmeasured)', () => {
    // Baseline 20 + 20 + 10 = 50; follow-up 40 + 40 + ? ≥ 80: +60 %, +30 mm → PD.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [20, 40]), target('L2', 'lung', [20, 40]), target('L3', 'bone', [10, null])));
    expect(categories(e)).toEqual(['PD']);
    expect(e.timePoints[0].measure.complete).toBe(false);
  });

  it('is NE when a target is marked not evaluable', () => {
    expect(categories(evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [30, 'NE']))))).toEqual(['NE']);
  });

  it('is NE with a warning naming lesion and time point when the measurement field is missing', () => {
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'liver', [30, { shortAxisMm: 12 }])));
    expect(categories(e)).toEqual(['NE']);
    const issue = e.issues.find((i) => i.code === 'recist.measurement.missing')!;
    expect(issue.message).toContain('L1');
    expect(issue.message).toContain('time point 1 (2024-02-26)');
    expect(issue.message).toContain('no longAxisMm');
  });
});

describe('evaluateRecist11: non-target and new lesions', () => {
  it('calls a new lesion PD even while the targets respond', () => {
    // 50 → 30 (−40 %, PR) but a new liver lesion → PD.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'lung', [50, 30]), newLesion('X1', 'liver', [null, 'yes'])));
    expect(categories(e)).toEqual(['PD']);
    expect(e.timePoints[0].target).toBe('PR');
    expect(ruleIds(e, 0)).toContain('recist.pd.new-lesion');
  });

  it('calls unequivocal non-target progression PD with stable targets', () => {
    // 40 → 40 (SD), pleural effusion unequivocally progressing → PD.
    const e = evaluateRecist11(patient(weeks(0, 8), target('L1', 'lung', [40, 40]), nonTarget('E1', 'pleura', ['present', 'unequivocal-progression'])));
    expect(categories(e)).toEqual(['PD']);
    expect(ruleIds(e, 0)).toContain('recist.pd.non-target.unequivocal');
  });

  it('calls target CR with a persisting non-target PR (Table 1)', () => {
    expect(categories(evaluateRecist11(patient(weeks(0, 8), target('L1', 'lung', [40, 'gone']), nonTarget('B1', 'bone', ['present', 'present']))))).toEqual(['PR']);
  });

  it('calls target CR with a non-target not evaluated PR (Table 1)', () => {
    expect(categories(evaluateRecist11(patient(weeks(0, 8), target('L1', 'lung', [40, 'gone']), nonTarget('B1', 'bone', ['present', null]))))).toEqual(['PR']);
  });

  it('calls target SD with a non-target not evaluated SD, and target NE with non-PD non-targets NE (Table 1)', () => {
    const e = evaluateRecist11(patient(weeks(0, 8, 16), target('L1', 'lung', [40, 38, 'NE']), nonTarget('B1', 'bone', ['present', null, 'present'])));
    expect(categories(e)).toEqual(['SD', 'NE']);
  });

  it('gives non-target-only patients CR, non-CR/non-PD, NE or PD (Table 2)', () => {
    const e = evaluateRecist11(patient(weeks(0, 8, 16, 24, 32), nonTarget('B1', 'bone', ['present', 'present', null, 'absent', 'unequivocal-progression'])));
    expect(categories(e)).toEqual(['NON_CR_NON_PD', 'NE', 'CR', 'PD']);
  });
});
