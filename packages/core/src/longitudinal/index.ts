export * from './measureLesionsOverTime.ts';
