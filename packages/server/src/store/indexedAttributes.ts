/** The information-model level an attribute belongs to (PS3.4 C.6.1, Patient Root). */
export type IndexLevel = 'patient' | 'study' | 'series' | 'instance';

/** The VRs of indexed attributes, which decide how a value is read and matched. */
export type IndexVr = 'PN' | 'LO' | 'SH' | 'CS' | 'DA' | 'TM' | 'UI' | 'IS' | 'US';

/** One attribute the index keeps a column for: the column is named after the keyword. */
export interface IndexedAttribute {
  keyword: string;
  /** 'GGGGEEEE', upper-case hex. */
  tag: string;
  level: IndexLevel;
  vr: IndexVr;
}

/**
 * The attributes stored as index columns (the QIDO-RS matching and return keys of PS3.18
 * §10.6.1 Table 10.6.1-5 and a few more). A new entry needs a migration adding its column.
 * PN columns have a lower-cased twin `<keyword>_folded` for case-insensitive matching.
 */
export const INDEXED_ATTRIBUTES: readonly IndexedAttribute[] = [
  { keyword: 'PatientName', tag: '00100010', level: 'patient', vr: 'PN' },
  { keyword: 'PatientID', tag: '00100020', level: 'patient', vr: 'LO' },
  { keyword: 'IssuerOfPatientID', tag: '00100021', level: 'patient', vr: 'LO' },
  { keyword: 'PatientBirthDate', tag: '00100030', level: 'patient', vr: 'DA' },
  { keyword: 'PatientSex', tag: '00100040', level: 'patient', vr: 'CS' },

  { keyword: 'StudyInstanceUID', tag: '0020000D', level: 'study', vr: 'UI' },
  { keyword: 'StudyDate', tag: '00080020', level: 'study', vr: 'DA' },
  { keyword: 'StudyTime', tag: '00080030', level: 'study', vr: 'TM' },
  { keyword: 'AccessionNumber', tag: '00080050', level: 'study', vr: 'SH' },
  { keyword: 'StudyID', tag: '00200010', level: 'study', vr: 'SH' },
  { keyword: 'StudyDescription', tag: '00081030', level: 'study', vr: 'LO' },
  { keyword: 'ReferringPhysicianName', tag: '00080090', level: 'study', vr: 'PN' },
  { keyword: 'TimezoneOffsetFromUTC', tag: '00080201', level: 'study', vr: 'SH' },

  { keyword: 'SeriesInstanceUID', tag: '0020000E', level: 'series', vr: 'UI' },
  { keyword: 'Modality', tag: '00080060', level: 'series', vr: 'CS' },
  { keyword: 'SeriesNumber', tag: '00200011', level: 'series', vr: 'IS' },
  { keyword: 'SeriesDescription', tag: '0008103E', level: 'series', vr: 'LO' },
  { keyword: 'SeriesDate', tag: '00080021', level: 'series', vr: 'DA' },
  { keyword: 'SeriesTime', tag: '00080031', level: 'series', vr: 'TM' },
  { keyword: 'BodyPartExamined', tag: '00180015', level: 'series', vr: 'CS' },
  { keyword: 'PerformedProcedureStepStartDate', tag: '00400244', level: 'series', vr: 'DA' },
  { keyword: 'PerformedProcedureStepStartTime', tag: '00400245', level: 'series', vr: 'TM' },

  { keyword: 'SOPInstanceUID', tag: '00080018', level: 'instance', vr: 'UI' },
  { keyword: 'SOPClassUID', tag: '00080016', level: 'instance', vr: 'UI' },
  { keyword: 'InstanceNumber', tag: '00200013', level: 'instance', vr: 'IS' },
  { keyword: 'Rows', tag: '00280010', level: 'instance', vr: 'US' },
  { keyword: 'Columns', tag: '00280011', level: 'instance', vr: 'US' },
  { keyword: 'NumberOfFrames', tag: '00280008', level: 'instance', vr: 'IS' },
  { keyword: 'BitsAllocated', tag: '00280100', level: 'instance', vr: 'US' },
  { keyword: 'TransferSyntaxUID', tag: '00020010', level: 'instance', vr: 'UI' },
];

/** The indexed attributes of one level, in table order. */
export function attributesOfLevel(level: IndexLevel): IndexedAttribute[] {
  return INDEXED_ATTRIBUTES.filter((a) => a.level === level);
}
