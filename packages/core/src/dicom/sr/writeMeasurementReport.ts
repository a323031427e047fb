import { codeItem } from '../../segmentation/io/codeSequences.ts';
import { studyContextAttributes } from '../write/studyContextAttributes.ts';
import { randomUid } from '../write/randomUid.ts';
import { type NaturalDataset, writePart10 } from '../write/writePart10.ts';
import { imageLibraryItem } from './imageLibrary.ts';
import type { MeasurementReport, SrObserver } from './MeasurementReport.ts';
import { measurementGroupItem } from './measurementGroupItem.ts';
import { observerContextItems } from './observerContext.ts';
import { srItem } from './srContentItems.ts';
import { COMPREHENSIVE_3D_SR_STORAGE, SR_CONCEPT, SR_VALUE } from './srCodes.ts';
import { dicomDate, dicomDateTime, dicomTime } from './srDateTime.ts';
import { srEvidence } from './srEvidence.ts';
import { validateMeasurementReport } from './validateMeasurementReport.ts';

/** What {@link writeMeasurementReport} needs; the rest of a {@link MeasurementReport} has defaults. */
export type WriteMeasurementReportOptions =
  Pick<MeasurementReport, 'study' | 'sourceSeries' | 'groups'> &
  Partial<Omit<MeasurementReport, 'study' | 'observer' | 'sourceSeries' | 'groups'>> & {
    observer: SrObserver;
    /** General Equipment (PS3.3 C.7.5.1) and Enhanced General Equipment (C.7.5.2). */
    manufacturer?: string;
    manufacturerModelName?: string;
    deviceSerialNumber?: string;
    softwareVersions?: string;
  };

/** Defaults of {@link WriteMeasurementReportOptions} (UIDs are new and the content date is now unless given). */
export const WRITE_MEASUREMENT_REPORT_DEFAULTS = {
  seriesNumber: 400,
  instanceNumber: 1,
  seriesDescription: 'Measurement Report',
  completion: 'COMPLETE',
  language: SR_VALUE.englishUs,
  procedureReported: SR_VALUE.imagingProcedure,
  manufacturer: 'Voxa',
  manufacturerModelName: 'Voxa',
  deviceSerialNumber: '0',
  softwareVersions: '0.1.0',
} as const satisfies Partial<WriteMeasurementReportOptions>;

/**
 * Encode tumour measurements as a DICOM Comprehensive 3D SR (PS3.3 A.35.13) Part 10 file following
 * PS3.16 TID 1500 Measurement Report: Language of Content (TID 1204), Observer Context (TID 1002),
 * Procedure Reported, the Image Library (TID 1600) and Imaging Measurements with one Measurement
 * Group per lesion per time point (TID 1411, 1410 or 1501; see measurementGroupItem), lesions
 * matched over time by their Tracking Unique Identifier. Axes' end points are SCOORD3D in patient
 * LPS mm. The report is UNVERIFIED unless `verification` is given. Throws VOXA_ERR_BAD_ARGUMENT,
 * naming the lesion, for input that would make an invalid report (validateMeasurementReport).
 *
 * @example
 * const bytes = writeMeasurementReport({ study, observer: { kind: 'person', name: 'Doe^Jane' },
 *   sourceSeries: [ctSeries], groups: [{ trackingId: 'L1', trackingUid, measurements: [longAxisMeasurement(23.4)] }] });
 */
export function writeMeasurementReport(options: WriteMeasurementReportOptions): Uint8Array {
  return writePart10(measurementReportDataset(options));
}

/** The report with its defaults filled in (new UIDs, content date now), as {@link readMeasurementReport} would return it. */
export function completeMeasurementReport(options: WriteMeasurementReportOptions): MeasurementReport {
  const d = WRITE_MEASUREMENT_REPORT_DEFAULTS;
  return {
    sopInstanceUid: options.sopInstanceUid ?? randomUid('sr/instance'),
    seriesInstanceUid: options.seriesInstanceUid ?? randomUid('sr/series'),
    seriesNumber: options.seriesNumber ?? d.seriesNumber,
    instanceNumber: options.instanceNumber ?? d.instanceNumber,
    seriesDescription: options.seriesDescription ?? d.seriesDescription,
    contentDateTime: options.contentDateTime ?? new Date(),
    completion: options.completion ?? d.completion,
    ...(options.verification ? { verification: options.verification } : {}),
    study: options.study,
    observer: options.observer,
    language: options.language ?? d.language,
    procedureReported: options.procedureReported ?? d.procedureReported,
    sourceSeries: options.sourceSeries,
    groups: options.groups,
  };
}

