export * from './transferFunction.ts';
export * from './volumePresets.ts';
export * from './valueHistogram.ts';
export * from './imagePsnr.ts';
