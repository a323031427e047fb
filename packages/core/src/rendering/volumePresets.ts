import type { ShadingParameters, TransferFunction } from './transferFunction.ts';

export type VolumePresetName = 'ct-bone' | 'ct-soft-tissue' | 'ct-lung' | 'ct-angio' | 'ct-cardiac' | 'mr-default' | 'mr-angio' | 'pet';

/**
 * A named transfer function and lighting. CT presets are in HU. MR and PET values have no fixed
 * scale, so their presets are `relative`: values 0–1 stand for a range the caller measures on the
 * volume (robust low and high, e.g. its 1st and 99.5th percentiles; see resolveVolumePreset).
 */
export interface VolumePreset {
  name: VolumePresetName;
  label: string;
  modality: 'CT' | 'MR' | 'PT';
  relative: boolean;
  transferFunction: TransferFunction;
  /** Lighting; undefined renders emission and absorption only (PET, where shading misleads). */
  shading?: ShadingParameters;
}

const SURFACE: ShadingParameters = { ambient: 0.25, diffuse: 0.75, specular: 0.3, shininess: 24 };
const SOFT: ShadingParameters = { ambient: 0.35, diffuse: 0.65, specular: 0.15, shininess: 12 };

const preset = (
  name: VolumePresetName, label: string, modality: VolumePreset['modality'], relative: boolean,
  color: [number, [number, number, number]][], opacity: [number, number][], shading?: ShadingParameters,
): VolumePreset => ({
  name, label, modality, relative, shading,
  transferFunction: {
    color: color.map(([value, rgb]) => ({ value, rgb })),
    opacity: opacity.map(([value, alpha]) => ({ value, alpha })),
    unitDistanceMm: 1,
  },
});

/** The presets, in the order a menu lists them. Opacities are per millimetre of ray. */
export const VOLUME_PRESETS: readonly VolumePreset[] = [
  // Cancellous bone (~250 HU) and cortex (700+) opaque; everything softer transparent.
  preset('ct-bone', 'CT bone', 'CT', false,
    [[150, [0.62, 0.3, 0.22]], [300, [0.9, 0.78, 0.6]], [700, [0.97, 0.93, 0.84]], [1500, [1, 1, 0.97]]],
    [[-1024, 0], [140, 0], [300, 0.55], [700, 0.85], [3071, 0.9]], SURFACE),
  // Fat faint, muscle and organs translucent red, bone white.
  preset('ct-soft-tissue', 'CT soft tissue', 'CT', false,
    [[-150, [0.85, 0.72, 0.45]], [20, [0.72, 0.32, 0.26]], [90, [0.85, 0.45, 0.36]], [300, [0.95, 0.9, 0.82]]],
    [[-1024, 0], [-200, 0], [-90, 0.01], [10, 0.04], [90, 0.2], [300, 0.7], [3071, 0.85]], SOFT),
  // Lung parenchyma (~−850 HU) as a translucent cloud; the airways show by their lumens' air–wall
  // transition, which passes through the band. Air (outside the body, in the lumens) and soft
  // tissue stay transparent; the skin's air–tissue transition passes through the band too and
  // shows as a faint veil (crop or clip it away).
  preset('ct-lung', 'CT lung', 'CT', false,
    [[-950, [0.55, 0.35, 0.3]], [-850, [0.9, 0.68, 0.58]], [-650, [1, 0.85, 0.78]]],
    [[-1024, 0], [-965, 0], [-900, 0.07], [-760, 0.07], [-600, 0], [3071, 0]], SURFACE),
  // Contrast-filled vessels (150–500 HU) red, bone (harder) white.
  preset('ct-angio', 'CT angio / vascular', 'CT', false,
    [[150, [0.7, 0.08, 0.05]], [350, [0.93, 0.3, 0.2]], [700, [1, 0.92, 0.85]]],
    [[-1024, 0], [130, 0], [250, 0.5], [500, 0.8], [3071, 0.9]], SURFACE),
  // Myocardium faint, contrast blood pool bright.
  preset('ct-cardiac', 'CT cardiac', 'CT', false,
    [[0, [0.5, 0.15, 0.1]], [120, [0.8, 0.3, 0.22]], [300, [1, 0.6, 0.45]], [800, [1, 0.95, 0.9]]],
    [[-1024, 0], [-20, 0], [80, 0.06], [200, 0.5], [600, 0.8], [3071, 0.9]], SURFACE),
  preset('mr-default', 'MR default', 'MR', true,
    [[0, [0.3, 0.25, 0.22]], [0.4, [0.8, 0.7, 0.62]], [1, [1, 0.97, 0.92]]],
    [[0, 0], [0.15, 0], [0.45, 0.12], [1, 0.5]], SOFT),
  // Bright inflow (time-of-flight) or contrast: only the top of the range.
  preset('mr-angio', 'MR angio', 'MR', true,
    [[0.5, [0.7, 0.1, 0.06]], [0.8, [0.95, 0.4, 0.3]], [1, [1, 0.92, 0.85]]],
    [[0, 0], [0.5, 0], [0.75, 0.45], [1, 0.9]], SURFACE),
  // Uptake as a hot-iron glow without lighting.
  preset('pet', 'PET', 'PT', true,
    [[0.05, [0.15, 0, 0]], [0.3, [0.85, 0.15, 0]], [0.6, [1, 0.7, 0]], [1, [1, 1, 0.9]]],
    [[0, 0], [0.05, 0], [0.3, 0.04], [1, 0.6]]),
];

/** A preset by name; throws on an unknown name (the CLI's and the app's menus list VOLUME_PRESETS). */
export function volumePreset(name: string): VolumePreset {
  const p = VOLUME_PRESETS.find((q) => q.name === name);
  if (!p) throw new RangeError(`unknown volume preset "${name}"; known: ${VOLUME_PRESETS.map((q) => q.name).join(', ')}`);
  return p;
}

/**
 * A preset's transfer function in the volume's values: absolute presets as they are, relative
 * ones mapped from 0–1 onto [low, high] (the volume's robust range).
 */
export function resolveVolumePreset(p: VolumePreset, range: { low: number; high: number }): TransferFunction {
  const tf = p.transferFunction;
  if (!p.relative) return tf;
  const at = (v: number) => range.low + v * (range.high - range.low);
  return {
    ...tf,
    color: tf.color.map((q) => ({ ...q, value: at(q.value) })),
    opacity: tf.opacity.map((q) => ({ ...q, value: at(q.value) })),
  };
}

/** The preset that suits a modality first (the 3D view's default). */
export function defaultVolumePreset(modality: string | undefined): VolumePreset {
  const name: VolumePresetName = modality === 'MR' ? 'mr-default' : modality === 'PT' ? 'pet' : 'ct-bone';
  return volumePreset(name);
}
