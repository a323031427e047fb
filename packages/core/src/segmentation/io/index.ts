/** DICOM SEG read/write and label-map files with a label table. */
export * from './cieLab.ts';
export * from './segConstants.ts';
export * from './DicomSegmentation.ts';
export { readDicomSeg } from './readDicomSeg.ts';
export type { VoxelGrid } from './segGrid.ts';
export { writeDicomSeg, dicomSegDataset, WRITE_DICOM_SEG_DEFAULTS, type WriteDicomSegOptions } from './writeDicomSeg.ts';
export { segSourceFromSlices, type SegSourceImage, type SegSourceInstance } from './SegSourceImage.ts';
export type { SegmentFractionValues } from './segPixelFrames.ts';
export { DEFAULT_ALGORITHM_NAME } from './segmentSequenceItem.ts';
export { LABEL_TABLE_FORMAT, parseLabelTable, type LabelTable, type LabelTableEntry } from './LabelTable.ts';
export { segmentationToLabelVolumes } from './segmentationToLabelVolumes.ts';
export { segmentationFromLabelVolume } from './segmentationFromLabelVolume.ts';
export { phantomLabelTable } from './phantomLabelTable.ts';
