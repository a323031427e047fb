import type { Mat4 } from '@voxa/core';

/** Segments to turn into surfaces: each names its layer (an index into `layers`) and value. */
export interface SurfaceRequest {
  id: number;
  dimensions: [number, number, number];
  indexToWorld: Mat4;
  layers: Uint8Array[];
  segments: { number: number; layer: number; value: number }[];
}

/** One segment's smoothed surface (LPS mm), with normals. */
export interface SurfaceResult {
  number: number;
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
}

export type SurfaceResponse =
  | { id: number; ok: true; surfaces: SurfaceResult[]; ms: number }
  | { id: number; ok: false; error: string };
