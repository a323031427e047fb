/** 2D measurements saved with a study: the REST plugin, its store and its error catalog. */
export * from './MeasurementStore.ts';
export * from './SqliteMeasurementStore.ts';
export * from './measurementChange.ts';
export * from './measurementErrors.ts';
export * from './measurementStoreFor.ts';
export * from './measurementsPlugin.ts';
export * from './parseMeasurement.ts';
