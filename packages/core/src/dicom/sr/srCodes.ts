import type { CodedConcept } from '../../segmentation/CodedConcept.ts';

const dcm = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'DCM', meaning });
const sct = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'SCT', meaning });
const ucum = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'UCUM', meaning });

/** Comprehensive 3D SR Storage (PS3.4 B.5): SR with SCOORD3D content items in patient coordinates. */
export const COMPREHENSIVE_3D_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.34';

/**
 * Concept names of the TID 1500 content tree (PS3.16 TID 1500, 1204, 1002–1004, 1600–1602, 1410,
 * 1411, 1419, 1501, 1502, 4108), with the code values dcmqi and highdicom write.
 */
export const SR_CONCEPT = {
  imagingMeasurementReport: dcm('126000', 'Imaging Measurement Report'),
  languageOfContent: dcm('121049', 'Language of Content Item and Descendants'),
  countryOfLanguage: dcm('121046', 'Country of Language'),
  observerType: dcm('121005', 'Observer Type'),
  personObserverName: dcm('121008', 'Person Observer Name'),
  personObserverOrganization: dcm('121009', "Person Observer's Organization Name"),
  deviceObserverUid: dcm('121012', 'Device Observer UID'),
  deviceObserverName: dcm('121013', 'Device Observer Name'),
  deviceObserverManufacturer: dcm('121014', 'Device Observer Manufacturer'),
  deviceObserverModelName: dcm('121015', 'Device Observer Model Name'),
  deviceObserverSerialNumber: dcm('121016', 'Device Observer Serial Number'),
  procedureReported: dcm('121058', 'Procedure reported'),
  imageLibrary: dcm('111028', 'Image Library'),
  imageLibraryGroup: dcm('126200', 'Image Library Group'),
  modality: dcm('121139', 'Modality'),
  studyDate: dcm('111060', 'Study Date'),
  frameOfReferenceUid: dcm('112227', 'Frame of Reference UID'),
  imagingMeasurements: dcm('126010', 'Imaging Measurements'),
  measurementGroup: dcm('125007', 'Measurement Group'),
  trackingIdentifier: dcm('112039', 'Tracking Identifier'),
  trackingUniqueIdentifier: dcm('112040', 'Tracking Unique Identifier'),
  timePoint: { value: 'C2348792', scheme: 'UMLS', meaning: 'Time Point' } satisfies CodedConcept,
  finding: dcm('121071', 'Finding'),
  findingSite: sct('363698007', 'Finding Site'),
  referencedSegment: dcm('121191', 'Referenced Segment'),
  sourceSeriesForSegmentation: dcm('121232', 'Source series for segmentation'),
  imageRegion: dcm('111030', 'Image Region'),
  derivation: dcm('121401', 'Derivation'),
  longAxis: sct('103339001', 'Long Axis'),
  shortAxis: sct('103340004', 'Short Axis'),
  volume: sct('118565006', 'Volume'),
  attenuationCoefficient: dcm('112031', 'Attenuation Coefficient'),
  mean: sct('373098007', 'Mean'),
} as const satisfies Record<string, CodedConcept>;

/** Coded values the writer uses as content (observer types, findings, languages). */
export const SR_VALUE = {
  person: dcm('121006', 'Person'),
  device: dcm('121007', 'Device'),
  englishUs: { value: 'en-US', scheme: 'RFC5646', meaning: 'English (United States)' } satisfies CodedConcept,
  imagingProcedure: sct('363679005', 'Imaging procedure'),
  neoplasm: sct('108369006', 'Neoplasm'),
} as const satisfies Record<string, CodedConcept>;

/** UCUM units of the measurements (PS3.16 CID 7181; UCUM for Hounsfield units is "[hnsf'U]"). */
export const SR_UNIT = {
  mm: ucum('mm', 'millimeter'),
  mm3: ucum('mm3', 'cubic millimeter'),
  hu: ucum("[hnsf'U]", 'Hounsfield unit'),
} as const satisfies Record<string, CodedConcept>;

