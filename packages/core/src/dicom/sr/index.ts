export type * from './MeasurementReport.ts';
export { COMPREHENSIVE_3D_SR_STORAGE, SR_CONCEPT, SR_UNIT, SR_VALUE } from './srCodes.ts';
export { longAxisMeasurement, meanAttenuationMeasurement, shortAxisMeasurement, volumeMeasurement } from './srMeasurements.ts';
export { completeMeasurementReport, measurementReportDataset, WRITE_MEASUREMENT_REPORT_DEFAULTS, writeMeasurementReport, type WriteMeasurementReportOptions } from './writeMeasurementReport.ts';
export { MEASUREMENT_REPORT_SOP_CLASSES, readMeasurementReport } from './readMeasurementReport.ts';
export { isDicomUid, validateMeasurementReport } from './validateMeasurementReport.ts';
export { lesionObservationFromGroup, lesionTrackingUid, measurementGroupFromLesion, type LesionGroupOptions } from './lesionMeasurementGroup.ts';
export { findingSiteOfOrgan } from './findingSites.ts';
export { measurementGroupFromMeasurement } from './measurementGroupFromMeasurement.ts';
