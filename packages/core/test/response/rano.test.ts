import { describe, expect, it } from 'vitest';
import { evaluateRano } from '../../src/response/rano.ts';
import type { RanoClinical, TimePoint } from '../../src/response/ResponseInput.ts';
import { bi, type Cell, nonTarget, patient, target, weeks } from './caseBuilder.ts';

/** Time points at weeks 0, 8 (and 16) with RANO clinical data per time point. */
function clinic(...rano: RanoClinical[]): TimePoint[] {
  return weeks(0, 8, 16).slice(0, rano.length).map((tp, i) => ({ ...tp, rano: rano[i] }));
}
const glioma = (tps: TimePoint[], cells: Cell[]) => evaluateRano(patient(tps, target('T1', 'brain', cells)));
const categories = (e: ReturnType<typeof evaluateRano>) => e.timePoints.map((tp) => tp.category);
const steroids = (mg: number): RanoClinical => ({ corticosteroidMgPerDay: mg, clinicalStatus: 'stable' });

// Wen et al. 2010: products; PR −50 %, PD +25 %; steroids and clinical status.
describe('evaluateRano', () => {
  it('calls a 50 % decrease in the product on the same steroid dose PR', () => {
    // 30×20 = 600 → 20×15 = 300: −50 %; dexamethasone 4 → 4 mg.
    expect(categories(glioma(clinic(steroids(4), steroids(4)), [bi(30, 20), bi(20, 15)]))).toEqual(['PR']);
  });

  it('withholds PR when the steroid dose went up', () => {
    // Same images, dexamethasone 4 → 8 mg → SD.
    const e = glioma(clinic(steroids(4), steroids(8)), [bi(30, 20), bi(20, 15)]);
    expect(categories(e)).toEqual(['SD']);
    expect(e.timePoints[0].firings.at(-1)!.ruleId).toBe('rano.sd.corticosteroids-increased');
  });

  it('calls CR only off steroids; still on them, it is PR', () => {
    expect(categories(glioma(clinic(steroids(4), steroids(0)), [bi(30, 20), 'gone']))).toEqual(['CR']);
    expect(categories(glioma(clinic(steroids(4), { corticosteroidMgPerDay: 1, physiologicReplacementOnly: true }), [bi(30, 20), 'gone']))).toEqual(['CR']);
    expect(categories(glioma(clinic(steroids(4), steroids(2)), [bi(30, 20), 'gone']))).toEqual(['PR']);
  });

  it('calls a 25 % increase from the smallest sum PD', () => {
    // 600 → 20×15 = 300 (PR) → 25×15 = 375: +25 % from 300 → PD.
    expect(categories(glioma(clinic(steroids(4), steroids(4), steroids(4)), [bi(30, 20), bi(20, 15), bi(25, 15)]))).toEqual(['PR', 'PD']);
  });

  it('calls T2/FLAIR progression or clinical deterioration PD with stable enhancing disease', () => {
    expect(categories(glioma(clinic(steroids(4), { ...steroids(4), t2FlairProgression: true }), [bi(30, 20), bi(30, 20)]))).toEqual(['PD']);
    expect(categories(glioma(clinic(steroids(4), { corticosteroidMgPerDay: 4, clinicalStatus: 'worse' }), [bi(30, 20), bi(30, 20)]))).toEqual(['PD']);
  });

  it('gives non-measurable disease at best SD', () => {
    const e = evaluateRano(patient(clinic(steroids(0), steroids(0)), nonTarget('E1', 'brain', ['present', 'absent'])));
    expect(categories(e)).toEqual(['SD']);
  });
});
