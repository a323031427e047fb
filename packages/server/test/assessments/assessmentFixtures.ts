import { createVolume, encodeCtSlice, type CtSeriesInfo } from '@voxa/core';

/** The patient the tests assess, and their studies (UIDs under 2.25). */
export const PATIENT = 'RESP-1';
export const BASELINE = '2.25.1618033988749894848204586834';
export const FOLLOW_UP_1 = '2.25.1618033988749894848204586835';
export const FOLLOW_UP_2 = '2.25.1618033988749894848204586836';
/** A study of another patient. */
export const OTHER_PATIENT = 'RESP-2';
export const OTHER_PATIENT_STUDY = '2.25.1414213562373095048801688724';
/** A study that is not in the archive. */
export const UNKNOWN_STUDY = '2.25.999';

/** One CT slice (4×4 voxels of 0 HU) of a one-series study as a Part 10 file. */
function ctSlice(patientId: string, studyInstanceUid: string, studyDate: string): Uint8Array {
  const volume = createVolume({ dimensions: [4, 4, 1], voxels: new Int16Array(16), units: 'HU' });
  const seriesInstanceUid = `${studyInstanceUid}.1`;
  const info: CtSeriesInfo = {
    patientName: 'ASSESS^TEST', patientId, studyInstanceUid, studyDate, studyTime: '090000', studyId: '1',
    seriesInstanceUid, seriesNumber: 1, frameOfReferenceUid: `${studyInstanceUid}.9`, manufacturer: 'Voxa test',
  };
  return encodeCtSlice(volume, 0, info, `${seriesInstanceUid}.1`);
}

/** The Part 10 files of PATIENT's three studies and OTHER_PATIENT's one. */
export function assessmentFixtureFiles(): Uint8Array[] {
  return [
    ctSlice(PATIENT, BASELINE, '20240101'),
    ctSlice(PATIENT, FOLLOW_UP_1, '20240401'),
    ctSlice(PATIENT, FOLLOW_UP_2, '20240701'),
    ctSlice(OTHER_PATIENT, OTHER_PATIENT_STUDY, '20240101'),
  ];
}
