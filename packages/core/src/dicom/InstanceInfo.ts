import type { Vec3 } from '../math/Vec3.ts';
import type { PixelDescription } from './pixel/PixelDescription.ts';

/** What Voxa keeps of one DICOM file's header: identity, grouping keys and pixel format. */
export interface InstanceInfo {
  file: string;
  transferSyntaxUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
  modality: string;
  imageType: string[];
  manufacturer: string;
  patientId: string;
  patientName: string;
  studyInstanceUid: string;
  studyDate: string;
  studyDescription: string;
  seriesInstanceUid: string;
  seriesNumber?: number;
  seriesDescription: string;
  frameOfReferenceUid: string;
  instanceNumber?: number;
  acquisitionNumber?: number;
  echoNumber?: number;
  numberOfFrames: number;
  /** Enhanced multi-frame IOD with functional groups (PS3.3 C.7.6.16). */
  enhanced: boolean;
  /** Siemens mosaic: one frame holds `tiles` slices of tileRows × tileColumns. */
  mosaic?: { tiles: number; tileRows: number; tileColumns: number; tilesPerRow: number };
  gantryTiltDeg: number;
  pixel: PixelDescription;
  window?: { center: number; width: number };
  /** Lossy Image Compression (0028,2110) = 01, or a lossy transfer syntax. */
  lossyCompressed: boolean;
  /** Raw attributes needed for PET SUV (PS3.3 C.8.9.1, C.8.9.2), when modality is PT. */
  pet?: PetAttributes;
  /** Extra acquisition facts for the sidecar (echo time, field strength, kVp, …). */
  acquisition: Record<string, string | number>;
}

/** PET attributes for body-weight SUV, and sex and height for lean-body-mass SUL (PERCIST). */
export interface PetAttributes {
  units?: string;
  decayCorrection?: string;
  correctedImage: string[];
  patientWeightKg?: number;
  /** Patient's Sex (0010,0040): 'M', 'F' or 'O'. */
  patientSex?: string;
  /** Patient's Size (0010,1020), metres. */
  patientHeightM?: number;
  radionuclideTotalDoseBq?: number;
  radionuclideHalfLifeS?: number;
  radiopharmaceuticalStartTime?: string;
  radiopharmaceuticalStartDateTime?: string;
  seriesDate?: string;
  seriesTime?: string;
  acquisitionDate?: string;
  acquisitionTime?: string;
}

/**
 * One 2D slice of a series: a single-frame image, one frame of a multi-frame image, or one
 * tile of a Siemens mosaic, with its own geometry and value mapping.
 */
export interface SliceRef {
  instance: InstanceInfo;
  /** Frame index within the file's pixel data. */
  frameIndex: number;
  /** Mosaic tile index, or -1. */
  tileIndex: number;
  rows: number;
  columns: number;
  /** Centre of the first transmitted pixel, LPS mm (Image Position (Patient)). */
  positionLps: Vec3;
  /** Direction of increasing column index (along a row). */
  rowCosine: Vec3;
  /** Direction of increasing row index (down a column). */
  columnCosine: Vec3;
  /** [spacing between rows, spacing between columns] in mm (Pixel Spacing order). */
  pixelSpacingMm: [number, number];
  sliceThicknessMm?: number;
  spacingBetweenSlicesMm?: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** Keys that order repeated positions in time (4D). */
  temporalPositionIndex?: number;
  triggerTimeMs?: number;
  acquisitionTimeS?: number;
  stackId?: string;
  inStackPosition?: number;
  dimensionIndex?: number[];
  /** True when position or orientation is missing or unusable: the stack is then ordered by number at 1 mm. */
  geometryMissing: boolean;
  /** Why the geometry was not used, or a spacing was assumed (for the warning). */
  geometryNote?: string;
}
