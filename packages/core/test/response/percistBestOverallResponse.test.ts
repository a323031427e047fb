import { describe, expect, it } from 'vitest';
import { evaluatePercist } from '../../src/response/percist.ts';
import { percistBestOverallResponse } from '../../src/response/percistBestOverallResponse.ts';
import type { Lesion, LesionObservation } from '../../src/response/ResponseInput.ts';
import { newLesion, patient, target, weeks } from './caseBuilder.ts';

/** Scans at these weeks, each with liver 2.0 ± 0.2 SUL and blood pool 1.5 SUL (measurable ≥ 1.5 × 2 + 2 × 0.2 = 3.4). */
const scans = (...w: number[]) => weeks(...w).map((tp) => ({ ...tp, pet: { liverSulMean: 2, liverSulSd: 0.2, bloodPoolSulMean: 1.5 } }));
/** A target lesion by its SULpeak per scan; 'gone' disappeared, 'NE' not evaluable. */
const lesion = (id: string, ...v: (number | 'gone' | 'NE')[]): Lesion =>
  target(id, 'lung', v.map((x): LesionObservation => (x === 'gone' ? { presence: 'disappeared' } : x === 'NE' ? { presence: 'NE' } : { sulPeak: x })));
const course = (w: number[], ...lesions: Lesion[]) => evaluatePercist(patient(scans(...w), ...lesions));
const categories = (e: ReturnType<typeof evaluatePercist>) => e.timePoints.map((tp) => tp.category);

