import type { CodedConcept } from '../CodedConcept.ts';

/** Segmentation Storage SOP Class (PS3.4 B.5): BINARY and FRACTIONAL SEG. */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';

/** Label Map Segmentation Storage SOP Class (PS3.4 B.5, Sup 243): LABELMAP SEG. */
export const LABEL_MAP_SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.7';

/** How a SEG stores its segments (Segmentation Type (0062,0001), PS3.3 C.8.20.2). */
export type SegmentationType = 'BINARY' | 'FRACTIONAL' | 'LABELMAP';

const dcm = (value: string, meaning: string): CodedConcept => ({ value, scheme: 'DCM', meaning });

/** DICOM codes a SEG uses (PS3.16). */
export const SEG_CODES = {
  /** Derivation Code (CID 7203). */
  segmentation: dcm('113076', 'Segmentation'),
  /** Purpose of Reference of a source image (CID 7202). */
  sourceImage: dcm('121322', 'Source image for image processing operation'),
  /** The background segment of a LABELMAP SEG. */
  background: dcm('125040', 'Background'),
} as const;

/** Algorithm families (CID 7162) written into Segmentation Algorithm Identification. */
export const ALGORITHM_FAMILY = {
  artificialIntelligence: dcm('123110', 'Artificial Intelligence'),
  manualProcessing: dcm('123109', 'Manual Processing'),
  morphologicalOperations: dcm('123104', 'Morphological Operations'),
  histogramAnalysis: dcm('123105', 'Histogram Analysis'),
  deformableModels: dcm('123111', 'Deformable Models'),
} as const;
