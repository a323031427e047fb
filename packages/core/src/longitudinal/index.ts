export * from './measureLesionsOverTime.ts';
export * from './lesionSeeds.ts';
export * from './assessmentWorkflow.ts';
