import type { ShadingParameters, TransferFunction, Vec3 } from '@voxa/core';

/** How rays combine the samples: composite (transfer function), or a projection of the values. */
export type VolumeRenderMode = 'composite' | 'mip' | 'minip' | 'average';

/** A plane that cuts the volume away: what lies on the side the normal points to is removed. */
export interface ClipPlane {
  point: Vec3;
  normal: Vec3;
}

/** Everything that decides a volume rendering's pixels (besides the camera). */
export interface VolumeRenderSettings {
  mode: VolumeRenderMode;
  transferFunction: TransferFunction;
  /** Lighting for composite mode; undefined: emission and absorption only. */
  shading?: ShadingParameters;
  /** Darken crevices by the opacity around each shaded sample. */
  ambientOcclusion?: boolean;
  /** Ray step as a fraction of the smallest voxel spacing (0.5: two samples per voxel). */
  sampleRate: number;
  /** Grey window for the projection modes (values → black…white). */
  window: { center: number; width: number };
  clipPlanes: ClipPlane[];
  /** Crop box as fractions (0–1) of the grid along i, j, k. */
  crop: { lo: Vec3; hi: Vec3 };
  /** Segments drawn inside the volume: their voxels take the segment colour at this opacity per mm (0: not drawn). */
  labelOpacity: number;
  /** 'interactive' renders at half resolution with twice the step (while the user drags). */
  quality: 'full' | 'interactive';
}

export const VOLUME_RENDER_DEFAULTS: Omit<VolumeRenderSettings, 'transferFunction'> = {
  mode: 'composite',
  sampleRate: 0.5,
  window: { center: 400, width: 1500 },
  clipPlanes: [],
  crop: { lo: [0, 0, 0], hi: [1, 1, 1] },
  labelOpacity: 0,
  quality: 'full',
};

/** Most clip planes a rendering applies at once. */
export const MAX_CLIP_PLANES = 4;
