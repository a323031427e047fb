import type { Dims3, Segment, SegmentStage, VoxelArray } from '@voxa/core';

/** The image a model runs on: the CPU copy of the series, on its own grid (LPS). */
export interface ModelImage {
  dimensions: Dims3;
  indexToWorld: Float64Array;
  voxels: VoxelArray;
  units: string;
  modality?: string;
  seriesInstanceUid?: string;
  frameOfReferenceUid?: string;
}

/** The one message the model worker takes: run this model on this image. */
export interface ModelRunRequest {
  /** Absolute URL of the manifest; its `file` is resolved against it. */
  manifestUrl: string;
  image: ModelImage;
}

/** Stages of a model run: the engine's (`segmentWithModel`) after the download and the session. */
export type ModelRunStage = 'download' | 'session' | SegmentStage;

/** A progress report: the stage and the engine's overall fraction (0 until inference starts). */
export interface ModelRunProgress {
  stage: ModelRunStage;
  fraction: number;
}

/** Wall-clock times of one run, ms. */
export interface ModelRunTimings {
  /** Manifest and ONNX file fetched, SHA-256 checked. */
  downloadMs: number;
  /** onnxruntime-web's wasm loaded and the session created. */
  sessionMs: number;
  /** Resampling onto the model grid and normalisation. */
  preprocessMs: number;
  /** The model runs (session.run), with the softmax/argmax of their output. */
  inferenceMs: number;
  /** Labels back on the image grid, island clean-up. */
  postprocessMs: number;
  totalMs: number;
}

/** What a finished run hands back: one label layer on the image grid and its segments. */
export interface ModelRunOutput {
  layer: Uint8Array;
  /** As `segmentWithModel` made them (layer 0; values as in `layer`). */
  segments: Segment[];
  modelName: string;
  modelVersion: string;
  /** The execution provider and its threads. */
  backend: string;
  threads: number;
  timings: ModelRunTimings;
  warnings: string[];
}

/** Messages from the model worker. */
export type ModelWorkerMessage =
  | { kind: 'progress'; progress: ModelRunProgress }
  | { kind: 'done'; output: ModelRunOutput }
  | { kind: 'error'; message: string };
