import type { ScissorsOperation, Segment, Vec3 } from '@voxa/core';
import type { LesionMeasures } from '@voxa/core';

/** Algorithms the segmentation worker runs; each answers a 0/1 mask on the image grid. */
export type MaskJob =
  | { op: 'threshold'; lo: number; hi: number }
  | { op: 'grow'; seedLps: Vec3; lo: number; hi: number }
  /** One-click lesion: its mask, and (in the answer's `lesion`) its volume, mean value and RECIST axes. */
  | { op: 'lesion'; seedLps: Vec3 }
  | { op: 'keep-largest'; mask: Uint8Array }
  | { op: 'remove-small'; mask: Uint8Array; minMm3: number }
  | { op: 'margin'; mask: Uint8Array; mm: number }
  | { op: 'smooth'; mask: Uint8Array; kind: 'median' | 'opening' | 'closing' | 'gaussian'; mm: number }
  | { op: 'fill-holes'; mask: Uint8Array }
  | { op: 'hollow'; mask: Uint8Array; mm: number }
  | { op: 'level'; seedLps: Vec3; normal: Vec3 }
  | { op: 'fill-between'; mask: Uint8Array; axis: 0 | 1 | 2 }
  /** A polygon on the view plane extruded along its normal cuts the mask (within ±slabMm/2 of the plane when given). */
  | { op: 'scissors'; mask: Uint8Array; polygonLps: Vec3[]; directionLps: Vec3; operation: ScissorsOperation; slabMm?: number }
  /** Competitive growing from a seed label map (a layer: each segment's voxels are its seeds); answers a label map. */
  | { op: 'grow-seeds'; mask: Uint8Array };

/** Messages to the worker. */
export type SegRequest =
  | { id: number; kind: 'image'; dimensions: [number, number, number]; indexToWorld: Float64Array; voxels: ArrayBufferView; units: string }
  | { id: number; kind: 'mask'; job: MaskJob }
  | { id: number; kind: 'auto-ct' }
  | { id: number; kind: 'image-copy' };

/** Rule-based structures: their layers and segment descriptions. */
export interface AutoCtResult {
  layers: Uint8Array[];
  segments: Segment[];
}

/** Answers from the worker. */
export type SegResponse =
  | { id: number; ok: true; mask?: Uint8Array; lesion?: LesionMeasures; autoCt?: AutoCtResult; voxels?: ArrayBufferView; ms: number }
  | { id: number; ok: false; error: string };

/** The typed arrays a job hands over (transferred, not copied). */
export function jobTransfers(job: MaskJob): Transferable[] {
  return 'mask' in job ? [job.mask.buffer] : [];
}
