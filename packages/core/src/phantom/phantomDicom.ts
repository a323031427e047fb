import { type CtSeriesInfo, CT_WINDOW_PRESETS, encodeCtSlice } from '../dicom/write/encodeCtSlice.ts';
import { PHANTOM_PET_PATIENT } from './phantomPetUptake.ts';
import { PHANTOM_PATIENT_NAME, type PhantomTimePoint, phantomPatientId } from './generatePhantom.ts';

/** Manufacturer (0008,0070) written into every phantom slice. */
export const PHANTOM_MANUFACTURER = 'Voxa phantom';

/** The CT series attributes of a phantom time point: one study per time point, one series. */
export function phantomCtSeriesInfo(tp: PhantomTimePoint): CtSeriesInfo {
  const o = tp.options;
  return {
    patientName: PHANTOM_PATIENT_NAME,
    patientId: phantomPatientId(o.seed),
    patientBirthDate: '19600101',
    patientSex: PHANTOM_PET_PATIENT.sex, // one patient: the PET's SUL needs M or F
    studyInstanceUid: tp.uids.studyInstanceUid,
    studyDate: tp.truth.studyDate,
    studyTime: '090000',
    studyId: `TP${tp.index}`,
    studyDescription: `Voxa phantom CT, time point ${tp.index} (${tp.kind})`,
    accessionNumber: `VXP${o.seed % 100000}T${tp.index}`,
    seriesInstanceUid: tp.uids.seriesInstanceUid,
    seriesNumber: 1,
    seriesDescription: `Phantom torso ${o.size}`,
    frameOfReferenceUid: tp.uids.frameOfReferenceUid,
    manufacturer: PHANTOM_MANUFACTURER,
    manufacturerModelName: 'Voxa digital torso v1',
    bodyPartExamined: 'CHEST',
    patientPosition: 'HFS',
    kvp: 120,
    rescaleIntercept: -1024,
    windows: CT_WINDOW_PRESETS,
    imageComments: `Synthetic phantom, seed ${o.seed}, noise ${o.noise} HU. Not a patient.`,
  };
}

/** Slice k (0-based, inferior → superior) of a phantom time point as a Part 10 CT file. */
export function encodePhantomSlice(tp: PhantomTimePoint, k: number, info: CtSeriesInfo = phantomCtSeriesInfo(tp)): Uint8Array {
  return encodeCtSlice(tp.ct, k, info, tp.uids.sopInstanceUid(k));
}

/** File name of slice k: IM0001.dcm for k = 0. */
export function phantomSliceFileName(k: number): string {
  return `IM${String(k + 1).padStart(4, '0')}.dcm`;
}
