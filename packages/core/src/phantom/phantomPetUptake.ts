import type { Vec3 } from '../math/Vec3.ts';
import { PHANTOM_LABEL } from './phantomLabels.ts';

/**
 * Designed FDG uptake (SUVbw) of the phantom's normal structures, by label id: liver 2.0 and
 * blood pool 1.6 (PERCIST's two references), red marrow in the vertebrae, kidneys for urinary
 * excretion, lungs and fat low, other soft tissue 0.5; air 0. Every structure is uniform, so the
 * truth is exact at any PET voxel whose centre lies in it.
 */
export const PHANTOM_PET_SUV: Readonly<Record<number, number>> = {
  [PHANTOM_LABEL.background]: 0,
  [PHANTOM_LABEL.skin]: 0.5,
  [PHANTOM_LABEL.subcutaneousFat]: 0.3,
  [PHANTOM_LABEL.muscle]: 0.6,
  [PHANTOM_LABEL.visceralFat]: 0.3,
  [PHANTOM_LABEL.vertebrae]: 1.3,
  [PHANTOM_LABEL.intervertebralDiscs]: 0.5,
  [PHANTOM_LABEL.spinalCanal]: 0.5,
  [PHANTOM_LABEL.ribs]: 1.0,
  [PHANTOM_LABEL.rightLung]: 0.4,
  [PHANTOM_LABEL.leftLung]: 0.4,
  [PHANTOM_LABEL.airway]: 0,
  [PHANTOM_LABEL.heart]: 1.6,
  [PHANTOM_LABEL.aorta]: 1.6,
  [PHANTOM_LABEL.liver]: 2.0,
  [PHANTOM_LABEL.spleen]: 1.8,
  [PHANTOM_LABEL.rightKidney]: 3.0,
  [PHANTOM_LABEL.leftKidney]: 3.0,
};

/**
 * Designed SUVmax (SUVbw, uniform inside the lesion) of each lesion per time point (0 when absent).
 * The PERCIST story: liver-1 is the hottest lesion throughout; at time point 1 every lesion
 * halves (hottest SULpeak −50 %, PMR); at time point 2 uptake rises a little but stays below
 * baseline, and the new FDG-avid lesion liver-2 makes it PMD. Every lesion is hotter than any
 * normal structure (≥ 3.5 > kidney 3.0), so its SUVmax over a CT segment grown by a few mm is
 * its own design.
 */
export const PHANTOM_LESION_SUV: Readonly<Record<string, readonly [number, number, number]>> = {
  'liver-1': [12, 6, 7],
  'lung-1': [7, 3.5, 4],
  'node-1': [9, 4.5, 5],
  'liver-2': [0, 0, 8],
};

/** The phantom patient as the PET records him (Patient's Sex, Size, Weight): what SUVbw and SUL need. */
export const PHANTOM_PET_PATIENT = { sex: 'M', heightM: 1.78, weightKg: 80 } as const;

/**
 * A point of normal right liver lobe in baseline LPS mm for PERCIST's 3 cm liver sphere: the
 * sphere lies in liver at every time point (the patient's motion carried along) and ≥ 15 mm
 * from the liver lesions.
 */
export const PHANTOM_LIVER_REFERENCE_LPS: Readonly<Vec3> = [-85, 0, -55];
