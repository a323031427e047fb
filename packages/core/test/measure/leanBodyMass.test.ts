import { describe, expect, it } from 'vitest';
import { leanBodyMassKg } from '../../src/measure/leanBodyMass.ts';
import { thrownMessage } from '../util/thrown.ts';

// Worked by hand from the published formulas:
// Janmahasatian 2005: LBM = 9270·W / (6680 + 216·BMI) (men), 9270·W / (8780 + 244·BMI) (women), BMI = W/H² (kg, m).
// James 1976: LBM = 1.10·W − 128·(W/H)² (men), 1.07·W − 148·(W/H)² (women), H in cm.
describe('leanBodyMassKg', () => {
  it('gives the Janmahasatian LBM of a 70 kg, 1.75 m man: 55.86 kg', () => {
    // BMI = 70 / 1.75² = 22.857; 216 · 22.857 = 4937.14; 9270 · 70 / (6680 + 4937.14) = 648 900 / 11 617.14 = 55.857.
    expect(leanBodyMassKg({ sex: 'M', heightM: 1.75, weightKg: 70 })).toBeCloseTo(55.857, 3);
  });

  it('gives the Janmahasatian LBM of a 60 kg, 1.65 m woman: 39.29 kg', () => {
    // BMI = 60 / 1.65² = 22.0386; 244 · 22.0386 = 5377.41; 9270 · 60 / (8780 + 5377.41) = 556 200 / 14 157.41 = 39.287.
    expect(leanBodyMassKg({ sex: 'F', heightM: 1.65, weightKg: 60 })).toBeCloseTo(39.287, 3);
  });

  it('gives the James LBM of the same two patients: 56.52 and 44.63 kg', () => {
    // Man: 1.10 · 70 − 128 · (70/175)² = 77 − 128 · 0.16 = 77 − 20.48 = 56.52.
    expect(leanBodyMassKg({ sex: 'M', heightM: 1.75, weightKg: 70 }, { formula: 'james' })).toBeCloseTo(56.52, 6);
    // Woman: 1.07 · 60 − 148 · (60/165)² = 64.2 − 148 · 0.132231 = 64.2 − 19.5702 = 44.6298.
    expect(leanBodyMassKg({ sex: 'F', heightM: 1.65, weightKg: 60 }, { formula: 'james' })).toBeCloseTo(44.6298, 4);
  });

  it('keeps a plausible LBM for an obese woman where the James formula collapses (why Janmahasatian is recommended)', () => {
    // 150 kg, 1.60 m. Janmahasatian: BMI = 58.594; 9270 · 150 / (8780 + 244 · 58.594) = 1 390 500 / 23 076.88 = 60.255.
    expect(leanBodyMassKg({ sex: 'F', heightM: 1.6, weightKg: 150 })).toBeCloseTo(60.255, 3);
    // James: 1.07 · 150 − 148 · (150/160)² = 160.5 − 130.078 = 30.42 kg: a fifth of the body weight.
    expect(leanBodyMassKg({ sex: 'F', heightM: 1.6, weightKg: 150 }, { formula: 'james' })).toBeCloseTo(30.422, 3);
  });

  it('refuses a sex other than M or F and non-positive measures', () => {
    expect(thrownMessage(() => leanBodyMassKg({ sex: 'O' as 'M', heightM: 1.7, weightKg: 70 }))).toMatch(/VOXA_ERR_BAD_ARGUMENT.*sex 'O'/);
    expect(thrownMessage(() => leanBodyMassKg({ sex: 'M', heightM: 0, weightKg: 70 }))).toMatch(/must be positive/);
  });
});
