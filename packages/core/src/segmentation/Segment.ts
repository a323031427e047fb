import type { CodedConcept } from './CodedConcept.ts';

/** How a segment was made (DICOM Segment Algorithm Type). */
export type SegmentAlgorithmType = 'MANUAL' | 'SEMIAUTOMATIC' | 'AUTOMATIC';

/**
 * Review state. Automatic and semi-automatic segments start as 'proposal' and stay so until a
 * person reviews them; manual ones start as 'draft'.
 */
export type SegmentReviewStatus = 'draft' | 'proposal' | 'reviewed' | 'rejected';

/** Who reviewed a segment and when. */
export interface SegmentReview {
  status: SegmentReviewStatus;
  by?: string;
  /** ISO 8601 date-time. */
  at?: string;
}

/** One segment: what it is (codes, as DICOM SEG holds them), how it was made, where its voxels live. */
export interface Segment {
  /** Segment Number: 1-based, unique within the segmentation. */
  number: number;
  /** Segment Label. */
  label: string;
  description?: string;
  /** Display colour, RGB 0–255. */
  color: [number, number, number];
  category: CodedConcept;
  type: CodedConcept;
  /** E.g. Right / Left. */
  typeModifier?: CodedConcept;
  anatomicRegion?: CodedConcept;
  algorithmType: SegmentAlgorithmType;
  /** Required by DICOM SEG unless MANUAL. */
  algorithmName?: string;
  algorithmVersion?: string;
  review: SegmentReview;
  /** Index of the label layer holding the voxels. */
  layer: number;
  /** Value of the segment's voxels in its layer (1–255). */
  value: number;
  /** Display state. */
  visible: boolean;
  locked: boolean;
  /** 0–1. */
  opacity: number;
}
