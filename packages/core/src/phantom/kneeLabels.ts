/** Label ids of the knee phantom, by name. */
export const KNEE_LABEL = {
  background: 0,
  subcutaneousFat: 1,
  muscle: 2,
  jointFluid: 3,
  femur: 4,
  tibia: 5,
  femoralCartilage: 6,
  tibialCartilage: 7,
} as const;

/**
 * Noise-free signal (arbitrary units) of the materials of a proton-density-weighted knee MR
 * without fat suppression: fat and fatty marrow bright, fluid above cartilage, muscle
 * intermediate, cortical bone a signal void.
 */
export const KNEE_SIGNAL = {
  air: 0,
  fat: 1000,
  marrow: 880,
  cortex: 60,
  muscle: 350,
  fluid: 780,
  cartilage: 560,
} as const;

/** One row of the knee phantom's label table. */
export interface KneeLabel {
  id: number;
  /** Machine name, stable across versions. */
  name: string;
  displayName: string;
  /** RGB 0–255. */
  color: [number, number, number];
  /** Noise-free signal of the label's interior (bones: the marrow). */
  signal: number;
}

/** The knee phantom's label table. */
export const KNEE_LABELS: readonly KneeLabel[] = [
  { id: 0, name: 'background', displayName: 'Background (air)', color: [0, 0, 0], signal: KNEE_SIGNAL.air },
  { id: 1, name: 'subcutaneous_fat', displayName: 'Subcutaneous fat', color: [255, 238, 170], signal: KNEE_SIGNAL.fat },
  { id: 2, name: 'muscle', displayName: 'Muscle and tendons', color: [192, 104, 88], signal: KNEE_SIGNAL.muscle },
  { id: 3, name: 'joint_fluid', displayName: 'Joint fluid', color: [120, 190, 255], signal: KNEE_SIGNAL.fluid },
  { id: 4, name: 'femur', displayName: 'Femur', color: [241, 241, 230], signal: KNEE_SIGNAL.marrow },
  { id: 5, name: 'tibia', displayName: 'Tibia', color: [220, 220, 200], signal: KNEE_SIGNAL.marrow },
  { id: 6, name: 'femoral_cartilage', displayName: 'Femoral cartilage', color: [80, 200, 160], signal: KNEE_SIGNAL.cartilage },
  { id: 7, name: 'tibial_cartilage', displayName: 'Tibial cartilage', color: [60, 140, 230], signal: KNEE_SIGNAL.cartilage },
];
