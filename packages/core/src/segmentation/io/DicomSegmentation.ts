import type { Segmentation } from '../Segmentation.ts';
import type { SegmentationType } from './segConstants.ts';
import type { VoxelGrid } from './segGrid.ts';
import type { CodecRegistry } from '../../dicom/pixel/CodecRegistry.ts';

/** The raw values of one FRACTIONAL segment on the whole grid (kept when asked). */
export interface SegmentFractions {
  segmentNumber: number;
  /** Stored values, 0 … maxValue, one per voxel (index as in the layers). */
  values: Uint8Array;
  /** Maximum Fractional Value (0062,000E): the value that means 1. */
  maxValue: number;
  /** Segmentation Fractional Type (0062,0010). */
  fractionalType: 'PROBABILITY' | 'OCCUPANCY';
}

/** A segmentation read from a DICOM SEG, with what the SEG itself was. */
export interface DicomSegmentation extends Segmentation {
  segmentationType: SegmentationType;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  studyInstanceUid: string;
  /** FRACTIONAL SEGs read with `keepFractional`: the values before thresholding. */
  fractional?: SegmentFractions[];
  /** Oddities found and how they were handled (missing codes, unknown algorithm types). */
  warnings: string[];
}

/** Options of `readDicomSeg`. */
export interface ReadDicomSegOptions {
  /** File name for messages. */
  file?: string;
  /**
   * FRACTIONAL SEG: a voxel belongs to a segment when its value is non-zero and at least
   * threshold × Maximum Fractional Value. Default 0.5.
   */
  threshold?: number;
  /** FRACTIONAL SEG: also return the values themselves (one byte per voxel per segment). Default false. */
  keepFractional?: boolean;
  /**
   * Place the frames on this grid (the source image series') instead of the grid the frames span;
   * every frame must then be one of its slices.
   */
  referenceGrid?: VoxelGrid;
  /** Codecs for SEGs with compressed pixel data (default: the built-in registry). */
  codecs?: CodecRegistry;
}

/** Defaults of {@link ReadDicomSegOptions}. */
export const READ_DICOM_SEG_DEFAULTS = { threshold: 0.5, keepFractional: false } as const satisfies ReadDicomSegOptions;
