import { VoxaError } from '../../errors/VoxaError.ts';
import { COLOR_MAPS, type ColorMapName } from './colorMaps.ts';

/** sRGB 0–255. */
export type Rgb8 = [number, number, number];

/** Options of `colorMapScalars`. */
export interface ColorMapScalarsOptions {
  /** Value at the map's first colour; lower values are clamped (default: the smallest finite value). */
  min?: number;
  /** Value at the map's last colour; higher values are clamped (default: the largest finite value). */
  max?: number;
  /** Default 'viridis'. */
  map?: ColorMapName;
  /** Unit of the values, for the legend (default 'mm'). */
  unit?: string;
  /** Colour of NaN and ±Infinity values (a vertex without a measurement; default mid grey). */
  nanRgb?: Rgb8;
}

/** Documented defaults of `colorMapScalars`. */
export const COLOR_MAP_SCALARS_DEFAULTS = { map: 'viridis' as ColorMapName, unit: 'mm', nanRgb: [128, 128, 128] as Rgb8 };

/** What a legend needs: the range, the unit and the map as value → colour stops (draw a linear gradient through them). */
export interface ColorLegend {
  map: ColorMapName;
  min: number;
  max: number;
  unit: string;
  /** Increasing values from min to max, colours rounded to integers. */
  stops: { value: number; rgb: Rgb8 }[];
  nanRgb: Rgb8;
}

/** Per-value colours and their legend. */
export interface ColoredScalars {
  /** r, g, b per value, sRGB 0–255: PLY vertex colours as they are; glTF COLOR_0 is linear, so convert there. */
  rgb: Uint8Array;
  legend: ColorLegend;
}

/** Entries of the lookup table a map is sampled into: 1/4095 of the range, finer than 8-bit colour. */
const LUT_SIZE = 4096;

/**
 * Colours for per-vertex values (a thickness or distance map) from a colour map, with the legend
 * that explains them. Values are mapped linearly from [min, max] to the map and clamped; when the
 * range is empty (all values equal) every value takes the map's middle colour. Platform-agnostic
 * (no DOM): the viewer, the exporters (PLY red/green/blue, glTF COLOR_0) and a report's legend use
 * the same output.
 *
 * @example
 * const { rgb, legend } = colorMapScalars(surfaceThicknessMm(cartilage), { min: 0, max: 4 });
 * legend.stops[0]; // { value: 0, rgb: [68, 1, 84] }
 */
export function colorMapScalars(values: ArrayLike<number>, options: ColorMapScalarsOptions = {}): ColoredScalars {
  if (!values || typeof values.length !== 'number') {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'colorMapScalars' }, 'values must be an array of numbers');
  }
  const mapName = options.map ?? COLOR_MAP_SCALARS_DEFAULTS.map;
  const map = Object.hasOwn(COLOR_MAPS, mapName) ? COLOR_MAPS[mapName] : undefined;
  if (!map) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'colorMapScalars', map: String(mapName) }, `unknown colour map (expected one of ${Object.keys(COLOR_MAPS).join(', ')})`);
  }
  const nanRgb = options.nanRgb ?? COLOR_MAP_SCALARS_DEFAULTS.nanRgb;
  if (!Array.isArray(nanRgb) || nanRgb.length !== 3 || !nanRgb.every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'colorMapScalars' }, 'nanRgb must be three integers 0…255');
  }
  let lo = Infinity, hi = -Infinity;
  if (options.min === undefined || options.max === undefined) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (lo > hi) lo = hi = 0; // no finite value at all
  }
  const min = options.min ?? lo, max = options.max ?? hi;
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'colorMapScalars', min, max }, 'min and max must be finite numbers');
  }
  if (min > max || (min === max && options.min !== undefined && options.max !== undefined)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'colorMapScalars', min, max }, 'min must be less than max');
  }

  const lut = new Uint8Array(3 * LUT_SIZE);
  for (let e = 0; e < LUT_SIZE; e++) {
    const rgb = sampleMap(map.positions, map.rgb, e / (LUT_SIZE - 1));
    lut[3 * e] = rgb[0];
    lut[3 * e + 1] = rgb[1];
    lut[3 * e + 2] = rgb[2];
  }
  const rgb = new Uint8Array(3 * values.length);
  const scale = max > min ? (LUT_SIZE - 1) / (max - min) : 0;
  const middle = (LUT_SIZE - 1) >> 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let e: number;
    if (!Number.isFinite(v)) {
      rgb[3 * i] = nanRgb[0];
      rgb[3 * i + 1] = nanRgb[1];
      rgb[3 * i + 2] = nanRgb[2];
      continue;
    }
    if (scale === 0) e = middle;
    else {
      e = Math.round((v - min) * scale);
      e = e < 0 ? 0 : e > LUT_SIZE - 1 ? LUT_SIZE - 1 : e;
    }
    rgb[3 * i] = lut[3 * e];
    rgb[3 * i + 1] = lut[3 * e + 1];
    rgb[3 * i + 2] = lut[3 * e + 2];
  }
  const stops = map.positions.map((t, s) => ({
    value: min + t * (max - min),
    rgb: [Math.round(map.rgb[3 * s]), Math.round(map.rgb[3 * s + 1]), Math.round(map.rgb[3 * s + 2])] as Rgb8,
  }));
  return { rgb, legend: { map: mapName, min, max, unit: options.unit ?? COLOR_MAP_SCALARS_DEFAULTS.unit, stops, nanRgb: [...nanRgb] as Rgb8 } };
}

/** The map's colour at position t (0…1), rounded to integers. */
function sampleMap(positions: readonly number[], rgb: readonly number[], t: number): Rgb8 {
  let s = 0;
  while (s < positions.length - 2 && t > positions[s + 1]) s++;
  const span = positions[s + 1] - positions[s];
  const f = span > 0 ? Math.min(1, Math.max(0, (t - positions[s]) / span)) : 0;
  return [0, 1, 2].map((c) => Math.round(rgb[3 * s + c] + f * (rgb[3 * s + 3 + c] - rgb[3 * s + c]))) as Rgb8;
}
