import { describe, expect, it } from 'vitest';
import { overallResponse } from '../../src/response/overallResponse.ts';
import type { NewLesionStatus, NonTargetCategory, TargetCategory } from '../../src/response/ResponseResult.ts';

const R = { id: 'recist', name: 'RECIST 1.1' };
const overall = (t: TargetCategory | null, nt: NonTargetCategory | null, nl: NewLesionStatus = 'none') => overallResponse(R, t, nt, nl).category;

describe('overallResponse', () => {
  it('follows every row of RECIST 1.1 Table 1 (targets, with or without non-targets)', () => {
    expect(overall('CR', 'CR')).toBe('CR');
    expect(overall('CR', null)).toBe('CR');
    expect(overall('CR', 'NON_CR_NON_PD')).toBe('PR');
    expect(overall('CR', 'NE')).toBe('PR');
    expect(overall('PR', 'NON_CR_NON_PD')).toBe('PR');
    expect(overall('PR', 'NE')).toBe('PR');
    expect(overall('SD', 'NON_CR_NON_PD')).toBe('SD');
    expect(overall('SD', 'NE')).toBe('SD');
    expect(overall('NE', 'NON_CR_NON_PD')).toBe('NE');
    expect(overall('PD', 'CR')).toBe('PD');
    expect(overall('CR', 'PD')).toBe('PD');
    expect(overall('CR', 'CR', 'unequivocal')).toBe('PD');
  });

  it('follows every row of RECIST 1.1 Table 2 (non-target disease only)', () => {
    expect(overall(null, 'CR')).toBe('CR');
    expect(overall(null, 'NON_CR_NON_PD')).toBe('NON_CR_NON_PD');
    expect(overall(null, 'NE')).toBe('NE');
    expect(overall(null, 'PD')).toBe('PD');
    expect(overall(null, 'CR', 'unequivocal')).toBe('PD');
  });

  it('ignores an equivocal new lesion', () => {
    expect(overall('PR', null, 'equivocal')).toBe('PR');
  });

  it('names the table row in a stable rule id and a sentence', () => {
    const r = overallResponse(R, 'CR', 'NON_CR_NON_PD', 'none');
    expect(r.firing.ruleId).toBe('recist.overall.pr.target-cr-non-target-not-cr');
    expect(r.firing.message).toBe('targets CR, non-targets non-CR/non-PD, new lesions no: PR (RECIST 1.1 Table 1)');
  });
});
