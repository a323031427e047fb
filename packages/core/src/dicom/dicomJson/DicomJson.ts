/** A person name in the DICOM JSON model (PS3.18 F.2.2): its three component groups. */
export interface DicomJsonPersonName {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}

/** One value of a DICOM JSON element: text, number, person name, sequence item, or null (empty). */
export type DicomJsonValue = string | number | DicomJsonPersonName | DicomJsonDataSet | null;

/**
 * One element of the DICOM JSON model (PS3.18 F.2.2): its VR and either Value, InlineBinary
 * (base64 of the little-endian bytes, F.2.7) or BulkDataURI (where to fetch them, F.2.6).
 */
export interface DicomJsonElement {
  vr: string;
  Value?: DicomJsonValue[];
  InlineBinary?: string;
  BulkDataURI?: string;
}

/** A data set in the DICOM JSON model: tag as eight upper-case hex digits → element (PS3.18 F.2.1). */
export type DicomJsonDataSet = Record<string, DicomJsonElement>;
