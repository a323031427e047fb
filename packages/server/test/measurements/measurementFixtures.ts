import { createVolume, encodeCtSlice, type CtSeriesInfo } from '@voxa/core';
import type { Measurement } from '@voxa/core';

/** The study the tests measure on: two CT series of one 4×4 slice each (UIDs under 2.25, no registered root needed). */
export const STUDY = '2.25.31415926535897932384626433';
export const SERIES_A = '2.25.31415926535897932384626433.1';
export const SERIES_B = '2.25.31415926535897932384626433.2';
export const FRAME_OF_REFERENCE = '2.25.31415926535897932384626433.9';
/** Another study of the archive, with its own series. */
export const OTHER_STUDY = '2.25.27182818284590452353602874';
export const OTHER_SERIES = '2.25.27182818284590452353602874.1';

/** One CT slice (4×4 voxels of 0 HU, 1 mm, identity orientation) as a Part 10 file. */
function ctSlice(studyInstanceUid: string, seriesInstanceUid: string, seriesNumber: number): Uint8Array {
  const volume = createVolume({ dimensions: [4, 4, 1], voxels: new Int16Array(16), units: 'HU' });
  const info: CtSeriesInfo = {
    patientName: 'MEASURE^TEST', patientId: 'MEAS-1', studyInstanceUid, studyDate: '20240102', studyTime: '101500', studyId: '1',
    seriesInstanceUid, seriesNumber, frameOfReferenceUid: FRAME_OF_REFERENCE, manufacturer: 'Voxa test',
  };
  return encodeCtSlice(volume, 0, info, `${seriesInstanceUid}.1`);
}

/** The Part 10 files of STUDY (SERIES_A, SERIES_B) and OTHER_STUDY (OTHER_SERIES). */
export function measurementFixtureFiles(): Uint8Array[] {
  return [ctSlice(STUDY, SERIES_A, 1), ctSlice(STUDY, SERIES_B, 2), ctSlice(OTHER_STUDY, OTHER_SERIES, 1)];
}

/** A valid length measurement on SERIES_A: 30 mm between (0, 0, 0) and (30, 0, 0) LPS. */
export function lengthMeasurement(id: string, extra: Partial<Measurement> = {}): Measurement {
  return {
    id,
    kind: 'length',
    seriesInstanceUid: SERIES_A,
    frameOfReferenceUid: FRAME_OF_REFERENCE,
    points: [[0, 0, 0], [30, 0, 0]],
    plane: { origin: [0, 0, 0], row: [1, 0, 0], column: [0, 1, 0] },
    label: 'target 1',
    values: { lengthMm: 30 },
    ...extra,
  };
}
