import { generateSpherePhantom, type Mat4, type SpherePhantomOptions, type TransferFunction, type VoxelArray, type VoxelType } from '@voxa/core';
import type { OrbitCamera } from '../surface/OrbitCamera.ts';
import { SurfaceScene } from '../surface/SurfaceScene.ts';
import type { GpuVolume } from '../volume/GpuVolume.ts';
import { ViewportRenderer } from '../ViewportRenderer.ts';
import type { CinematicSettings } from '../vr/PathTracer.ts';
import type { VolumeRenderSettings } from '../vr/VolumeRenderSettings.ts';

/** One render of the loaded volume. */
export interface RenderRequest {
  camera: OrbitCamera;
  settings: VolumeRenderSettings;
  /** Mix the second loaded volume (loadSpheres(…, true)) into the rays through this transfer function. */
  fusion?: TransferFunction;
  /** Path trace `samples` paths per pixel instead of ray casting. */
  cinematic?: CinematicSettings;
  samples?: number;
  /** Path trace only this window of the image (x, y from the top-left); the answer holds its pixels. */
  region?: { x: number; y: number; width: number; height: number };
  width: number;
  height: number;
  /**
   * rgba: the displayed colours (bytes); values: the projected values (floats, NaN off the
   * volume); path tracer only: rgba-float the displayed colours as floats 0–1, linear the mean
   * radiance (floats, RGBA).
   */
  output: 'rgba' | 'values' | 'rgba-float' | 'linear';
}

/** The grid of a raw volume the page fetches. */
export interface RawVolumeGrid {
  dimensions: [number, number, number];
  indexToWorld: number[];
  voxelType: VoxelType;
}

/**
 * A page API for rendering without the workstation (`window.voxaRender`): the CLI's `voxa
 * render`, the renderer's browser tests and the render benchmark load a volume (raw voxels from
 * a URL, or a sphere phantom made in the page) and ask for images. Results are base64 strings
 * (bytes or little-endian floats), which playwright carries cheaply.
 */
export function installRenderApi(canvas: HTMLCanvasElement): void {
  const renderer = new ViewportRenderer(canvas);
  const surfaces = new SurfaceScene();
  let volume: GpuVolume | undefined;
  let second: GpuVolume | undefined;

  const upload = (grid: RawVolumeGrid, voxels: VoxelArray, asSecond = false) => {
    (asSecond ? second : volume)?.dispose();
    const v = renderer.createVolume({ dimensions: grid.dimensions, indexToWorld: Float64Array.from(grid.indexToWorld) as Mat4, voxelType: grid.voxelType });
    const [nx, ny, nz] = grid.dimensions;
    for (let k = 0; k < nz; k++) v.setSlice(k, voxels.subarray(k * nx * ny, (k + 1) * nx * ny) as VoxelArray);
    if (asSecond) second = v;
    else volume = v;
  };

  const api = {
    /** A sphere phantom as the volume, or as the second volume to fuse. */
    loadSpheres(o: SpherePhantomOptions, asSecond = false): void {
      const v = generateSpherePhantom(o);
      upload({ dimensions: v.dimensions, indexToWorld: [...v.indexToWorld], voxelType: 'int16' }, v.voxels, asSecond);
    },
    async loadRaw(url: string, grid: RawVolumeGrid): Promise<void> {
      const bytes = await (await fetch(url)).arrayBuffer();
      const ctor = { int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array, float32: Float32Array, float64: Float64Array }[grid.voxelType];
      upload(grid, new ctor(bytes) as VoxelArray);
    },
    render(q: RenderRequest): string {
      if (!volume) throw new Error('no volume loaded');
      canvas.width = q.width;
      canvas.height = q.height;
      canvas.style.width = `${q.width}px`;
      canvas.style.height = `${q.height}px`;
      renderer.setSize(q.width, q.height, 1);
      const fusion = q.fusion && second ? { volume: second, transferFunction: q.fusion } : undefined;
      const content = { surfaces, camera: q.camera, volume: { volume, settings: q.settings, fusion } };
      if (q.cinematic) {
        const rgba = renderer.view3d.readCinematic({ ...content, cinematic: q.cinematic }, q.width, q.height, q.samples ?? 64, q.output === 'linear', q.region);
        return q.output === 'linear' || q.output === 'rgba-float' ? base64(new Uint8Array(rgba.buffer)) : base64(Uint8Array.from(rgba, (v, i) => (i % 4 === 3 ? 255 : Math.round(Math.min(1, Math.max(0, v)) * 255))));
      }
      if (q.output === 'values') return base64(new Uint8Array(renderer.view3d.readValues(content, q.width, q.height).buffer));
      const rect = { left: 0, top: 0, width: q.width, height: q.height };
      renderer.draw([{ rect, ...content }], true);
      return base64(renderer.readColors(rect).rgba);
    },
  };
  (window as unknown as { voxaRender: typeof api }).voxaRender = api;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
