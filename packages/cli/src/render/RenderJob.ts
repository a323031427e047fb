// The contract between `voxa render` (Node) and its page script (headless chromium): plain data
// that crosses into the page as JSON. Types only come from the renderer, so nothing of it is
// bundled into the CLI.
import type { Vec3, VoxelType } from '@voxa/core';
import type { OrbitCamera } from '../../../render/src/surface/OrbitCamera.ts';
import type { VolumeRenderSettings } from '../../../render/src/vr/VolumeRenderSettings.ts';

/** `--mode`: ray casting through the transfer function, path tracing, or a projection of the values. */
export const RENDER_MODES = ['raycast', 'cinematic', 'mip', 'minip', 'average'] as const;
export type RenderMode = typeof RENDER_MODES[number];

/** `--view`: the side of the patient the camera looks from (the renderer's camera presets). */
export const RENDER_VIEWS = ['anterior', 'posterior', 'left', 'right', 'superior', 'inferior'] as const;
export type RenderView = typeof RENDER_VIEWS[number];

export const RENDER_PROJECTIONS = ['perspective', 'orthographic'] as const;
export type RenderProjection = typeof RENDER_PROJECTIONS[number];

/** The label burnt into every cinematic image. */
export const CINEMATIC_LABEL = 'Cinematic rendering — not for diagnosis';

/** The grid of the raw voxels the page fetches (the renderer's RawVolumeGrid). */
export interface RawVolumeGrid {
  dimensions: [number, number, number];
  /** Voxel index → LPS mm, column-major 4×4. */
  indexToWorld: number[];
  voxelType: VoxelType;
}

/** What the page is asked to draw. */
export interface RenderJob {
  view: RenderView;
  projection: RenderProjection;
  /** The volume's extent in LPS mm (voxel edges): the camera frames all of it. */
  boundsLps: { lo: Vec3; hi: Vec3 };
  /** These on top of the renderer's VOLUME_RENDER_DEFAULTS (its window when none is given). */
  settings: Pick<VolumeRenderSettings, 'mode' | 'transferFunction' | 'shading'> & Partial<Pick<VolumeRenderSettings, 'window'>>;
  /** Path trace `samples` paths per pixel (the renderer's CINEMATIC_DEFAULTS) instead of ray casting. */
  cinematic: boolean;
  samples: number;
  width: number;
  height: number;
  /** Text burnt into the image's top-left corner, light on a dark box. */
  label?: string;
}

/** A rectangle of image pixels, x and y from the top-left. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the page actually rendered with: recorded in the PNG. */
export interface RenderedParameters {
  camera: OrbitCamera;
  settings: VolumeRenderSettings;
  /** The path tracer's settings (CinematicSettings), when path traced. */
  cinematic?: Record<string, unknown>;
  samples?: number;
  label?: { text: string; boxPx: PixelBox };
  /** The WebGL renderer that drew the image (e.g. SwiftShader's). */
  webgl: string;
}
