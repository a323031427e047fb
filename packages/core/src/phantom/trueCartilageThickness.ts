import { VoxaError } from '../errors/VoxaError.ts';
import type { Point3 } from '../math/Vec3.ts';
import { kneeCartilagePlates } from './kneeAnatomy.ts';
import type { CartilagePlate } from './shapes/CartilagePlate.ts';

let plates: CartilagePlate[] | undefined;

/**
 * The knee phantom's true cartilage thickness (mm) at an LPS point in or near its cartilage: the
 * designed thickness t(s₁, s₂) of the plate whose shell is nearest to the point, at the point's
 * foot on that plate's bone surface (clamped to the footprint's outline). It is the thickness
 * along the bone normal, which is also the diameter of the largest ball inside the plate that
 * touches the point, up to second-order terms in the thickness slope. `label` restricts the
 * search to the plates of one label (KNEE_LABEL.femoralCartilage or .tibialCartilage).
 *
 * @example
 * trueCartilageThicknessMm([20, 3, 6.5], KNEE_LABEL.femoralCartilage); // ≈ 3 mm, medial condyle
 */
export function trueCartilageThicknessMm(pointLps: Point3, label?: number): number {
  plates ??= kneeCartilagePlates();
  const finite = pointLps?.length === 3 && pointLps.every(Number.isFinite);
  let best: CartilagePlate | undefined, bestD = Infinity;
  for (const plate of finite ? plates : []) {
    if (label !== undefined && plate.paint.label !== label) continue;
    const d = Math.max(0, plate.signedDistanceMm(pointLps[0], pointLps[1], pointLps[2]));
    if (d < bestD) {
      bestD = d;
      best = plate;
    }
  }
  if (!best || !Number.isFinite(bestD)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'trueCartilageThicknessMm', label: label ?? 'any' }, `no cartilage plate for point ${pointLps.join(', ')} (expected a finite LPS point and a cartilage label)`);
  }
  return best.thicknessMm(pointLps[0], pointLps[1], pointLps[2]);
}
