import type { Measurement } from '../../measure/Measurement.ts';
import { VoxaError } from '../../errors/VoxaError.ts';
import { findingSiteOfOrgan } from './findingSites.ts';
import { lesionTrackingUid } from './lesionMeasurementGroup.ts';
import type { SrMeasurement, SrMeasurementGroup } from './MeasurementReport.ts';
import { SR_VALUE } from './srCodes.ts';
import { longAxisMeasurement, meanAttenuationMeasurement, shortAxisMeasurement, volumeMeasurement } from './srMeasurements.ts';

/**
 * A measurement group from a reader's lesion-tagged measurement (a bidirectional's long and short
 * axis with their end points, a length's long axis; volume and mean HU where its values have
 * them; a disappeared lesion as a 0 mm long axis), tracked by the patient's lesion id at the time
 * point `timePoint`. undefined when the measurement has no number to report (a non-target seen as
 * present): the SR carries measurements, the assessment keeps the status.
 */
export function measurementGroupFromMeasurement(m: Measurement, patientId: string, timePoint: string, frameOfReferenceUid?: string): SrMeasurementGroup | undefined {
  const lesion = m.lesion;
  if (!lesion) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { measurement: m.id }, 'not a lesion measurement: it has no lesion tag');
  const p = m.points, v = m.values;
  const out: SrMeasurement[] = [];
  if (lesion.presence === 'disappeared') out.push(longAxisMeasurement(0));
  else if (m.kind === 'bidirectional' && Number.isFinite(v.longMm) && Number.isFinite(v.shortMm)) {
    out.push(longAxisMeasurement(v.longMm, [p[0], p[1]]), shortAxisMeasurement(v.shortMm, [p[2], p[3]]));
  } else if (m.kind === 'length' && Number.isFinite(v.lengthMm)) out.push(longAxisMeasurement(v.lengthMm, [p[0], p[1]]));
  if (lesion.presence !== 'disappeared') {
    if (Number.isFinite(v.volumeMm3)) out.push(volumeMeasurement(v.volumeMm3));
    const meanHu = Number.isFinite(v.meanHu) ? v.meanHu : m.units === 'HU' && Number.isFinite(v.mean) ? v.mean : undefined;
    if (meanHu !== undefined) out.push(meanAttenuationMeasurement(meanHu));
  }
  if (out.length === 0) return undefined;
  const frame = m.frameOfReferenceUid ?? frameOfReferenceUid;
  const site = findingSiteOfOrgan(lesion.organ);
  return {
    trackingId: lesion.id,
    trackingUid: lesionTrackingUid(patientId, lesion.id),
    timePoint,
    finding: SR_VALUE.neoplasm,
    ...(site ? { findingSite: site } : {}),
    ...(frame ? { frameOfReferenceUid: frame } : {}),
    measurements: out,
  };
}
