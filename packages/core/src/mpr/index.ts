/** Multiplanar and curved reformation: the CPU reference the GPU shaders are checked against. */
export * from './ReslicePlane.ts';
export * from './reslice.ts';
export { MAX_SLAB_SAMPLES, SAMPLE_EPSILON, slabOffsetsMm } from './sampleLine.ts';
export * from './resamplePath.ts';
export * from './rotationMinimisingFrame.ts';
export * from './principalAxes.ts';
export * from './curvedReformat.ts';
