import { describe, expect, it } from 'vitest';
import { sulFactorFromBody, sulFactorOf } from '../../src/measure/sulFactor.ts';
import { createVolume } from '../../src/volume/Volume.ts';

describe('sulFactorFromBody', () => {
  it('is LBM / weight: 55.857 / 70 = 0.79796 for a 70 kg, 1.75 m man (Janmahasatian)', () => {
    const s = sulFactorFromBody({ sex: 'M', heightM: 1.75, weightKg: 70 });
    expect(s.available && s.factor).toBeCloseTo(0.79796, 5);
  });

  it('uses the James formula when asked: 56.52 / 70 = 0.80743', () => {
    const s = sulFactorFromBody({ sex: 'M', heightM: 1.75, weightKg: 70 }, { formula: 'james' });
    expect(s).toMatchObject({ available: true, formula: 'james' });
    expect(s.available && s.factor).toBeCloseTo(0.807429, 5);
  });

  it('names the missing DICOM attributes', () => {
    const s = sulFactorFromBody({ weightKg: 70 });
    expect(s).toEqual({ available: false, reason: "SUL unavailable: missing Patient's Sex (0010,0040), Patient's Size (0010,1020)" });
  });

  it("says why for sex 'O' and for a height written in centimetres", () => {
    expect(sulFactorFromBody({ sex: 'O', heightM: 1.7, weightKg: 70 })).toMatchObject({ available: false, reason: expect.stringMatching(/is 'O'; lean body mass is defined for M and F only/) });
    expect(sulFactorFromBody({ sex: 'M', heightM: 175, weightKg: 70 })).toMatchObject({ available: false, reason: expect.stringMatching(/Patient's Size \(0010,1020\) is 175; expected metres/) });
  });

  it('refuses a James LBM that is not positive (very high BMI) rather than give a negative SUL', () => {
    // Woman 250 kg at 1.50 m: 1.07 · 250 − 148 · (250/150)² = 267.5 − 411.1 = −143.6 kg.
    expect(sulFactorFromBody({ sex: 'F', heightM: 1.5, weightKg: 250 }, { formula: 'james' })).toMatchObject({ available: false, reason: expect.stringMatching(/james formula gives a lean body mass of -143\.6 kg/) });
  });
});

describe('sulFactorOf', () => {
  const pet = (units: string, extra: Record<string, unknown>) => createVolume({ dimensions: [1, 1, 1], units, meta: { extra } });

  it('reads sex, height and weight from a SUVbw volume', () => {
    expect(sulFactorOf(pet('SUVbw', { patientSex: 'F', patientHeightM: 1.65, patientWeightKg: 60 }))).toMatchObject({ available: true, leanBodyMassKg: expect.closeTo(39.287, 3) });
  });

  it('is unavailable, saying so, for a volume not in SUVbw', () => {
    expect(sulFactorOf(pet('BQML', { patientSex: 'F', patientHeightM: 1.65, patientWeightKg: 60 }))).toEqual({ available: false, reason: 'SUL unavailable: the volume is in BQML, not SUVbw' });
  });
});
