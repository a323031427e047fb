/**
 * The model of a DICOM Measurement Report (PS3.16 TID 1500) as Voxa writes and reads it: who
 * measured, on which images, and one measurement group per lesion per time point. Positions are
 * patient LPS millimetres (PS3.3 C.7.6.2.1.1) in a named Frame of Reference.
 */
import type { Point3 } from '../../math/Vec3.ts';
import type { DicomStudyContext } from '../write/DicomStudyContext.ts';
import type { CodedConcept } from '../../segmentation/CodedConcept.ts';

/** Patient and study the report joins, e.g. copied from the measured series' first image. */
export type SrStudyContext = DicomStudyContext;

/** One image the measurements were made on (PS3.16 TID 1601 Image Library Entry). */
export interface SrSourceInstance {
  sopClassUid: string;
  sopInstanceUid: string;
}

/** A series of source images: one Image Library Group (PS3.16 TID 1600) with its descriptors (TID 1602). */
export interface SrSourceSeries {
  /** The study of the series; the report's study when omitted. */
  studyInstanceUid?: string;
  seriesInstanceUid: string;
  /** DICOM modality, e.g. 'CT' (written as a DCM code). */
  modality?: string;
  frameOfReferenceUid?: string;
  /** YYYYMMDD. */
  studyDate?: string;
  instances: SrSourceInstance[];
}

/** Who made the observations (PS3.16 TID 1002): a person (TID 1003) or a device or algorithm (TID 1004). */
export type SrObserver =
  | { kind: 'person'; name: string; organization?: string }
  | { kind: 'device'; uid: string; name?: string; manufacturer?: string; modelName?: string; serialNumber?: string };

/** The person who verified the report's content (PS3.3 C.17.2, Verifying Observer Sequence). */
export interface SrVerification {
  /** PN, e.g. 'Doe^Jane'. */
  observerName: string;
  organization: string;
  /** When the content was verified (written as local DT, whole seconds). */
  dateTime: Date;
}

/**
 * One numeric measurement (PS3.16 TID 1419 row 5 / TID 300): a concept, a value and its UCUM unit,
 * optionally how it was derived (e.g. the mean over the ROI) and the path it was measured along.
 */
export interface SrMeasurement {
  concept: CodedConcept;
  value: number;
  unit: CodedConcept;
  /** Derivation modifier (PS3.16 CID 7464), e.g. Mean. */
  derivation?: CodedConcept;
  /**
   * Points the value was measured between, patient LPS mm: a SCOORD3D POLYLINE the NUM is
   * INFERRED FROM (e.g. the two end points of an axis). Stored as 32-bit floats (FL).
   */
  pathLps?: Point3[];
}

/** A segment of a DICOM SEG as the measured region: makes the group a TID 1411 Volumetric ROI group. */
export interface SrSegmentRoi {
  kind: 'segment';
  /** Segmentation Storage ('1.2.840.10008.5.1.4.1.1.66.4') or another SEG SOP Class. */
  sopClassUid: string;
  sopInstanceUid: string;
  /** The SEG's series (for the evidence sequences). */
  seriesInstanceUid: string;
  segmentNumber: number;
  /** The image series that was segmented (TID 1411 "Source series for segmentation"). */
  sourceSeriesUid: string;
}

/** A closed outline in one plane as the measured region: makes the group a TID 1410 Planar ROI group. */
export interface SrOutlineRoi {
  kind: 'outline';
  /** The outline's vertices, patient LPS mm (written as a closed SCOORD3D POLYGON). */
  polygonLps: Point3[];
}

/** The measured region of a group; without one the group is a TID 1501 measurement group. */
export type SrRoi = SrSegmentRoi | SrOutlineRoi;

/** One lesion at one time point (PS3.16 TID 1411, 1410 or 1501, by its ROI). */
export interface SrMeasurementGroup {
  /** Human-readable lesion identifier, the same at every time point (TID 4108 Tracking Identifier). */
  trackingId: string;
  /** The lesion's UID, the same at every time point: how lesions are matched over time (Tracking Unique Identifier). */
  trackingUid: string;
  /** Time point label, e.g. 'baseline' or an ISO date (TID 1502 Time Point). */
  timePoint?: string;
  /** What was found, e.g. Neoplasm (121071 Finding). */
  finding?: CodedConcept;
  /** Where, e.g. Liver or Lymph node (TID 1419 Finding Site). */
  findingSite?: CodedConcept;
  /** The Frame of Reference of the group's LPS coordinates; required when it has any. */
  frameOfReferenceUid?: string;
  roi?: SrRoi;
  measurements: SrMeasurement[];
}

/** Completion of the report's content (PS3.3 C.17.2, Completion Flag). */
export type SrCompletion = 'COMPLETE' | 'PARTIAL';

/** A Measurement Report: what {@link readMeasurementReport} returns and (with defaults) what the writer takes. */
export interface MeasurementReport {
  sopInstanceUid: string;
  seriesInstanceUid: string;
  seriesNumber: number;
  instanceNumber: number;
  seriesDescription: string;
  /** Content Date and Time (local, whole seconds). */
  contentDateTime: Date;
  completion: SrCompletion;
  /** Present when the report is VERIFIED; UNVERIFIED otherwise. */
  verification?: SrVerification;
  study: SrStudyContext;
  /** The first observer of the Observer Context (TID 1002); a report Voxa writes always has one. */
  observer?: SrObserver;
  /** TID 1204 Language of Content Item and Descendants. */
  language?: CodedConcept;
  /** TID 1500 Procedure Reported (CID 100). */
  procedureReported?: CodedConcept;
  /** The Image Library (TID 1600). */
  sourceSeries: SrSourceSeries[];
  /** The Imaging Measurements (TID 1500 row 6): one group per lesion per time point. */
  groups: SrMeasurementGroup[];
}
