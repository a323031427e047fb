import { describe, expect, it } from 'vitest';
import { evaluateChoi } from '../../src/response/choi.ts';
import { newLesion, patient, target, weeks } from './caseBuilder.ts';

const gist = (longAxisMm: number, meanHu: number) => ({ longAxisMm, meanHu });
const categories = (e: ReturnType<typeof evaluateChoi>) => e.timePoints.map((tp) => tp.category);
const one = (base: [number, number], follow: [number, number]) => evaluateChoi(patient(weeks(0, 8), target('G1', 'liver', [gist(...base), gist(...follow)])));

// Choi et al. 2007: PR −10 % size or −15 % density; PD +10 % size unless PR by density.
describe('evaluateChoi', () => {
  it('calls a 10 % decrease in size PR', () => {
    // 100 → 90 mm: −10 %; density 100 → 100 HU.
    expect(categories(one([100, 100], [90, 100]))).toEqual(['PR']);
  });

  it('calls a 15 % decrease in density PR without any shrinkage', () => {
    // Size 100 → 100; density 100 → 85 HU: −15 %.
    const e = one([100, 100], [100, 85]);
    expect(categories(e)).toEqual(['PR']);
    expect(e.timePoints[0].firings.find((f) => f.ruleId === 'choi.pr.target.density-decrease')!.values.densityChangePercent).toBeCloseTo(-15, 9);
  });

  it('does not call growth PD when the density meets PR', () => {
    // Size 100 → 110 (+10 % from nadir 100) but density 100 → 80 HU (−20 %) → PR.
    expect(categories(one([100, 100], [110, 80]))).toEqual(['PR']);
  });

  it('calls +10 % in size with too little density decrease PD', () => {
    // Size 100 → 110 (+10 %), density 100 → 95 (−5 %) → PD.
    expect(categories(one([100, 100], [110, 95]))).toEqual(['PD']);
  });

  it('calls −9 % size and −14 % density SD', () => {
    expect(categories(one([100, 100], [91, 86]))).toEqual(['SD']);
  });

  it('calls a new intratumoural nodule or a new lesion PD', () => {
    const tps = weeks(0, 8);
    tps[1] = { ...tps[1], newIntratumouralNodule: true };
    const e = evaluateChoi(patient(tps, target('G1', 'liver', [gist(100, 100), gist(80, 70)])));
    expect(categories(e)).toEqual(['PD']);
    expect(e.timePoints[0].firings.at(-1)!.ruleId).toBe('choi.pd.intratumoral-nodule');
    expect(categories(evaluateChoi(patient(weeks(0, 8), target('G1', 'liver', [gist(100, 100), gist(80, 70)]), newLesion('X1', 'peritoneum', [null, 'yes']))))).toEqual(['PD']);
  });
});
