import type { Mat4 } from '../math/Mat4.ts';
import type { Dims3, Vec3 } from '../math/Vec3.ts';
import type { SliceRef } from '../dicom/InstanceInfo.ts';
import type { IngestWarning } from '../volume/IngestWarning.ts';

/**
 * How one volume (or one 4D series) will be built from slices, decided from headers alone:
 * the sorted slices per time point, the grid, and what was found on the way.
 */
export interface VolumePlan {
  /** Stable id within a scan: series UID plus a suffix when a series splits. */
  id: string;
  /** slices[t][k]: time point t, slice k (sorted along the slice normal). */
  slices: SliceRef[][];
  dimensions: Dims3;
  /** The acquired grid: i along rows, j down columns, k the mean slice step (sheared if tilted). */
  indexToWorld: Mat4;
  /** Unit slice normal (row cosine × column cosine). */
  normal: Vec3;
  /** Position of each slice along the normal, relative to the first, in mm. */
  slicePositionsMm: number[];
  /** Every slice step is the same (within 1%). */
  evenlySpaced: boolean;
  /** Angle between the slice stacking direction and the normal (degrees), 0 when untilted. */
  tiltDeg: number;
  /** What the fourth dimension is, when slices.length > 1. */
  timeAxis?: string;
  warnings: IngestWarning[];
}
