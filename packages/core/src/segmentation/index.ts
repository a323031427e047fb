export * from './CodedConcept.ts';
export type * from './Segment.ts';
export * from './Segmentation.ts';
export * from './SegmentationHistory.ts';
