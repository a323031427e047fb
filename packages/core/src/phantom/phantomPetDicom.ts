import { encodePetSlice, F18_HALF_LIFE_S, type PetSeriesInfo } from '../dicom/write/encodePetSlice.ts';
import { createVolume, type Volume } from '../volume/Volume.ts';
import { PHANTOM_MANUFACTURER } from './phantomDicom.ts';
import type { PhantomPet } from './generatePhantomPet.ts';

/** The phantom's FDG session: 370 MBq injected at 08:30, PET started at 09:35 (65 min uptake), after the CT at 09:00. */
export const PHANTOM_PET_SESSION = { injectionTime: '083000', seriesTime: '093500', injectedDoseBq: 370e6, halfLifeS: F18_HALF_LIFE_S } as const;

/** Seconds from the injection to the PET series start (DecayCorrection START's reference). */
const UPTAKE_S = 65 * 60;

/**
 * Bq/ml per SUVbw of the phantom session: the dose decayed to the series start over the body
 * weight in grams (PS3.3 C.8.9.1 SUVbw = activity × weight / decayed dose, inverted).
 */
export function phantomBqmlPerSuv(weightKg: number): number {
  const { injectedDoseBq, halfLifeS } = PHANTOM_PET_SESSION;
  return (injectedDoseBq * 2 ** (-UPTAKE_S / halfLifeS)) / (weightKg * 1000);
}

/** The PET series attributes of a phantom time point: the CT's study, its own series 2. */
export function phantomPetSeriesInfo(p: PhantomPet): PetSeriesInfo {
  const m = p.pet.meta;
  const { sex, heightM, weightKg } = p.truth.patient;
  return {
    patientName: m.patientName!,
    patientId: m.patientId!,
    patientBirthDate: '19600101',
    patientSex: sex as 'M' | 'F',
    patientSizeM: heightM,
    patientWeightKg: weightKg,
    studyInstanceUid: m.studyInstanceUid!,
    studyDate: m.studyDate!,
    studyTime: '090000',
    studyId: `TP${p.index}`,
    studyDescription: m.studyDescription,
    seriesInstanceUid: p.seriesInstanceUid,
    seriesNumber: 2,
    seriesDescription: 'Phantom FDG PET',
    seriesDate: m.studyDate!,
    seriesTime: PHANTOM_PET_SESSION.seriesTime,
    frameOfReferenceUid: m.frameOfReferenceUid!,
    manufacturer: PHANTOM_MANUFACTURER,
    manufacturerModelName: 'Voxa digital torso v1',
    bodyPartExamined: 'CHEST',
    injectionTime: PHANTOM_PET_SESSION.injectionTime,
    injectedDoseBq: PHANTOM_PET_SESSION.injectedDoseBq,
    halfLifeS: PHANTOM_PET_SESSION.halfLifeS,
    imageComments: 'Synthetic phantom PET: designed uptake, no blur, no noise. Not a patient.',
  };
}

/** The phantom PET in Bq/ml (what the scanner stores), from its SUVbw. */
export function phantomPetActivity(p: PhantomPet): Volume {
  const f = phantomBqmlPerSuv(p.truth.patient.weightKg);
  const src = p.pet.voxels;
  const voxels = new Float32Array(src.length);
  for (let n = 0; n < src.length; n++) voxels[n] = src[n] * f;
  return createVolume({ dimensions: p.pet.dimensions, voxels, indexToWorld: p.pet.indexToWorld, units: 'BQML', meta: { ...p.pet.meta, extra: {} } });
}

/** Slice k of the phantom PET as a PET Image Storage Part 10 file, from its Bq/ml volume. */
export function encodePhantomPetSlice(p: PhantomPet, activity: Volume, k: number, info: PetSeriesInfo = phantomPetSeriesInfo(p)): Uint8Array {
  return encodePetSlice(activity, k, info, p.sopInstanceUid(k));
}
