import { describe, expect, it } from 'vitest';
import { assessNonTargets } from '../../src/response/nonTargetResponse.ts';
import { RECIST_1_1 } from '../../src/response/recist11.ts';
import { nonTarget, patient, weeks } from './caseBuilder.ts';

describe('assessNonTargets', () => {
  it('counts a non-target node below 10 mm short axis as gone (CR)', () => {
    // Node 12 mm (pathological, non-target) → 8 mm: normal, so CR.
    const input = patient(weeks(0, 8), nonTarget('N1', 'lymph node', [{ shortAxisMm: 12 }, { shortAxisMm: 8 }], true));
    expect(assessNonTargets(input, RECIST_1_1, 1)?.category).toBe('CR');
  });

  it('withholds CR while tumour markers are above normal', () => {
    const tps = weeks(0, 8);
    tps[1] = { ...tps[1], tumourMarkersNormal: false };
    const a = assessNonTargets(patient(tps, nonTarget('A1', 'peritoneum', ['present', 'absent'])), RECIST_1_1, 1)!;
    expect(a.category).toBe('NON_CR_NON_PD');
    expect(a.firings[0].ruleId).toBe('recist.non-cr-non-pd.non-target.markers-abnormal');
  });

  it('reads growth short of unequivocal progression as non-CR/non-PD', () => {
    expect(assessNonTargets(patient(weeks(0, 8), nonTarget('B1', 'bone', ['present', 'increased'])), RECIST_1_1, 1)?.category).toBe('NON_CR_NON_PD');
  });

  it('is null without non-target lesions', () => {
    expect(assessNonTargets(patient(weeks(0, 8)), RECIST_1_1, 1)).toBeNull();
  });
});
