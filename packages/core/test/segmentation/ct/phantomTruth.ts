import { PHANTOM_LABEL } from '../../../src/phantom/phantomLabels.ts';
import type { CtStructure } from '../../../src/segmentation/ct/ctStructureMasks.ts';

const L = PHANTOM_LABEL;

/**
 * How each structure maps onto the phantom's labels. Body: every non-background label. Bones:
 * vertebrae + ribs (discs and the spinal canal are not bone). Skin is the phantom's arbitrary
 * 3 mm shell of the torso outline (real skin is 1.5–4 mm): the rule finds the dense layer over
 * the subcutaneous fat, so it matches wherever the shell is denser than the fat beneath.
 * Muscle: the body-wall ring, the back muscles and the psoas (the rules do not find the psoas,
 * ≈ 2.5% of the phantom's muscle).
 */
export const TRUTH: Record<CtStructure, number[]> = {
  body: Object.values(L).filter((v) => v !== 0),
  skin: [L.skin],
  subcutaneousFat: [L.subcutaneousFat],
  visceralFat: [L.visceralFat],
  muscle: [L.muscle],
  bones: [L.vertebrae, L.ribs],
  rightLung: [L.rightLung],
  leftLung: [L.leftLung],
  airway: [L.airway],
};

/** Dice of a mask against the union of some phantom labels. */
export function diceToLabels(mask: Uint8Array, labels: Uint8Array, ids: number[]): number {
  const lut = new Uint8Array(256);
  for (const id of ids) lut[id] = 1;
  let both = 0, sum = 0;
  for (let n = 0; n < mask.length; n++) {
    const t = lut[labels[n]];
    both += mask[n] & t;
    sum += mask[n] + t;
  }
  return (2 * both) / sum;
}
