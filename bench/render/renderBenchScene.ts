// What `npm run bench -- render` shows, shared by the Node driver and the page (no DOM, no Node):
// the volume's grid, the transfer function and lighting, the sample distance, the camera.
import { volumePreset, type ShadingParameters, type TransferFunction, type Vec3 } from '@voxa/core';

/** The bench volume's grid: isotropic, axis-aligned in LPS. */
export interface BenchGrid {
  dimensions: [number, number, number];
  spacingMm: number;
  /** LPS mm of voxel (0, 0, 0)'s centre. */
  originLps: Vec3;
  /** Column-major voxel index → LPS mm (as core's Volume). */
  indexToWorld: number[];
}

/** The camera all three renderers share: orthographic, looking at `target` from `direction` (unit, target → eye). */
export interface BenchCamera {
  target: Vec3;
  direction: Vec3;
  up: Vec3;
  /** Height of the view at the target (mm). */
  heightMm: number;
}

/** Everything the page needs to set the three renderers up alike. */
export interface RenderBenchSetup {
  grid: BenchGrid;
  /** Raw little-endian int16 voxels (i fastest) and the same voxels as a NIfTI-1 (for NiiVue). */
  rawUrl: string;
  niftiUrl: string;
  /** Canvas edge in device pixels (square). */
  imagePx: number;
  transferFunction: TransferFunction;
  shading: ShadingParameters;
  /** Ray step in mm (half a voxel). */
  sampleDistanceMm: number;
  camera: BenchCamera;
}

/** The renderers the page times: Voxa's ray caster, vtk.js, NiiVue at the same step, and NiiVue at its own one-voxel step. */
export type RendererName = 'voxa' | 'vtkjs' | 'niivue' | 'niivue-native';

export const RENDERER_LABELS: Record<RendererName, string> = {
  voxa: 'Voxa ray caster',
  vtkjs: 'vtk.js vtkVolumeMapper',
  niivue: 'NiiVue (half-voxel step)',
  'niivue-native': 'NiiVue (own 1-voxel step)',
};

/** What a view reports after set-up. */
export interface ViewInfo {
  name: RendererName;
  /** The large 3D textures it allocated (internal format and size). */
  textures: string[];
  canvasPx: [number, number];
}

/** A window of the view (pixels from the top-left). */
export interface PixelRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The page's API (`window.__renderBench`, bench/render/page/main.ts). */
export interface RenderBenchPage {
  /** Set the renderers up on the volume; their first frames are drawn here, untimed. */
  setup(s: RenderBenchSetup, names: RendererName[]): Promise<ViewInfo[]>;
  /** Frame times (ms): per angle, turn the camera there, render, and wait for the GPU. */
  time(name: RendererName, anglesDeg: number[]): number[];
  /** One frame at an angle, read back: RGBA bytes, top row first, base64. */
  snapshot(name: RendererName, deg: number): string;
  /** Voxa's page API (installRenderApi) on a canvas of its own, with the bench volume loaded. */
  installPathTracer(s: RenderBenchSetup): Promise<void>;
  /**
   * voxaRender.render of the start view path traced with `samples` paths per pixel in a window
   * (output 'rgba-float': display values 0–1 as little-endian float32 RGBA, base64), timed in the page.
   */
  trace(samples: number, region: PixelRegion): { ms: number; data: string };
  /** The WebGL renderer string (SwiftShader or a GPU). */
  glRenderer(): string;
}

/** The CT bone preset of the 3D view: the transfer function and lighting all three renderers get. */
export const BENCH_PRESET = volumePreset('ct-bone');

/**
 * The NiiVue colour map's value span: below 140 HU the preset is transparent everywhere; above
 * 1500 HU its colour is constant and its opacity rises only from 0.87 to 0.90 per mm (NiiVue's
 * map holds the value at 1500).
 */
export const NIIVUE_MAP_SPAN = { low: 140, high: 1500 } as const;

/** Rotate a direction about a unit axis by `deg` degrees (Rodrigues). */
export function rotateAbout(v: Vec3, axis: Vec3, deg: number): Vec3 {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a), s = Math.sin(a);
  const [kx, ky, kz] = axis;
  const kd = kx * v[0] + ky * v[1] + kz * v[2];
  const cross: Vec3 = [ky * v[2] - kz * v[1], kz * v[0] - kx * v[2], kx * v[1] - ky * v[0]];
  return [0, 1, 2].map((i) => v[i] * c + cross[i] * s + axis[i] * kd * (1 - c)) as Vec3;
}
