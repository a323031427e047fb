import { VoxaError } from '../errors/VoxaError.ts';

/** Sex as the LBM formulas know it: DICOM Patient's Sex (0010,0040) 'M' or 'F'. */
export type BodySex = 'M' | 'F';

/** What lean body mass is computed from. */
export interface BodyMeasures {
  sex: BodySex;
  /** Patient's Size (0010,1020), metres. */
  heightM: number;
  /** Patient's Weight (0010,1030), kilograms. */
  weightKg: number;
}

/**
 * 'janmahasatian': Janmahasatian et al., Clin Pharmacokinet 2005;44:1051–65, the formula QIBA's
 * FDG-PET profile and PERCIST recommend. 'james': James 1976 (WHO/DHSS report), the older formula
 * of most scanner software; it falls with weight at high BMI (see `leanBodyMassKg`).
 */
export type LeanBodyMassFormula = 'janmahasatian' | 'james';

/** Options of `leanBodyMassKg`. */
export interface LeanBodyMassOptions {
  formula: LeanBodyMassFormula;
}

/** Defaults: Janmahasatian 2005. */
export const LEAN_BODY_MASS_DEFAULTS: Readonly<LeanBodyMassOptions> = { formula: 'janmahasatian' };

/**
 * Lean body mass (kg) from sex, height and weight.
 * - Janmahasatian: LBM = 9270·W / (6680 + 216·BMI) for men, 9270·W / (8780 + 244·BMI) for women,
 *   BMI = W / H² (kg, m).
 * - James: LBM = 1.10·W − 128·(W/H)² for men, 1.07·W − 148·(W/H)² for women, H in cm. It peaks
 *   and then decreases with weight (a woman of 1.60 m has her largest James LBM at 92.5 kg), so
 *   for obese patients it under-estimates LBM, down to nonsense; use it only to match old software.
 *
 * @example leanBodyMassKg({ sex: 'M', heightM: 1.75, weightKg: 70 }); // 55.86
 */
export function leanBodyMassKg(body: BodyMeasures, options: Partial<LeanBodyMassOptions> = {}): number {
  const { formula } = { ...LEAN_BODY_MASS_DEFAULTS, ...options };
  const { sex, heightM, weightKg } = body;
  if (sex !== 'M' && sex !== 'F') throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `sex '${String(sex)}': the LBM formulas are defined for 'M' and 'F' only`);
  if (!(heightM > 0) || !(weightKg > 0)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `height ${heightM} m and weight ${weightKg} kg must be positive`);
  if (formula === 'james') {
    const ratio = weightKg / (heightM * 100);
    return sex === 'M' ? 1.1 * weightKg - 128 * ratio * ratio : 1.07 * weightKg - 148 * ratio * ratio;
  }
  if (formula !== 'janmahasatian') throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `LBM formula '${String(formula)}' (expected 'janmahasatian' or 'james')`);
  const bmi = weightKg / (heightM * heightM);
  return (9270 * weightKg) / (sex === 'M' ? 6680 + 216 * bmi : 8780 + 244 * bmi);
}
