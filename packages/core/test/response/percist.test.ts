import { describe, expect, it } from 'vitest';
import { evaluatePercist } from '../../src/response/percist.ts';
import type { LesionObservation, TimePoint } from '../../src/response/ResponseInput.ts';
import { newLesion, patient, target, weeks } from './caseBuilder.ts';

/** Scans at weeks 0 and 8 with liver 2.0 ± 0.2 SUL and blood pool 1.5 SUL (measurable ≥ 1.5 × 2 + 2 × 0.2 = 3.4). */
function scans(n = 2): TimePoint[] {
  return weeks(0, 8, 16).slice(0, n).map((tp) => ({ ...tp, pet: { liverSulMean: 2, liverSulSd: 0.2, bloodPoolSulMean: 1.5 } }));
}
const sul = (sulPeak: number): LesionObservation => ({ sulPeak });
const lesion = (id: string, ...v: (number | LesionObservation)[]) => target(id, 'lung', v.map((x) => (typeof x === 'number' ? sul(x) : x)));
const categories = (e: ReturnType<typeof evaluatePercist>) => e.timePoints.map((tp) => tp.category);

// Wahl et al. 2009: single hottest lesion; PMR ≤ −30 % and ≥ 0.8 drop; PMD > +30 % and > 0.8 rise.
describe('evaluatePercist', () => {
  it('calls −30 % and −1.5 SUL PMR', () => {
    // 5.0 → 3.5.
    const e = evaluatePercist(patient(scans(), lesion('A', 5, 3.5)));
    expect(categories(e)).toEqual(['PMR']);
    expect(e.timePoints[0].measure).toMatchObject({ unit: 'SUL', value: 3.5, baseline: 5 });
  });

  it('needs the 0.8 SUL absolute drop as well as −30 %', () => {
    // 4.0 → 2.8: −30 %, −1.2 → PMR.   3.6 → 2.5: −30.6 %, −1.1 → PMR.   Same −30 % from 2.5 → 1.75 is −0.75 → SMD.
    expect(categories(evaluatePercist(patient(scans(), lesion('A', 4, 2.8))))).toEqual(['PMR']);
    expect(categories(evaluatePercist(patient(scans(), lesion('A', 2.5, 1.75))))).toEqual(['SMD']);
  });

  it('needs more than +30 % and more than +0.8 SUL for PMD', () => {
    // 4.0 → 5.3: +32.5 %, +1.3 → PMD.  4.0 → 5.2: exactly +30 % → SMD.  2.0 → 2.7: +35 % but +0.7 → SMD.
    expect(categories(evaluatePercist(patient(scans(), lesion('A', 4, 5.3))))).toEqual(['PMD']);
    expect(categories(evaluatePercist(patient(scans(), lesion('A', 4, 5.2))))).toEqual(['SMD']);
    expect(categories(evaluatePercist(patient(scans(), lesion('A', 2, 2.7))))).toEqual(['SMD']);
  });

  it('compares the hottest lesion of each scan, whichever it is', () => {
    // Baseline hottest A 6.0 (B 3.0); follow-up A 2.0, B 5.0: hottest 5.0 → −16.7 % → SMD.
    const e = evaluatePercist(patient(scans(), lesion('A', 6, 2), lesion('B', 3, 5)));
    expect(categories(e)).toEqual(['SMD']);
    expect(e.timePoints[0].measure.value).toBe(5);
  });

  it('calls uptake back to background CMR', () => {
    // A disappears; B 1.2 SUL: below liver 2.0 and blood pool 1.5.
    expect(categories(evaluatePercist(patient(scans(), lesion('A', 6, { presence: 'disappeared' }), lesion('B', 4, 1.2))))).toEqual(['CMR']);
  });

  it('calls a new FDG-avid lesion PMD', () => {
    expect(categories(evaluatePercist(patient(scans(), lesion('A', 6, 3), newLesion('X1', 'bone', [null, 'yes']))))).toEqual(['PMD']);
  });

  it('withholds PMR when another lesion rose by more than 30 %', () => {
    // Hottest A 8.0 → 4.0 (−50 %), but B 2.0 → 3.0 (+50 %) → SMD.
    const e = evaluatePercist(patient(scans(), lesion('A', 8, 4), lesion('B', 2, 3)));
    expect(categories(e)).toEqual(['SMD']);
    expect(e.timePoints[0].firings.at(-1)!.ruleId).toBe('percist.smd.other-lesion-increase');
  });

  it('is NE when a lesion has no uptake value and the others do not prove PMD', () => {
    expect(categories(evaluatePercist(patient(scans(), lesion('A', 6, 3), target('B', 'liver', [sul(4), null]))))).toEqual(['NE']);
  });
});
