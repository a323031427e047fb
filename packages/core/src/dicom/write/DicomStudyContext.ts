/**
 * The patient and study a derived object joins (PS3.3 C.7.1.1 Patient, C.7.2.1 General Study),
 * copied from the images it was derived from: what a SEG or an SR needs to sit in their study.
 */
export interface DicomStudyContext {
  patientName: string;
  patientId: string;
  /** YYYYMMDD. */
  patientBirthDate?: string;
  /** M, F or O. */
  patientSex?: string;
  studyInstanceUid: string;
  /** YYYYMMDD. */
  studyDate?: string;
  /** HHMMSS. */
  studyTime?: string;
  studyId?: string;
  accessionNumber?: string;
  referringPhysicianName?: string;
  studyDescription?: string;
}
