import { describe, expect, it } from 'vitest';
import { evaluateLuganoCt } from '../../src/response/lugano.ts';
import type { TimePoint } from '../../src/response/ResponseInput.ts';
import { bi, node, patient, target, weeks } from './caseBuilder.ts';

const categories = (e: ReturnType<typeof evaluateLuganoCt>) => e.timePoints.map((tp) => tp.category);

// Cheson et al. 2014, CT-based response.
describe('evaluateLuganoCt', () => {
  it('calls a 50 % decrease in the SPD PR', () => {
    // 30×20 + 20×20 = 1000 → 20×15 + 20×10 = 500: −50 % → PR.
    expect(categories(evaluateLuganoCt(patient(weeks(0, 8), node('N1', [bi(30, 20), bi(20, 15)]), node('N2', [bi(20, 20), bi(20, 10)]))))).toEqual(['PR']);
  });

  it('calls target nodes back to ≤ 15 mm LDi and extranodal lesions gone CR', () => {
    // N1 25×18 → 15×9; liver 20×15 → gone.
    expect(categories(evaluateLuganoCt(patient(weeks(0, 8), node('N1', [bi(25, 18), bi(15, 9)]), target('E1', 'liver', [bi(20, 15), 'gone']))))).toEqual(['CR']);
  });

  it('calls single-node PD only with LDi > 15 mm, PPD +50 % and +5 mm for a node ≤ 20 mm at its nadir', () => {
    // 30×20 = 600 → 16×10 = 160 (−73 %: PR, the nadir). Then 20×12 = 240: PPD +50 % but LDi +4, SDi +2 < 5 mm
    // → not PD, and 240 is −60 % from baseline → PR. Or 21×12 = 252: +57.5 %, LDi +5 → PD.
    const base = [bi(30, 20), bi(16, 10)];
    expect(categories(evaluateLuganoCt(patient(weeks(0, 8, 16), node('N1', [...base, bi(20, 12)]))))).toEqual(['PR', 'PR']);
    const e = evaluateLuganoCt(patient(weeks(0, 8, 16), node('N1', [...base, bi(21, 12)])));
    expect(categories(e)).toEqual(['PR', 'PD']);
    expect(e.timePoints[1].firings.find((f) => f.ruleId === 'lugano.pd.target.lesion-increase')!.values).toMatchObject({ ldiMm: 21, nadirLdiMm: 16 });
  });

  it('needs +10 mm for a lesion > 20 mm at its nadir', () => {
    // Nadir 25×20 = 500. 31×25 = 775 (+55 %): LDi +6, SDi +5 < 10 → not PD. 35×22 = 770 (+54 %): LDi +10 → PD.
    expect(categories(evaluateLuganoCt(patient(weeks(0, 8), node('N1', [bi(25, 20), bi(31, 25)]))))).toEqual(['SD']);
    expect(categories(evaluateLuganoCt(patient(weeks(0, 8), node('N1', [bi(25, 20), bi(35, 22)]))))).toEqual(['PD']);
  });

  it('does not call growth of a node still ≤ 15 mm LDi PD', () => {
    // Extranodal 12×8 = 96 → 15×10 = 150: PPD +56 %, but LDi 15 mm is not > 15 mm (and +3 mm < 5) → SD.
    expect(categories(evaluateLuganoCt(patient(weeks(0, 8), target('E1', 'lung', [bi(12, 8), bi(15, 10)]))))).toEqual(['SD']);
  });

  it('calls spleen growth PD: 150 mm must exceed 160 mm; a normal spleen must gain 20 mm', () => {
    const spleen = (a: number, b: number): TimePoint[] => weeks(0, 8).map((tp, i) => ({ ...tp, spleenLengthMm: [a, b][i] }));
    const n = () => node('N1', [bi(30, 20), bi(30, 20)]);
    expect(categories(evaluateLuganoCt(patient(spleen(150, 161), n())))).toEqual(['PD']);
    expect(categories(evaluateLuganoCt(patient(spleen(150, 160), n())))).toEqual(['SD']);
    expect(categories(evaluateLuganoCt(patient(spleen(120, 140), n())))).toEqual(['PD']);
  });

  it('counts a lesion too small to measure as 5 × 5 mm and withholds CR while the spleen is enlarged', () => {
    // Extranodal 20×20 = 400 → too small: 25 mm² (−94 %): PR.
    const e = evaluateLuganoCt(patient(weeks(0, 8), target('E1', 'liver', [bi(20, 20), 'too-small'])));
    expect(e.timePoints[0].measure.value).toBe(25);
    expect(categories(e)).toEqual(['PR']);
    const tps = weeks(0, 8).map((tp, i) => ({ ...tp, spleenLengthMm: [160, 140][i] }));
    expect(categories(evaluateLuganoCt(patient(tps, target('E1', 'liver', [bi(20, 20), 'gone']))))).toEqual(['PR']);
  });
});
