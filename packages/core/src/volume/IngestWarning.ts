/**
 * Something odd found while reading data: reported to the user, never silently fixed.
 * `files` names every file involved so that a person can go and look.
 */
export interface IngestWarning {
  code: IngestWarningCode;
  message: string;
  files: string[];
}

export type IngestWarningCode =
  | 'UNEVEN_SPACING'
  | 'MISSING_SLICES'
  | 'GANTRY_TILT'
  | 'REPEATED_POSITIONS'
  | 'MIXED_ORIENTATIONS'
  | 'MIXED_IMAGE_SIZES'
  | 'SERIES_SPLIT'
  | 'LOCALIZER'
  | 'SINGLE_SLICE'
  | 'MONOCHROME1'
  | 'INCONSISTENT_RESCALE'
  | 'NON_ORTHOGONAL_AXES'
  | 'MISSING_GEOMETRY'
  | 'RESAMPLED'
  | 'LOSSY_COMPRESSION'
  | 'SUV_UNAVAILABLE'
  | 'DUPLICATE_INSTANCE'
  | 'UNREADABLE_FILE';
