import type { Volume } from '../volume/Volume.ts';
import { type LeanBodyMassFormula, type LeanBodyMassOptions, LEAN_BODY_MASS_DEFAULTS, leanBodyMassKg } from './leanBodyMass.ts';

/** SUL = SUVbw × factor, factor = LBM / weight; or why it cannot be had. */
export type SulFactor =
  | { available: true; factor: number; leanBodyMassKg: number; formula: LeanBodyMassFormula }
  | { available: false; reason: string };

/** Sex, height and weight as read from DICOM, any of them possibly absent. */
export interface PatientBodyFacts {
  /** Patient's Sex (0010,0040): 'M', 'F' or 'O'. */
  sex?: string;
  /** Patient's Size (0010,1020), metres. */
  heightM?: number;
  /** Patient's Weight (0010,1030), kilograms. */
  weightKg?: number;
}

/** Heights outside this range (m) are taken as a unit error (centimetres written as metres, 0). */
const PLAUSIBLE_HEIGHT_M: [number, number] = [0.3, 2.5];

/**
 * The SUVbw → SUL factor LBM/weight (PERCIST 1.0; QIBA FDG-PET/CT profile) from the patient's
 * sex, height and weight, or the reason it is unavailable, naming the DICOM attribute.
 */
export function sulFactorFromBody(body: PatientBodyFacts, options: Partial<LeanBodyMassOptions> = {}): SulFactor {
  const { formula } = { ...LEAN_BODY_MASS_DEFAULTS, ...options };
  const { sex, heightM, weightKg } = body;
  const missing: string[] = [];
  if (!sex) missing.push("Patient's Sex (0010,0040)");
  if (heightM === undefined) missing.push("Patient's Size (0010,1020)");
  if (weightKg === undefined) missing.push("Patient's Weight (0010,1030)");
  if (missing.length) return { available: false, reason: `SUL unavailable: missing ${missing.join(', ')}` };
  if (sex !== 'M' && sex !== 'F') return { available: false, reason: `SUL unavailable: Patient's Sex (0010,0040) is '${sex}'; lean body mass is defined for M and F only` };
  if (!(heightM! >= PLAUSIBLE_HEIGHT_M[0] && heightM! <= PLAUSIBLE_HEIGHT_M[1])) {
    return { available: false, reason: `SUL unavailable: Patient's Size (0010,1020) is ${heightM}; expected metres (${PLAUSIBLE_HEIGHT_M.join('–')})` };
  }
  if (!(weightKg! > 0)) return { available: false, reason: `SUL unavailable: Patient's Weight (0010,1030) is ${weightKg}; expected kilograms > 0` };
  const lbm = leanBodyMassKg({ sex, heightM: heightM!, weightKg: weightKg! }, { formula });
  if (!(lbm > 0)) return { available: false, reason: `SUL unavailable: the ${formula} formula gives a lean body mass of ${lbm.toFixed(1)} kg for ${weightKg} kg at ${heightM} m` };
  return { available: true, factor: lbm / weightKg!, leanBodyMassKg: lbm, formula };
}

/**
 * The SUL factor of a PET volume in SUVbw, from the body facts `applySuv` keeps in
 * `meta.extra` (patientSex, patientHeightM, patientWeightKg).
 *
 * @example const s = sulFactorOf(pet); if (s.available) sulPeak = suvPeak * s.factor;
 */
export function sulFactorOf(volume: Volume, options: Partial<LeanBodyMassOptions> = {}): SulFactor {
  if (volume.units !== 'SUVbw') return { available: false, reason: `SUL unavailable: the volume is in ${volume.units}, not SUVbw` };
  const x = volume.meta.extra ?? {};
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  return sulFactorFromBody({ sex: typeof x.patientSex === 'string' ? x.patientSex : undefined, heightM: num(x.patientHeightM), weightKg: num(x.patientWeightKg) }, options);
}
