export * from './measureLesionsOverTime.ts';
export * from './lesionSeeds.ts';
export * from './assessmentWorkflow.ts';
export * from './responseInputFromMeasurements.ts';
export * from './evaluateResponse.ts';
