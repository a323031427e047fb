import type { Point3 } from '../../math/Vec3.ts';
import type { SrMeasurement } from './MeasurementReport.ts';
import { SR_CONCEPT, SR_UNIT } from './srCodes.ts';

/** Long Axis (SCT 103339001) in mm, with its two end points (LPS mm) when known. */
export function longAxisMeasurement(mm: number, endPointsLps?: readonly [Point3, Point3]): SrMeasurement {
  return { concept: SR_CONCEPT.longAxis, value: mm, unit: SR_UNIT.mm, ...(endPointsLps ? { pathLps: [...endPointsLps] } : {}) };
}

/** Short Axis (SCT 103340004) in mm, with its two end points (LPS mm) when known. */
export function shortAxisMeasurement(mm: number, endPointsLps?: readonly [Point3, Point3]): SrMeasurement {
  return { concept: SR_CONCEPT.shortAxis, value: mm, unit: SR_UNIT.mm, ...(endPointsLps ? { pathLps: [...endPointsLps] } : {}) };
}

/** Volume (SCT 118565006) in mm³. */
export function volumeMeasurement(mm3: number): SrMeasurement {
  return { concept: SR_CONCEPT.volume, value: mm3, unit: SR_UNIT.mm3 };
}

/** Mean attenuation over the ROI: Attenuation Coefficient (DCM 112031) derived as Mean (SCT 373098007), in HU. */
export function meanAttenuationMeasurement(hu: number): SrMeasurement {
  return { concept: SR_CONCEPT.attenuationCoefficient, value: hu, unit: SR_UNIT.hu, derivation: SR_CONCEPT.mean };
}
