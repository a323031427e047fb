/**
 * @voxa/render — WebGL2 on three.js: volumes as GPU textures filled progressively, and MPR
 * viewports (planar, slab, curved) and 3D views (segment surfaces, volume ray casting, a
 * progressive path tracer) drawn in one GL context.
 */
export * from './volume/VolumeGrid.ts';
export * from './volume/textureFormat.ts';
export * from './volume/GpuVolume.ts';
export * from './color/colorMaps.ts';
export * from './mpr/MprView.ts';
export * from './mpr/planeOfView.ts';
export * from './ViewportRenderer.ts';
export * from './segmentation/GpuLabelMap.ts';
export * from './surface/OrbitCamera.ts';
export * from './surface/SurfaceScene.ts';
export * from './surface/sliceMaterial.ts';
export * from './vr/VolumeRenderSettings.ts';
export * from './vr/FilteredVolume.ts';
export * from './vr/VolumeRaycaster.ts';
export * from './vr/PathTracer.ts';
export * from './vr/View3dRenderer.ts';
