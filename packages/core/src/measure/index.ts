/** 2D and 3D measurements: lengths and angles on LPS points, statistics of image regions. */
export * from './Measurement.ts';
export * from './lengthMm.ts';
export * from './angleDeg.ts';
export * from './cobbAngleDeg.ts';
export * from './bidirectional.ts';
export * from './roiStatistics.ts';
export { ellipseMask } from './ellipseMask.ts';
export * from './polygonMask.ts';
export * from './lesionAxes.ts';
export * from './measureLesion.ts';
export * from './leanBodyMass.ts';
export * from './sulFactor.ts';
export * from './sphereVoxels.ts';
export * from './maskOnGrid.ts';
export * from './petUptake.ts';
export * from './petLiverReference.ts';
