export * from './measureLesionsOverTime.ts';
export * from './lesionSeeds.ts';
