/** A coded concept as DICOM code sequences hold it (Code Value, Coding Scheme Designator, Code Meaning). */
export interface CodedConcept {
  value: string;
  scheme: string;
  meaning: string;
}

/** A SNOMED CT concept (scheme designator 'SCT', as DICOM SEG uses it). */
export function sct(value: string, meaning: string): CodedConcept {
  return { value, scheme: 'SCT', meaning };
}

/** The segmented-property categories DICOM SEG uses most (CID 7150). */
export const SEGMENT_CATEGORY = {
  tissue: sct('85756007', 'Tissue'),
  anatomicalStructure: sct('123037004', 'Anatomical Structure'),
  morphologicallyAbnormalStructure: sct('49755003', 'Morphologically Altered Structure'),
  physicalObject: sct('260787004', 'Physical object'),
} as const;

/** Segmented-property types used by the built-in tools (CID 7151 and friends). */
export const SEGMENT_TYPE = {
  body: sct('38266002', 'Entire body as a whole'),
  skin: sct('39937001', 'Skin structure'),
  bone: sct('272673000', 'Bone structure'),
  lung: sct('39607008', 'Lung structure'),
  rightLung: sct('3341006', 'Right lung'),
  leftLung: sct('44029006', 'Left lung'),
  airway: sct('89187006', 'Airway structure'),
  fat: sct('248153007', 'Fat'),
  subcutaneousFat: sct('67769002', 'Subcutaneous adipose tissue'),
  visceralFat: sct('725274000', 'Visceral adipose tissue'),
  muscle: sct('71616004', 'Skeletal muscle'),
  lesion: sct('52988006', 'Lesion'),
  nodule: sct('27925004', 'Nodule'),
  lymphNode: sct('59441001', 'Lymph node'),
  tissue: sct('85756007', 'Tissue'),
} as const;

/** Same concept (value and scheme; the meaning is free text). */
export function sameConcept(a: CodedConcept | undefined, b: CodedConcept | undefined): boolean {
  return !!a && !!b && a.value === b.value && a.scheme === b.scheme;
}
