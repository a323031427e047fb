/** Model inference: manifests, the runner interface, and the segmentation engine (pure TS; runtimes are injected). */
export * from './ModelManifest.ts';
export * from './verifyModelSha256.ts';
export * from './TensorRunner.ts';
export * from './modelGrid.ts';
export * from './normalizeIntensities.ts';
export * from './slidingWindows.ts';
export * from './predictProbabilities.ts';
export * from './labelsOnGrid.ts';
export * from './segmentWithModel.ts';
export type { ModelSummary } from './ModelSummary.ts';
