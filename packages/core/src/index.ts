/**
 * @voxa/core — volumes in patient LPS millimetres, and everything that reads or makes them.
 * Platform-agnostic (no DOM, no node:*); Node file helpers live in '@voxa/core/node'.
 */
export * from './math/Vec3.ts';
export * from './math/Mat4.ts';
export * from './errors/VoxaError.ts';
export * from './errors/catalog.ts';
export * from './volume/Volume.ts';
export * from './volume/IngestWarning.ts';
export * from './volume/orientation.ts';
export * from './dicom/parseDicom.ts';
export * from './dicom/readInstance.ts';
export type * from './dicom/InstanceInfo.ts';
export * from './dicom/dicomJson/index.ts';
export * from './dicom/fileMetaInformation.ts';
export * from './series/DicomSource.ts';
export * from './series/scanDicom.ts';
export * from './series/groupSlices.ts';
export * from './series/planVolume.ts';
export * from './series/VolumePlan.ts';
export * from './series/readPlannedVolume.ts';
export * from './series/writeRescaledSlice.ts';
export * from './series/chooseVoxelType.ts';
export * from './series/loadDicom.ts';
export * from './series/tiltCorrect.ts';
export * from './series/resampleEvenSpacing.ts';
export * from './dicom/pixel/index.ts';
export * from './io/index.ts';
export * from './volume/resample.ts';
export * from './phantom/index.ts';
export { loadVrDictionary, vrForTag } from './dicom/vrForTag.ts';
export * from './deid/index.ts';
export * from './mpr/index.ts';
export * from './measure/index.ts';
export * from './segmentation/index.ts';
export * from './mesh/index.ts';
export * from './rendering/index.ts';
export * from './response/index.ts';
export * from './registration/index.ts';
export * from './longitudinal/index.ts';
export * from './report/index.ts';
export * from './dicom/sr/index.ts';
