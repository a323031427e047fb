import { describe, expect, it } from 'vitest';
import { lesionObservationFromGroup, lesionTrackingUid, measurementGroupFromLesion } from '../../../src/dicom/sr/lesionMeasurementGroup.ts';
import { readMeasurementReport } from '../../../src/dicom/sr/readMeasurementReport.ts';
import { SR_CONCEPT, SR_UNIT } from '../../../src/dicom/sr/srCodes.ts';
import { writeMeasurementReport } from '../../../src/dicom/sr/writeMeasurementReport.ts';
import { isDicomUid } from '../../../src/dicom/sr/validateMeasurementReport.ts';
import type { LesionMeasurement } from '../../../src/longitudinal/measureLesionsOverTime.ts';
import { SEGMENT_TYPE } from '../../../src/segmentation/CodedConcept.ts';
import { BASELINE, PATIENT_ID, threeLesionReport } from './measurementReportFixture.ts';

/** An automatic measurement as measureLesionsOverTime returns it: a 30 × 20 mm axial section. */
const measured: LesionMeasurement = {
  lesionId: 'N7',
  scan: 0,
  seedLps: [10, 20, -450],
  axes: { longMm: 30, shortMm: 20, perpendicularityDeg: 90, longA: [-5, 20, -450], longB: [25, 20, -450], shortA: [10, 10, -450], shortB: [10, 30, -450], slice: 12 },
  volumeMm3: 6283.2,
  meanHu: 41.5,
  voxelCount: 1234,
  method: 'surface-fit',
};

describe('lesion measurements as SR measurement groups', () => {
  it('gives a lesion the same valid Tracking Unique Identifier every time, and another lesion another one', () => {
    const uid = lesionTrackingUid(PATIENT_ID, 'N7');
    expect(isDicomUid(uid)).toBe(true);
    expect(lesionTrackingUid(PATIENT_ID, 'N7')).toBe(uid);
    expect(lesionTrackingUid(PATIENT_ID, 'N8')).not.toBe(uid);
    expect(lesionTrackingUid('another patient', 'N7')).not.toBe(uid);
  });

  it('turns an automatic measurement into long/short axis with end points, volume and mean HU', () => {
    const g = measurementGroupFromLesion(measured, { patientId: PATIENT_ID, frameOfReferenceUid: BASELINE.frame, timePoint: '2024-01-08', findingSite: SEGMENT_TYPE.lymphNode });
    expect(g.trackingId).toBe('N7');
    expect(g.trackingUid).toBe(lesionTrackingUid(PATIENT_ID, 'N7'));
    expect(g.measurements.map((m) => [m.concept.meaning, m.value, m.unit.value])).toEqual([
      ['Long Axis', 30, 'mm'], ['Short Axis', 20, 'mm'], ['Volume', 6283.2, 'mm3'], ['Attenuation Coefficient', 41.5, "[hnsf'U]"],
    ]);
    expect(g.measurements[0].pathLps).toEqual([[-5, 20, -450], [25, 20, -450]]);
    expect(g.measurements[1].pathLps).toEqual([[10, 10, -450], [10, 30, -450]]);
  });

  it('reads a written group back as the response engine\'s LesionObservation', async () => {
    const o = threeLesionReport();
    const g = measurementGroupFromLesion(measured, { patientId: PATIENT_ID, frameOfReferenceUid: BASELINE.frame, timePoint: 'baseline' });
    const back = await readMeasurementReport(writeMeasurementReport({ ...o, groups: [g] }));
    expect(lesionObservationFromGroup(back.groups[0])).toEqual({ longAxisMm: 30, shortAxisMm: 20, volumeMm3: 6283.2, meanHu: 41.5 });
  });

  it('does not take a diameter in another unit as millimetres', () => {
    const g = measurementGroupFromLesion(measured, { patientId: PATIENT_ID, frameOfReferenceUid: BASELINE.frame });
    const inCm = { ...g, measurements: [{ concept: SR_CONCEPT.longAxis, value: 3, unit: { value: 'cm', scheme: 'UCUM', meaning: 'centimeter' } }] };
    expect(lesionObservationFromGroup(inCm)).toEqual({});
    expect(lesionObservationFromGroup({ ...g, measurements: [{ concept: SR_CONCEPT.mean, value: 12, unit: SR_UNIT.hu }] })).toEqual({ meanHu: 12 });
  });
});