// Wahl et al. 2009 (PERCIST 1.0): time points compare the hottest lesion with baseline (PMR ≤ −30 % and ≥ 0.8 SUL down,
// PMD > +30 % and > 0.8 SUL up, or a new FDG-avid lesion); the best response is the best recorded before progression,
// CMR > PMR > SMD > PMD. PERCIST 1.0 needs no confirmation of response; confirming non-new-lesion PMD is an option.
describe('percistBestOverallResponse', () => {
  it('takes the best response across scans: PMR then SMD is PMR, with its numbers', () => {
    // 6.0 → 3.5 (−41.7 %, −2.5: PMR) → 5.0 (−16.7 %: SMD).
    const e = course([0, 8, 16], lesion('A', 6, 3.5, 5));
    expect(categories(e)).toEqual(['PMR', 'SMD']);
    const b = percistBestOverallResponse(e);
    expect([b.category, b.timePointIndex]).toEqual(['PMR', 1]);
    expect(b.firings.at(-1)).toMatchObject({ ruleId: 'percist.bor.pmr', values: { measure: 3.5, changeFromBaselinePercent: expect.closeTo(-41.667, 2) } });
    expect(b.firings.at(-1)!.message).toBe('PMR on 2024-02-26, hottest SUL 3.5 (-41.7% from baseline) (no confirmation required) (PERCIST 1.0)');
  });

  it('ranks CMR above PMR', () => {
    // 6.0 → 3.0 (PMR) → gone (CMR).
    const e = course([0, 8, 16], lesion('A', 6, 3, 'gone'));
    expect(categories(e)).toEqual(['PMR', 'CMR']);
    expect(percistBestOverallResponse(e)).toMatchObject({ category: 'CMR', timePointIndex: 2 });
  });

  it('gives SMD for SMD then PMD, and ignores scans after the PMD', () => {
    // 6.0 → 6.5 (+8 %: SMD) → 8.0 (+33 %, +2.0: PMD) → 3.0 (would be PMR, but comes after progression).
    const e = course([0, 8, 16, 24], lesion('A', 6, 6.5, 8, 3));
    expect(categories(e)).toEqual(['SMD', 'PMD', 'PMR']);
    const b = percistBestOverallResponse(e);
    expect([b.category, b.timePointIndex]).toEqual(['SMD', 1]);
    expect(b.firings[0]).toMatchObject({ ruleId: 'percist.bor.after-progression-ignored', message: '1 scan(s) after the PMD of 2024-04-22 do not count' });
  });

  it('gives PMD when progression came first, from uptake or from a new lesion', () => {
    // 4.0 → 5.3 (+32.5 %, +1.3: PMD).
    expect(percistBestOverallResponse(course([0, 8], lesion('A', 4, 5.3)))).toMatchObject({ category: 'PMD', timePointIndex: 1, firings: [{ ruleId: 'percist.bor.pmd' }] });
    // 6.0 → 5.5 (−8 %) with a new lesion: PMD.
    const e = course([0, 8], lesion('A', 6, 5.5), newLesion('X1', 'bone', [null, 'yes']));
    expect(percistBestOverallResponse(e).category).toBe('PMD');
  });

  it('with confirmation, confirms PMR by a PMR 4 weeks later, and counts an unconfirmed PMR as SMD', () => {
    // 6.0 → 3.5 (PMR, week 8) → 3.4 (PMR, week 12): 28 days → confirmed PMR.
    const ok = percistBestOverallResponse(course([0, 8, 12], lesion('A', 6, 3.5, 3.4)), { confirmation: true });
    expect(ok.firings.at(-1)).toMatchObject({ ruleId: 'percist.bor.pmr.confirmed', values: { days: 28 } });
    // 6.0 → 3.5 (PMR) → 5.0 (SMD): nothing confirms the PMR → SMD.
    const b = percistBestOverallResponse(course([0, 8, 16], lesion('A', 6, 3.5, 5)), { confirmation: true });
    expect([b.category, b.firings.at(-1)!.message]).toEqual(['SMD', 'unconfirmed PMR on 2024-02-26, hottest SUL 3.5 (-41.7% from baseline): best response SMD (PERCIST 1.0)']);
  });

  it('with confirmation, confirms CMR across a not-evaluable scan', () => {
    // 6.0 → gone (CMR, week 8) → NE (week 12) → gone (CMR, week 16): 56 days → confirmed CMR.
    const e = course([0, 8, 12, 16], lesion('A', 6, 'gone', 'NE', 'gone'));
    expect(categories(e)).toEqual(['CMR', 'NE', 'CMR']);
    expect(percistBestOverallResponse(e, { confirmation: true }).firings.at(-1)).toMatchObject({ ruleId: 'percist.bor.cmr.confirmed', values: { days: 56 } });
  });

  it('with confirmProgression, passes over uptake PMD that the next scan contradicts', () => {
    // 4.0 → 5.3 (PMD) → 4.2 (+5 %: SMD). Unconfirmed, the PMD does not end the course; best response SMD (week 16).
    const e = course([0, 8, 16], lesion('A', 4, 5.3, 4.2));
    expect(percistBestOverallResponse(e).category).toBe('PMD');
    const b = percistBestOverallResponse(e, { confirmProgression: true });
    expect([b.category, b.timePointIndex]).toEqual(['SMD', 2]);
    expect(b.firings[0]).toMatchObject({ ruleId: 'percist.bor.pmd.not-confirmed', message: 'PMD on 2024-02-26 is not confirmed: SMD on 2024-04-22 (PERCIST 1.0)' });
  });

  it('with confirmProgression, dates confirmed PMD from its first scan and needs no confirmation for a new lesion', () => {
    // 4.0 → 5.3 (PMD, week 8) → 5.6 (PMD, week 16): confirmed, progression at week 8.
    const b = percistBestOverallResponse(course([0, 8, 16], lesion('A', 4, 5.3, 5.6)), { confirmProgression: true });
    expect([b.category, b.timePointIndex, b.firings.at(-1)!.ruleId]).toEqual(['PMD', 1, 'percist.bor.pmd.confirmed']);
    // Uptake PMD on the last scan: nothing can confirm it; reported as unconfirmed PMD.
    expect(percistBestOverallResponse(course([0, 8], lesion('A', 4, 5.3)), { confirmProgression: true }).firings.at(-1)!.ruleId).toBe('percist.bor.pmd.unconfirmed');
    // A new FDG-avid lesion is PMD at once.
    const e = course([0, 8, 16], lesion('A', 6, 5.5, 5.5), newLesion('X1', 'bone', [null, 'yes', 'yes']));
    expect(percistBestOverallResponse(e, { confirmProgression: true })).toMatchObject({ category: 'PMD', timePointIndex: 1, firings: [{}, { ruleId: 'percist.bor.pmd' }] });
  });

  it('is NE when no scan after baseline was evaluable', () => {
    const b = percistBestOverallResponse(course([0, 8], lesion('A', 6, 'NE')));
    expect([b.category, b.timePointIndex, b.firings.at(-1)!.ruleId]).toEqual(['NE', null, 'percist.bor.ne']);
  });
});