/** The data set {@link writeMeasurementReport} encodes, in dcmjs natural form. */
export function measurementReportDataset(options: WriteMeasurementReportOptions): NaturalDataset {
  const r = completeMeasurementReport(options);
  validateMeasurementReport(r);
  const d = WRITE_MEASUREMENT_REPORT_DEFAULTS;
  const s = r.study;
  const date = dicomDate(r.contentDateTime), time = dicomTime(r.contentDateTime);
  const dataset: NaturalDataset = {
    SOPClassUID: COMPREHENSIVE_3D_SR_STORAGE,
    SOPInstanceUID: r.sopInstanceUid,
    ...studyContextAttributes(s),
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    SeriesDate: date,
    ContentDate: date,
    SeriesTime: time,
    ContentTime: time,
    Modality: 'SR',
    Manufacturer: options.manufacturer ?? d.manufacturer,
    SeriesDescription: r.seriesDescription.slice(0, 64),
    ManufacturerModelName: options.manufacturerModelName ?? d.manufacturerModelName,
    ReferencedPerformedProcedureStepSequence: [],
    DeviceSerialNumber: options.deviceSerialNumber ?? d.deviceSerialNumber,
    SoftwareVersions: options.softwareVersions ?? d.softwareVersions,
    SeriesInstanceUID: r.seriesInstanceUid,
    SeriesNumber: r.seriesNumber,
    InstanceNumber: r.instanceNumber,
    // SR Document Content Module (PS3.3 C.17.3): the root container and its template (TID 1500).
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [codeItem(SR_CONCEPT.imagingMeasurementReport)],
    ContinuityOfContent: 'SEPARATE',
    ...verificationAttributes(r),
    CompletionFlag: r.completion,
    ...srEvidence(r),
    PerformedProcedureCodeSequence: [],
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: rootContent(r),
  };
  // UTF-8 only where needed: plain ASCII needs no Specific Character Set, which every reader handles.
  return hasNonAscii(dataset) ? { SpecificCharacterSet: 'ISO_IR 192', ...dataset } : dataset;
}

function hasNonAscii(value: unknown): boolean {
  if (typeof value === 'string') return /[^\x00-\x7f]/.test(value);
  if (Array.isArray(value)) return value.some(hasNonAscii);
  return typeof value === 'object' && value !== null && Object.values(value).some(hasNonAscii);
}

/** TID 1500 rows 2–6 below the root container. */
function rootContent(r: MeasurementReport): NaturalDataset[] {
  return [
    ...(r.language ? [srItem.code('HAS CONCEPT MOD', SR_CONCEPT.languageOfContent, r.language)] : []),
    ...(r.observer ? observerContextItems(r.observer) : []),
    ...(r.procedureReported ? [srItem.code('HAS CONCEPT MOD', SR_CONCEPT.procedureReported, r.procedureReported)] : []),
    imageLibraryItem(r.sourceSeries),
    srItem.container('CONTAINS', SR_CONCEPT.imagingMeasurements, r.groups.map(measurementGroupItem)),
  ];
}

/** Verification Flag and, when VERIFIED, the Verifying Observer Sequence (PS3.3 C.17.2). */
function verificationAttributes(r: MeasurementReport): NaturalDataset {
  const v = r.verification;
  if (!v) return { VerificationFlag: 'UNVERIFIED' };
  return {
    VerificationFlag: 'VERIFIED',
    VerifyingObserverSequence: [{
      VerifyingObserverName: v.observerName,
      VerifyingObserverIdentificationCodeSequence: [],
      VerifyingOrganization: v.organization.slice(0, 64),
      VerificationDateTime: dicomDateTime(v.dateTime),
    }],
  };
}

