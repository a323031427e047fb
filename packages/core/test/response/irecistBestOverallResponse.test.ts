import { describe, expect, it } from 'vitest';
import { evaluateIrecist } from '../../src/response/irecist.ts';
import { irecistBestOverallResponse } from '../../src/response/irecistBestOverallResponse.ts';
import { type Cell, newLesion, nonTarget, patient, target, weeks } from './caseBuilder.ts';

/** iRECIST evaluation of one liver target measured at these weeks (plus any other lesions). */
const course = (w: number[], mm: Cell[], ...others: Parameters<typeof patient>[1][]) => evaluateIrecist(patient(weeks(...w), target('L1', 'liver', mm), ...others));
const categories = (e: ReturnType<typeof evaluateIrecist>) => e.timePoints.map((tp) => tp.category);
const confirmed = { confirmation: true };

// Seymour et al. 2017 (iRECIST), 'best overall response' and Table 3 (examples 1–8, randomised: no confirmation);
// confirmation and the stable-disease minimum as in RECIST 1.1, which iRECIST keeps.
describe('irecistBestOverallResponse', () => {
  it('Table 3 example 1: iCR, iCR, iUPD, iCPD is iCR — a later progression does not override the response', () => {
    // 30 → gone (CR) → gone (CR) → 10 (reappearance after CR: RECIST PD → iUPD) → 15 (+5 mm since iUPD → iCPD).
    const e = course([0, 8, 16, 24, 32], [30, 'gone', 'gone', 10, 15]);
    expect(categories(e)).toEqual(['iCR', 'iCR', 'iUPD', 'iCPD']);
    const b = irecistBestOverallResponse(e);
    expect([b.category, b.timePointIndex]).toEqual(['iCR', 1]);
    expect(b.firings.at(-1)!.ruleId).toBe('irecist.ibor.cr');
    // With confirmation: iCR at weeks 8 and 16, 56 days apart (≥ 28) → confirmed iCR.
    expect(irecistBestOverallResponse(e, confirmed).firings.at(-1)).toMatchObject({ ruleId: 'irecist.ibor.cr.confirmed', values: { days: 56 } });
  });

  it('Table 3 example 2: iUPD, then iPR and iCR after the reset, is iCR', () => {
    // Target 50 → 40 (−20 %) with new lesion X1: iUPD; 30 (−40 %: PR) and X1 gone: reset to iPR; target gone: iCR.
    const e = course([0, 8, 16, 24], [50, 40, 30, 'gone'], newLesion('X1', 'bone', [null, 'yes', 'gone', 'gone']));
    expect(categories(e)).toEqual(['iUPD', 'iPR', 'iCR']);
    const b = irecistBestOverallResponse(e);
    expect([b.category, b.timePointIndex]).toEqual(['iCR', 3]);
    expect(b.firings.at(-1)!.message).toMatch(/after an iUPD that did not override it/);
  });

  it('Table 3 example 3: iUPD, iPR, iPR, iUPD, iCPD is iPR', () => {
    // 100 → 130 (+30 %: iUPD) → 60 (−40 % from baseline: iPR, reset) → 60 (iPR) → 80 (+33 % / +20 mm from nadir 60: iUPD)
    // → 90 (+10 mm since that iUPD: iCPD).
    const e = course([0, 8, 16, 24, 32, 40], [100, 130, 60, 60, 80, 90]);
    expect(categories(e)).toEqual(['iUPD', 'iPR', 'iPR', 'iUPD', 'iCPD']);
    expect(irecistBestOverallResponse(e)).toMatchObject({ category: 'iPR', timePointIndex: 2 });
    // Confirmed: iPR at weeks 16 and 24 (56 days), nothing but iPR between.
    expect(irecistBestOverallResponse(e, confirmed)).toMatchObject({ category: 'iPR', firings: [{ ruleId: 'irecist.ibor.pr.confirmed', values: { days: 56 } }] });
  });

  it('Table 3 example 4: iUPD, iSD, iPR is iPR', () => {
    // 100 → 130 (iUPD) → 90 (−10 % from nadir 100 and baseline: iSD, reset) → 60 (−40 %: iPR).
    const e = course([0, 8, 16, 24], [100, 130, 90, 60]);
    expect(categories(e)).toEqual(['iUPD', 'iSD', 'iPR']);
    expect(irecistBestOverallResponse(e)).toMatchObject({ category: 'iPR', timePointIndex: 3 });
  });

  it('Table 3 example 5: iUPD, iSD, iUPD, iCPD is iSD', () => {
    // 100 → 130 (iUPD) → 100 (0 %: iSD, reset) → 125 (+25 % / +25 mm from nadir 100: iUPD) → 135 (+10 mm: iCPD).
    const e = course([0, 8, 16, 24, 32], [100, 130, 100, 125, 135]);
    expect(categories(e)).toEqual(['iUPD', 'iSD', 'iUPD', 'iCPD']);
    const b = irecistBestOverallResponse(e);
    // The iSD of week 16 is 112 days after baseline (≥ 42).
    expect(b).toMatchObject({ category: 'iSD', timePointIndex: 2 });
    expect(b.firings.at(-1)).toMatchObject({ ruleId: 'irecist.ibor.isd.duration-met', values: { days: 112, measure: 100, changeFromBaselinePercent: 0 } });
  });

  it('Table 3 example 6: iUPD then iCPD is iCPD, with the days from iUPD', () => {
    // 100 → 130 (iUPD, week 8) → 140 (+10 mm, week 16: iCPD).
    const b = irecistBestOverallResponse(course([0, 8, 16], [100, 130, 140]));
    expect([b.category, b.timePointIndex]).toEqual(['iCPD', 2]);
    expect(b.firings.at(-1)).toMatchObject({ ruleId: 'irecist.ibor.icpd', values: { daysSinceIupd: 56, measure: 140 } });
  });

  it('Table 3 example 7: iUPD, iUPD (no change), iCPD is iCPD, confirming the first iUPD', () => {
    // 100 → 130 (iUPD) → 130 (no further growth: iUPD) → 136 (+6 mm since iUPD: iCPD), 112 days after the iUPD of week 8.
    const e = course([0, 8, 16, 24], [100, 130, 130, 136]);
    expect(categories(e)).toEqual(['iUPD', 'iUPD', 'iCPD']);
    const b = irecistBestOverallResponse(e);
    expect(b.category).toBe('iCPD');
    expect(b.firings.at(-1)!.message).toMatch(/iUPD on 2024-02-26 confirmed as iCPD on 2024-06-17, 112 days later/);
  });

  it('Table 3 example 8: iUPD followed only by not-evaluable scans stays iUPD', () => {
    // 100 → 130 (iUPD) → NE → NE: progression neither confirmed nor resolved.
    const b = irecistBestOverallResponse(course([0, 8, 16, 24], [100, 130, 'NE', 'NE']));
    expect([b.category, b.timePointIndex]).toEqual(['iUPD', 1]);
    expect(b.firings.at(-1)!.ruleId).toBe('irecist.ibor.iupd.unconfirmed');
  });

  it('with confirmation, an iUPD between two iPRs breaks the pair: iBOR iSD (RECIST 1.1 Table 3, unconfirmed PR)', () => {
    // 100 → 60 (iPR, week 8) → 75 (+25 % / +15 mm from nadir 60: iUPD) → 60 (−40 % from baseline: iPR, reset).
    const e = course([0, 8, 16, 24], [100, 60, 75, 60]);
    expect(categories(e)).toEqual(['iPR', 'iUPD', 'iPR']);
    expect(irecistBestOverallResponse(e).category).toBe('iPR');
    const b = irecistBestOverallResponse(e, confirmed);
    expect([b.category, b.timePointIndex]).toEqual(['iSD', 1]);
    expect(b.firings.at(-1)!.message).toMatch(/unconfirmed iPR on 2024-02-26, 56 days after baseline/);
  });

  it('gives iCPD when the only stable assessment came before the SD minimum', () => {
    // 100 → 100 (iSD at 28 days < 42) → 130 (iUPD) → 140 (iCPD).
    const e = course([0, 4, 8, 16], [100, 100, 130, 140]);
    expect(categories(e)).toEqual(['iSD', 'iUPD', 'iCPD']);
    expect(irecistBestOverallResponse(e).category).toBe('iCPD');
    // The same iSD counts once the protocol's minimum is 4 weeks.
    expect(irecistBestOverallResponse(e, { sdMinDays: 28 }).category).toBe('iSD');
  });

  it('ignores assessments after iCPD', () => {
    // 100 → 130 (iUPD) → 140 (iCPD) → 60: iCPD is final.
    const b = irecistBestOverallResponse(course([0, 8, 16, 24], [100, 130, 140, 60]));
    expect(b.category).toBe('iCPD');
    expect(b.firings[0]).toMatchObject({ ruleId: 'irecist.ibor.after-icpd-ignored', message: '1 assessment(s) after the iCPD of 2024-04-22 do not count' });
  });

  it('gives non-target-only disease NON_iCR_NON_iUPD, and NE when nothing was evaluable', () => {
    const nt = evaluateIrecist(patient(weeks(0, 8), nonTarget('B1', 'bone', ['present', 'present'])));
    expect(irecistBestOverallResponse(nt).category).toBe('NON_iCR_NON_iUPD');
    const ne = irecistBestOverallResponse(course([0, 8], [100, 'NE']));
    expect([ne.category, ne.timePointIndex, ne.firings.at(-1)!.ruleId]).toEqual(['NE', null, 'irecist.ibor.ne']);
  });
});
