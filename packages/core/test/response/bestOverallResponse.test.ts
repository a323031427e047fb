import { describe, expect, it } from 'vitest';
import { bestOverallResponse } from '../../src/response/bestOverallResponse.ts';
import { evaluateRecist11 } from '../../src/response/recist11.ts';
import { nonTarget, patient, target, weeks } from './caseBuilder.ts';

/** RECIST 1.1 evaluation of one target lesion measured at these weeks. */
const course = (w: number[], mm: (number | 'NE' | 'gone')[]) => evaluateRecist11(patient(weeks(...w), target('L1', 'liver', mm)));
const confirmed = { confirmation: true };

describe('bestOverallResponse', () => {
  it('takes the best response without confirmation: PR then SD is PR', () => {
    // 100 → 60 (PR) → 71 (SD).
    const b = bestOverallResponse(course([0, 8, 16], [100, 60, 71]));
    expect([b.category, b.timePointIndex]).toEqual(['PR', 1]);
  });

  it('confirms PR by a second PR 4 weeks later', () => {
    // 100 → 60 (PR, week 8) → 60 (PR, week 12): 28 days apart → confirmed PR.
    const b = bestOverallResponse(course([0, 8, 12], [100, 60, 60]), confirmed);
    expect(b.category).toBe('PR');
    expect(b.firings.at(-1)).toMatchObject({ ruleId: 'recist.bor.pr.confirmed', values: { days: 28 } });
  });

  it('gives SD for PR then SD with confirmation (Table 3)', () => {
    // 100 → 60 (PR) → 71 (SD): the PR is not confirmed; week 8 is ≥ 6 weeks → SD.
    expect(bestOverallResponse(course([0, 8, 16], [100, 60, 71]), confirmed).category).toBe('SD');
  });

  it('gives SD for PR then PD when the SD duration was met, PD otherwise (Table 3)', () => {
    // 100 → 60 (PR, week 8) → 75 (+25 %, +15 mm from nadir: PD). Week 8 (56 days) ≥ 42 → SD.
    expect(bestOverallResponse(course([0, 8, 16], [100, 60, 75]), confirmed).category).toBe('SD');
    // Same at weeks 4 and 8: the PR at 28 days is before 42 → PD.
    expect(bestOverallResponse(course([0, 4, 8], [100, 60, 75]), confirmed).category).toBe('PD');
  });

  it('confirms CR by a second CR, and falls back to SD when the second comes too soon', () => {
    expect(bestOverallResponse(course([0, 8, 12], [30, 'gone', 'gone']), confirmed).category).toBe('CR');
    // CR weeks 8 and 10 (14 days apart), then regrowth to 10 mm: PD at week 16 → SD.
    expect(bestOverallResponse(course([0, 8, 10, 16], [30, 'gone', 'gone', 10]), confirmed).category).toBe('SD');
  });

  it('accepts an NE assessment between a PR and its confirmation (protocol convention)', () => {
    expect(bestOverallResponse(course([0, 8, 12, 16], [100, 60, 'NE', 60]), confirmed).category).toBe('PR');
  });

  it('is NE when the only stable assessment came before the SD minimum and nothing followed', () => {
    // SD at week 4 (28 days < 42), NE at week 8.
    expect(bestOverallResponse(course([0, 4, 8], [50, 50, 'NE'])).category).toBe('NE');
  });

  it('takes the SD minimum duration as a parameter', () => {
    // SD at week 7 (49 days): enough for 42 days, not for 56.
    expect(bestOverallResponse(course([0, 7], [50, 50])).category).toBe('SD');
    expect(bestOverallResponse(course([0, 7], [50, 50]), { sdMinDays: 56 }).category).toBe('NE');
  });

  it('ignores assessments after the first PD', () => {
    // 50 → 70 (PD) → 30: the later shrinkage does not count.
    const b = bestOverallResponse(course([0, 8, 16], [50, 70, 30]));
    expect(b.category).toBe('PD');
    expect(b.firings[0].ruleId).toBe('recist.bor.after-progression-ignored');
  });

  it('gives non-target-only patients non-CR/non-PD rather than SD', () => {
    const e = evaluateRecist11(patient(weeks(0, 8), nonTarget('B1', 'bone', ['present', 'present'])));
    expect(bestOverallResponse(e).category).toBe('NON_CR_NON_PD');
  });
});
