import type { Mat4 } from '../math/Mat4.ts';
import type { Dims3, Point3, Vec3 } from '../math/Vec3.ts';
import type { RigidMotion } from './followUpMotion.ts';
import type { PhantomLabel } from './phantomLabels.ts';
import type { PhantomTimePointKind } from './phantomLesions.ts';
import type { PhantomOptions } from './PhantomOptions.ts';

/** Ground truth of one lesion at one time point. */
export interface PhantomLesionTruth {
  id: string;
  labelId: number;
  name: string;
  organ: 'liver' | 'lung' | 'lymph node';
  nodal: boolean;
  target: boolean;
  /** Not present at any earlier time point. */
  isNew: boolean;
  centreLps: Point3;
  semiAxesMm: Vec3;
  /** Unit directions of the three semi-axes, in LPS. */
  axesLps: [Vec3, Vec3, Vec3];
  /** 4/3·π·a·b·c. */
  analyticVolumeMm3: number;
  /** Voxels carrying the lesion's label in the label map. */
  voxelCount: number;
  /** voxelCount × voxel volume. */
  labelVolumeMm3: number;
  /** Long axis of the largest axial section (analytic, see ellipsoidAxialDiameters). */
  longAxisMm: number;
  /** Longest diameter perpendicular to the long axis in that section. */
  shortAxisMm: number;
  /** What RECIST 1.1 sums: the short axis for a lymph node, else the long axis. */
  recistDiameterMm: number;
}

/** RECIST bookkeeping of a time point, from the analytic diameters of the target lesions. */
export interface PhantomResponseTruth {
  /** The response the time point was built to show. */
  expected: 'baseline' | 'PR' | 'PD';
  sumOfDiametersMm: number;
  baselineSumMm: number;
  /** Smallest sum at this or any earlier time point. */
  nadirSumMm: number;
  changeFromBaselinePercent: number;
  /** Change from the smallest sum before this time point (0 at baseline). */
  changeFromNadirPercent: number;
  newLesionIds: string[];
}

/** The scanner grid, identical at every time point. */
export interface PhantomGridTruth {
  dimensions: Dims3;
  spacingMm: Vec3;
  originLps: Point3;
  indexToWorld: Mat4;
  voxelVolumeMm3: number;
}

/** Ground truth of one time point. */
export interface PhantomTimePointTruth {
  index: number;
  kind: PhantomTimePointKind;
  studyDate: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  frameOfReferenceUid: string;
  grid: PhantomGridTruth;
  motion: RigidMotion;
  /** Baseline LPS → this time point's LPS. */
  baselineToTimePoint: Mat4;
  /** This time point's LPS → baseline LPS (identity at baseline). */
  timePointToBaseline: Mat4;
  lesions: PhantomLesionTruth[];
  response: PhantomResponseTruth;
  aorta: { centrelineLps: Point3[]; radiusMm: number };
  /** Voxel count per label name. */
  labelVoxelCounts: Record<string, number>;
}

/** How to read the truth file: the conventions, in words. */
export const PHANTOM_TRUTH_CONVENTIONS = {
  coordinates: 'patient LPS (DICOM PS3.3 C.7.6.2.1.1), millimetres',
  matrices: '4x4, column-major (element row r, column c at [c*4 + r]), acting on column vectors (x, y, z, 1)',
  indexToWorld: 'voxel (i, j, k) centre -> LPS; i = DICOM column, j = DICOM row, k = slice (inferior to superior)',
  motion: 'each time point is the baseline patient rotated about the superior (z) axis through the LPS origin, then translated',
  lesionVolume: 'labelVolumeMm3 = voxelCount x voxel volume from the label map; analyticVolumeMm3 = 4/3 pi a b c',
  recist: 'long/short axis of the ellipse cut by the axial plane through the lesion centre (the largest axial section of an ellipsoid), analytic',
  hu: 'int16 HU; DICOM stores HU + 1024 as signed 16-bit (RescaleIntercept -1024, slope 1)',
  noise: 'Gaussian, seeded; nifti ct.nii.gz holds the same voxels as the DICOM series',
} as const;

/** The truth.json document of one time point. */
export interface PhantomTruthDocument {
  generator: 'voxa-phantom';
  version: 1;
  options: PhantomOptions;
  conventions: typeof PHANTOM_TRUTH_CONVENTIONS;
  labels: readonly PhantomLabel[];
  timePoint: PhantomTimePointTruth;
}

/** Serialize a truth document as JSON; typed arrays (matrices) become plain arrays. */
export function phantomTruthToJson(doc: PhantomTruthDocument): string {
  return JSON.stringify(doc, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value), 2);
}
