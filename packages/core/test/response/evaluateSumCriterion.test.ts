import { describe, expect, it } from 'vitest';
import { evaluateRecist11 } from '../../src/response/recist11.ts';
import { node, nonTarget, patient, target, weeks } from './caseBuilder.ts';

describe('evaluateSumCriterion', () => {
  it('calls a lesion reappearing after an overall CR PD although the sum rule is not met', () => {
    // 20 → 0 (CR) → 3 mm: the targets alone are PR (−85 % from baseline; +3 mm from the 0 nadir fails
    // the 5 mm rule), but disease came back after an overall CR → PD.
    const e = evaluateRecist11(patient(weeks(0, 8, 16), target('L1', 'liver', [20, 'gone', 3])));
    expect(e.timePoints.map((tp) => tp.category)).toEqual(['CR', 'PD']);
    expect(e.timePoints[1].target).toBe('PR');
    expect(e.timePoints[1].firings.map((f) => f.ruleId)).toContain('recist.pd.reappearance-after-cr');
  });

  it('calls a target node back at ≥ 10 mm after CR PD, but not one still below 10 mm (Q&A "abnormal lymph node")', () => {
    // Node 20 → 8 (CR) → 10: reappeared → PD.  Node 20 → 8 (CR) → 9.5: still normal → CR.
    expect(evaluateRecist11(patient(weeks(0, 8, 16), node('N1', [20, 8, 10]))).timePoints.map((tp) => tp.category)).toEqual(['CR', 'PD']);
    expect(evaluateRecist11(patient(weeks(0, 8, 16), node('N1', [20, 8, 9.5]))).timePoints.map((tp) => tp.category)).toEqual(['CR', 'CR']);
  });

  it('adds a reappearing lesion to the sum when the previous response was not CR', () => {
    // L1 20 → 0, L2 30 → 20 (PR: 50 → 20) → L1 back at 4, L2 20: sum 24 is −52 % from baseline and
    // +20 % but only +4 mm from the nadir 20 → still PR, not PD.
    const e = evaluateRecist11(patient(weeks(0, 8, 16), target('L1', 'liver', [20, 'gone', 4]), target('L2', 'lung', [30, 20, 20])));
    expect(e.timePoints.map((tp) => tp.category)).toEqual(['PR', 'PR']);
  });

  it('calls a non-target seen again after CR PD', () => {
    const e = evaluateRecist11(patient(weeks(0, 8, 16), nonTarget('B1', 'bone', ['present', 'absent', 'present'])));
    expect(e.timePoints.map((tp) => tp.category)).toEqual(['CR', 'PD']);
  });
});
