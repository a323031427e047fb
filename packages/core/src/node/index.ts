/** Node-only helpers of @voxa/core: reading files and folders, atomic writes. */
export * from './fileSources.ts';
export * from './writeFileAtomic.ts';
export * from './writeChunksAtomic.ts';
export * from './writePhantom.ts';
export * from './phantomManifest.ts';
export * from './gzipParallel.ts';
export * from './onnxNodeRunner.ts';
