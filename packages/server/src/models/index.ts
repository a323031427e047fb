export * from './modelsPlugin.ts';
export * from './scanModelManifests.ts';
export * from './resolveModelFile.ts';
export * from './modelSummary.ts';
export * from './modelErrors.ts';
