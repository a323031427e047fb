export { LESION_DEFAULTS, segmentLesionAt, type LesionOptions, type LesionSegmentation } from './segmentLesionAt.ts';
export { ellipsoidMask, fitEllipsoidEdge, type EllipsoidEdgeModel } from './ellipsoidFit.ts';
