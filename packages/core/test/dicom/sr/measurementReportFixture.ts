import type { Point3 } from '../../../src/math/Vec3.ts';
import { SEGMENT_TYPE, sct } from '../../../src/segmentation/CodedConcept.ts';
import { SEGMENTATION_STORAGE } from '../../../src/segmentation/io/segConstants.ts';
import type { SrMeasurementGroup, SrSourceSeries } from '../../../src/dicom/sr/MeasurementReport.ts';
import { SR_VALUE } from '../../../src/dicom/sr/srCodes.ts';
import { longAxisMeasurement, meanAttenuationMeasurement, shortAxisMeasurement, volumeMeasurement } from '../../../src/dicom/sr/srMeasurements.ts';
import type { WriteMeasurementReportOptions } from '../../../src/dicom/sr/writeMeasurementReport.ts';
import { uidFromName } from '../../../src/dicom/write/uidFromName.ts';
import { lesionTrackingUid } from '../../../src/dicom/sr/lesionMeasurementGroup.ts';

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const uid = (name: string) => uidFromName(`voxa/test/sr/${name}`);

/** A made-up chest/abdomen CT patient: a baseline study and the follow-up this report belongs to. */
export const PATIENT_ID = 'VOXA-SR-001';
export const BASELINE = { study: uid('study/baseline'), series: uid('series/baseline'), frame: uid('for/baseline'), date: '20240108' };
export const FOLLOW_UP = { study: uid('study/follow-up'), series: uid('series/follow-up'), frame: uid('for/follow-up'), date: '20240311' };
export const FOLLOW_UP_SEG = { series: uid('series/follow-up-seg'), instance: uid('instance/follow-up-seg') };

function ctSeries(tp: typeof BASELINE, slices: number, own: boolean): SrSourceSeries {
  return {
    ...(own ? {} : { studyInstanceUid: tp.study }),
    seriesInstanceUid: tp.series,
    modality: 'CT',
    frameOfReferenceUid: tp.frame,
    studyDate: tp.date,
    instances: Array.from({ length: slices }, (_, k) => ({ sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: uid(`instance/${tp.series}/${k + 1}`) })),
  };
}

/**
 * The end points of an axis of length `mm` through `centre` along the axial direction at `angleDeg`
 * from L (patient LPS mm), so that the written lengths and end points agree.
 */
function axis(centre: Point3, mm: number, angleDeg: number): [Point3, Point3] {
  const a = (angleDeg * Math.PI) / 180, dx = (Math.cos(a) * mm) / 2, dy = (Math.sin(a) * mm) / 2;
  return [[centre[0] - dx, centre[1] - dy, centre[2]], [centre[0] + dx, centre[1] + dy, centre[2]]];
}

interface LesionAt {
  longMm: number;
  shortMm: number;
  volumeMm3: number;
  meanHu: number;
  centre: Point3;
  angleDeg: number;
}

function group(id: string, site: SrMeasurementGroup['findingSite'], tp: typeof BASELINE, label: string, m: LesionAt, roi?: SrMeasurementGroup['roi']): SrMeasurementGroup {
  return {
    trackingId: id,
    trackingUid: lesionTrackingUid(PATIENT_ID, id),
    timePoint: label,
    finding: SR_VALUE.neoplasm,
    findingSite: site,
    frameOfReferenceUid: tp.frame,
    ...(roi ? { roi } : {}),
    measurements: [
      longAxisMeasurement(m.longMm, axis(m.centre, m.longMm, m.angleDeg)),
      shortAxisMeasurement(m.shortMm, axis(m.centre, m.shortMm, m.angleDeg + 90)),
      volumeMeasurement(m.volumeMm3),
      meanAttenuationMeasurement(m.meanHu),
    ],
  };
}

const LIVER = sct('10200004', 'Liver');
const RIGHT_LOWER_LOBE = sct('266005', 'Lower lobe of right lung');

/**
 * Three lesions at two time points: a liver metastasis (its follow-up with a SEG segment: TID
 * 1411), a right lower lobe nodule (with its axial outline: TID 1410) and a subcarinal lymph node
 * (axes only: TID 1501). One volume (9876.543210987654 mm³) needs more than a 16-character DS.
 */
export function threeLesionReport(): WriteMeasurementReportOptions {
  const groups: SrMeasurementGroup[] = [
    group('L1', LIVER, BASELINE, 'baseline', { longMm: 32.4, shortMm: 21.7, volumeMm3: 9876.543210987654, meanHu: 48.3, centre: [-85.25, 40.5, -612.75], angleDeg: 30 }),
    group('L2', RIGHT_LOWER_LOBE, BASELINE, 'baseline', { longMm: 18.6, shortMm: 12.3, volumeMm3: 1432.75, meanHu: 28.6, centre: [-102.5, 55.25, -480.5], angleDeg: -20 },
      { kind: 'outline', polygonLps: [[-111.5, 55.25, -480.5], [-102.5, 49.1, -480.5], [-93.5, 55.25, -480.5], [-102.5, 61.4, -480.5]] }),
    group('N1', SEGMENT_TYPE.lymphNode, BASELINE, 'baseline', { longMm: 24.1, shortMm: 16.8, volumeMm3: 3120.4, meanHu: 35.2, centre: [12.5, 20.75, -455.25], angleDeg: 75 }),
    group('L1', LIVER, FOLLOW_UP, 'follow-up 1', { longMm: 27.9, shortMm: 18.2, volumeMm3: 6543.21, meanHu: 52.1, centre: [-84.5, 41.25, -611.5], angleDeg: 28 },
      { kind: 'segment', sopClassUid: SEGMENTATION_STORAGE, sopInstanceUid: FOLLOW_UP_SEG.instance, seriesInstanceUid: FOLLOW_UP_SEG.series, segmentNumber: 1, sourceSeriesUid: FOLLOW_UP.series }),
    group('L2', RIGHT_LOWER_LOBE, FOLLOW_UP, 'follow-up 1', { longMm: 14.2, shortMm: 9.6, volumeMm3: 702.5, meanHu: 24.9, centre: [-101.75, 54.5, -479.25], angleDeg: -15 }),
    group('N1', SEGMENT_TYPE.lymphNode, FOLLOW_UP, 'follow-up 1', { longMm: 19.4, shortMm: 11.3, volumeMm3: 1498.6, meanHu: 33.7, centre: [12.25, 21.5, -455.75], angleDeg: 80 }),
  ];
  return {
    study: {
      patientName: 'Sample^Patient', patientId: PATIENT_ID, patientBirthDate: '19580412', patientSex: 'F',
      studyInstanceUid: FOLLOW_UP.study, studyDate: FOLLOW_UP.date, studyTime: '093015', studyId: 'CT2', accessionNumber: 'ACC20240311',
      referringPhysicianName: 'Referrer^Robin', studyDescription: 'CT chest abdomen pelvis with contrast',
    },
    observer: { kind: 'person', name: 'Reader^Riley', organization: 'Voxa Imaging Centre' },
    sourceSeries: [ctSeries(FOLLOW_UP, 4, true), ctSeries(BASELINE, 3, false)],
    groups,
    sopInstanceUid: uid('instance/report'),
    seriesInstanceUid: uid('series/report'),
    contentDateTime: new Date(2024, 2, 11, 14, 30, 5),
  };
}
