import type { DicomStudyContext } from './DicomStudyContext.ts';

/**
 * The Patient (PS3.3 C.7.1.1) and General Study (C.7.2.1) attributes of a derived object (SEG,
 * SR) from the study it joins; Type 2 attributes the context lacks are written empty.
 */
export function studyContextAttributes(s: DicomStudyContext): Record<string, unknown> {
  return {
    PatientName: s.patientName,
    PatientID: s.patientId,
    PatientBirthDate: s.patientBirthDate ?? '',
    PatientSex: s.patientSex ?? '',
    StudyInstanceUID: s.studyInstanceUid,
    StudyDate: s.studyDate ?? '',
    StudyTime: s.studyTime ?? '',
    StudyID: s.studyId ?? '',
    AccessionNumber: s.accessionNumber ?? '',
    ReferringPhysicianName: s.referringPhysicianName ?? '',
    StudyDescription: s.studyDescription ?? '',
  };
}
