import type { LesionMeasurement } from '../../longitudinal/measureLesionsOverTime.ts';
import type { LesionObservation } from '../../response/ResponseInput.ts';
import { type CodedConcept, sameConcept } from '../../segmentation/CodedConcept.ts';
import { uidFromName } from '../write/uidFromName.ts';
import type { SrMeasurementGroup, SrRoi } from './MeasurementReport.ts';
import { SR_CONCEPT, SR_UNIT, SR_VALUE } from './srCodes.ts';
import { longAxisMeasurement, meanAttenuationMeasurement, shortAxisMeasurement, volumeMeasurement } from './srMeasurements.ts';

/**
 * The Tracking Unique Identifier of a patient's lesion (PS3.16 TID 4108): derived from the patient
 * and lesion ids, so every report about the lesion, at every time point, carries the same UID.
 */
export function lesionTrackingUid(patientId: string, lesionId: string): string {
  return uidFromName(`voxa/lesion/${patientId}/${lesionId}`);
}

/** What a measurement group needs besides an automatic {@link LesionMeasurement}. */
export interface LesionGroupOptions {
  /** For the lesion's Tracking Unique Identifier ({@link lesionTrackingUid}). */
  patientId: string;
  /** The scan's Frame of Reference (the axes' end points are in its LPS space). */
  frameOfReferenceUid: string;
  /** TID 1502 Time Point, e.g. the scan's ISO date. */
  timePoint?: string;
  /** Default: Neoplasm (SCT 108369006). */
  finding?: CodedConcept;
  findingSite?: CodedConcept;
  /** The lesion's segment in a SEG written for the scan, when there is one (makes it a TID 1411 group). */
  roi?: SrRoi;
}

/**
 * A measurement group from one automatic lesion measurement (measureLesionsOverTime): long and
 * short axis with their end points, volume and mean attenuation, tracked by the lesion id.
 */
export function measurementGroupFromLesion(m: LesionMeasurement, options: LesionGroupOptions): SrMeasurementGroup {
  const a = m.axes;
  return {
    trackingId: m.lesionId,
    trackingUid: lesionTrackingUid(options.patientId, m.lesionId),
    ...(options.timePoint ? { timePoint: options.timePoint } : {}),
    finding: options.finding ?? SR_VALUE.neoplasm,
    ...(options.findingSite ? { findingSite: options.findingSite } : {}),
    frameOfReferenceUid: options.frameOfReferenceUid,
    ...(options.roi ? { roi: options.roi } : {}),
    measurements: [
      longAxisMeasurement(a.longMm, [a.longA, a.longB]),
      shortAxisMeasurement(a.shortMm, [a.shortA, a.shortB]),
      volumeMeasurement(m.volumeMm3),
      meanAttenuationMeasurement(m.meanHu),
    ],
  };
}

/**
 * The response engine's observation of a group read from a report: long and short axis in mm,
 * volume in mm³ and mean HU, each taken only when its concept and unit are the ones Voxa writes
 * (a cm or mL value is not silently rescaled).
 */
export function lesionObservationFromGroup(group: SrMeasurementGroup): LesionObservation {
  const find = (concept: CodedConcept, unit: CodedConcept, derivation?: CodedConcept) => group.measurements.find((m) =>
    sameConcept(m.concept, concept) && sameConcept(m.unit, unit) && (derivation ? sameConcept(m.derivation, derivation) : !m.derivation))?.value;
  const observation: LesionObservation = {};
  const longAxisMm = find(SR_CONCEPT.longAxis, SR_UNIT.mm);
  const shortAxisMm = find(SR_CONCEPT.shortAxis, SR_UNIT.mm);
  const volumeMm3 = find(SR_CONCEPT.volume, SR_UNIT.mm3);
  const meanHu = find(SR_CONCEPT.attenuationCoefficient, SR_UNIT.hu, SR_CONCEPT.mean) ?? find(SR_CONCEPT.mean, SR_UNIT.hu);
  if (longAxisMm !== undefined) observation.longAxisMm = longAxisMm;
  if (shortAxisMm !== undefined) observation.shortAxisMm = shortAxisMm;
  if (volumeMm3 !== undefined) observation.volumeMm3 = volumeMm3;
  if (meanHu !== undefined) observation.meanHu = meanHu;
  return observation;
}
