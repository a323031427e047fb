import { describe, expect, it } from 'vitest';
import { evaluateWho, WHO_CRITERIA } from '../../src/response/who.ts';
import { bi, patient, target, weeks } from './caseBuilder.ts';

const categories = (e: ReturnType<typeof evaluateWho>) => e.timePoints.map((tp) => tp.category);

// Miller et al. 1981: sum of products; PR ≥ 50 % decrease; PD ≥ 25 % increase.
describe('evaluateWho', () => {
  it('calls a 60 % decrease in the sum of products PR', () => {
    // 20×20 + 10×10 = 500 → 10×10 + 10×10 = 200: −60 % → PR.
    const e = evaluateWho(patient(weeks(0, 8), target('L1', 'liver', [bi(20, 20), bi(10, 10)]), target('L2', 'lung', [bi(10, 10), bi(10, 10)])));
    expect(categories(e)).toEqual(['PR']);
    expect(e.timePoints[0].measure).toMatchObject({ unit: 'mm²', value: 200, baseline: 500 });
  });

  it('calls a 49 % decrease SD ("no change")', () => {
    // 20×20 = 400 → 17×12 = 204: −49 % → SD.
    expect(categories(evaluateWho(patient(weeks(0, 8), target('L1', 'liver', [bi(20, 20), bi(17, 12)]))))).toEqual(['SD']);
  });

  it('calls a 25 % increase of the sum from its nadir PD', () => {
    // 20×20 = 400 → 20×10 = 200 (PR) → 25×10 = 250: +25 % from 200 → PD.
    expect(categories(evaluateWho(patient(weeks(0, 8, 16), target('L1', 'liver', [bi(20, 20), bi(20, 10), bi(25, 10)]))))).toEqual(['PR', 'PD']);
  });

  it('calls one lesion growing 25 % PD although the sum shrank', () => {
    // L1 20×20 = 400 → 20×15 = 300; L2 10×10 = 100 → 12×11 = 132 (+32 %). Sum 500 → 432 (−13.6 %).
    const input = patient(weeks(0, 8), target('L1', 'liver', [bi(20, 20), bi(20, 15)]), target('L2', 'lung', [bi(10, 10), bi(12, 11)]));
    const e = evaluateWho(input);
    expect(categories(e)).toEqual(['PD']);
    expect(e.timePoints[0].firings.map((f) => f.ruleId)).toContain('who.pd.target.lesion-increase');
    // With the single-lesion rule switched off the same numbers are SD.
    expect(categories(evaluateWho(input, { ...WHO_CRITERIA, singleLesionProgressionMinChange: null }))).toEqual(['SD']);
  });

  it('calls the disappearance of all lesions CR', () => {
    expect(categories(evaluateWho(patient(weeks(0, 8), target('L1', 'liver', [bi(20, 20), 'gone']))))).toEqual(['CR']);
  });
});
