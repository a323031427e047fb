import {
  CINEMATIC_DEFAULTS, VOLUME_RENDER_DEFAULTS, type CinematicSettings, type GpuLabelMap, type GpuVolume, type OrbitCamera, type SurfaceDraw,
  type VolumeRaycaster, type VolumeRenderMode, type VolumeRenderSettings,
} from '@voxa/render';
import { planeNormalOf, type MprState } from '../viewer/MprState.ts';
import {
  defaultVolumePreset, histogramPercentiles, resolveVolumePreset, valueHistogram, volumePreset, type TransferFunction, type ValueHistogram,
  type VolumePreset, type Vec3,
} from '@voxa/core';

/** After the last camera move, wait this long before drawing at full resolution again. */
const STILL_MS = 200;

/** Which MPR plane, if any, cuts the volume rendering (the side towards the viewer's plane normal is removed). */
export type VolumeClip = 'none' | 'axial' | 'coronal' | 'sagittal';

/**
 * The 3D view's volume rendering: preset or edited transfer function, mode, lighting, segments
 * inside the volume, a clip plane from the MPR, cinematic mode; and the level of detail (half
 * resolution while the camera moves, full when it rests). The surfaces' camera is shared: the
 * volume and the segment surfaces are one scene.
 */
export class VolumeView {
  enabled = true;
  preset: VolumePreset;
  transferFunction: TransferFunction;
  mode: VolumeRenderMode = 'composite';
  shading = true;
  ambientOcclusion = false;
  /** Segments inside the volume in their colours (opacity per mm; 0: off). */
  labelOpacity = 0;
  clip: VolumeClip = 'none';
  /** Crop box as fractions (0–1) of the grid along i, j, k. */
  crop: { lo: Vec3; hi: Vec3 } = { lo: [0, 0, 0], hi: [1, 1, 1] };
  cinematic = false;
  /** Mix the fused series (PET on CT) into the rays through its modality's preset. */
  fuse = true;
  /** The fused series' robust range, once measured, and which series it is. */
  private fusionRange?: { seriesUid: string; low: number; high: number; modality: string };
  cinematicSettings: CinematicSettings = { ...CINEMATIC_DEFAULTS };
  /** The volume's robust range and histogram (for relative presets and the editor), once measured. */
  histogram?: ValueHistogram;
  range?: { low: number; high: number };
  private interactiveUntil = 0;
  private lastCamera?: OrbitCamera;
  private lastScene?: string;
  private timer = 0;

  constructor(modality: string | undefined, private readonly onChange: () => void) {
    this.preset = defaultVolumePreset(modality);
    this.transferFunction = this.preset.transferFunction;
  }

  /** Choose a preset: its transfer function replaces any edit. */
  setPreset(name: string): void {
    this.preset = volumePreset(name);
    this.transferFunction = this.range ? resolveVolumePreset(this.preset, this.range) : this.preset.transferFunction;
    this.shading = !!this.preset.shading;
    this.onChange();
  }

  setTransferFunction(tf: TransferFunction): void {
    this.transferFunction = tf;
    this.onChange();
  }

  set<K extends 'enabled' | 'mode' | 'shading' | 'ambientOcclusion' | 'labelOpacity' | 'clip' | 'cinematic' | 'fuse' | 'crop'>(key: K, value: VolumeView[K]): void {
    (this as VolumeView)[key] = value;
    this.onChange();
  }

  /**
   * Add the volume to a 3D draw. A moved camera, or moving MPR planes (their outlines are in the
   * scene), draw at half resolution until they rest for STILL_MS, then once more at full. The
   * first draw of a complete series measures it (histogram of every 4th voxel read back from the
   * GPU, robust range), and a fused series likewise.
   */
  decorate(d: SurfaceDraw, raycaster: VolumeRaycaster, scene: View3dScene): SurfaceDraw {
    const volume = scene.volume;
    if (!this.enabled || !volume || !volume.complete) return d;
    if (!this.histogram) {
      const f = raycaster.filtered(volume);
      this.measure(f.sampleValues(4), f.range.low, f.range.high);
    }
    const fused = this.fuse && scene.fused?.volume.complete ? scene.fused : undefined;
    if (fused && this.fusionRange?.seriesUid !== fused.seriesUid) {
      const f = raycaster.filtered(fused.volume);
      this.fusionRange = { seriesUid: fused.seriesUid, modality: fused.modality, ...histogramPercentiles(valueHistogram(f.sampleValues(4), f.range.low, f.range.high, 256), 0.01, 0.995) };
    }
    const now = performance.now();
    const sceneKey = `${d.surfaces.id}.${d.surfaces.version}`;
    const moved = (this.lastCamera && this.lastCamera !== d.camera) || (this.lastScene !== undefined && this.lastScene !== sceneKey);
    this.lastScene = sceneKey;
    if (moved) {
      this.interactiveUntil = now + STILL_MS;
      clearTimeout(this.timer);
      this.timer = window.setTimeout(() => this.onChange(), STILL_MS + 10);
    }
    this.lastCamera = d.camera;
    const interactive = now < this.interactiveUntil && !this.cinematic;
    const settings: VolumeRenderSettings = {
      ...VOLUME_RENDER_DEFAULTS,
      mode: this.cinematic ? 'composite' : this.mode,
      transferFunction: this.transferFunction,
      shading: this.shading ? this.preset.shading ?? { ambient: 0.3, diffuse: 0.7, specular: 0.2, shininess: 16 } : undefined,
      ambientOcclusion: this.ambientOcclusion,
      window: this.range ? { center: (this.range.low + this.range.high) / 2, width: this.range.high - this.range.low } : VOLUME_RENDER_DEFAULTS.window,
      clipPlanes: this.clipPlane(scene.mpr, d.camera),
      crop: this.crop,
      labelOpacity: this.labelOpacity,
      quality: interactive ? 'interactive' : 'full',
    };
    const r = this.fusionRange;
    const fusion = fused && r ? { volume: fused.volume, transferFunction: resolveVolumePreset(defaultVolumePreset(r.modality), r) } : undefined;
    return { ...d, volume: { volume, settings, labels: scene.labels, fusion }, cinematic: this.cinematic ? this.cinematicSettings : undefined };
  }

  /** The chosen MPR plane through the crosshair centre, cutting away the side the camera looks from. */
  private clipPlane(mpr: MprState | undefined, camera: OrbitCamera): VolumeRenderSettings['clipPlanes'] {
    if (this.clip === 'none' || !mpr) return [];
    const n = planeNormalOf(mpr.axes[this.clip]);
    const towardsEye = n[0] * camera.direction[0] + n[1] * camera.direction[1] + n[2] * camera.direction[2] >= 0;
    return [{ point: mpr.centre, normal: (towardsEye ? n : n.map((v) => -v)) as Vec3 }];
  }

  private measure(values: Float32Array, low: number, high: number): void {
    this.histogram = valueHistogram(values, low, high, 256);
    this.range = histogramPercentiles(this.histogram, 0.01, 0.995);
    if (this.preset.relative) this.transferFunction = resolveVolumePreset(this.preset, this.range);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** What the 3D view holds besides the surfaces: the series' volume, its segments, the MPR, a fused series. */
export interface View3dScene {
  volume?: GpuVolume;
  labels?: GpuLabelMap;
  mpr?: MprState;
  fused?: { volume: GpuVolume; seriesUid: string; modality: string };
}
