/**
 * A volume rendering transfer function: piecewise-linear colour and opacity over the volume's own
 * values (HU for CT, SUV for PET; MR presets are given relative to a range, see volumePresets.ts).
 *
 * Opacity is per `unitDistanceMm` of ray, as VTK's scalar opacity unit distance: a renderer that
 * samples every s mm uses 1 − (1 − α)^(s / unit), so the image does not change with the step.
 */
export interface TransferFunction {
  /** Colour points, ascending by value; linear RGB 0–1. Outside the points the end colours hold. */
  color: { value: number; rgb: [number, number, number] }[];
  /** Opacity points, ascending by value; 0–1 per unit distance. Outside the points the end opacities hold. */
  opacity: { value: number; alpha: number }[];
  /** Ray length (mm) over which `alpha` is the opacity. */
  unitDistanceMm: number;
}

/** Surface lighting of a volume rendering (Blinn–Phong weights). */
export interface ShadingParameters {
  ambient: number;
  diffuse: number;
  specular: number;
  shininess: number;
}

/** A transfer function sampled into a table: RGBA (0–1) at `size` evenly spaced values from `low` to `high`. */
export interface TransferTable {
  low: number;
  high: number;
  size: number;
  rgba: Float32Array;
}

/**
 * Sample a transfer function into a table over [low, high] (a renderer's lookup texture). The
 * range should cover every control point, or the points beyond it are cut off.
 */
export function sampleTransferFunction(tf: TransferFunction, low: number, high: number, size = 1024): TransferTable {
  if (!(high > low)) throw new RangeError(`transfer table range [${low}, ${high}] is empty`);
  checkAscending(tf.color.map((p) => p.value), 'colour');
  checkAscending(tf.opacity.map((p) => p.value), 'opacity');
  const rgba = new Float32Array(size * 4);
  for (let i = 0; i < size; i++) {
    const v = low + ((high - low) * i) / (size - 1);
    const c = interpolate(tf.color, v, (p) => p.rgb);
    rgba[i * 4] = c[0];
    rgba[i * 4 + 1] = c[1];
    rgba[i * 4 + 2] = c[2];
    rgba[i * 4 + 3] = interpolate(tf.opacity, v, (p) => [p.alpha])[0];
  }
  return { low, high, size, rgba };
}

/** The span of values a transfer function's points cover. */
export function transferFunctionRange(tf: TransferFunction): { low: number; high: number } {
  const values = [...tf.color, ...tf.opacity].map((p) => p.value);
  return { low: Math.min(...values), high: Math.max(...values) };
}

function interpolate<P extends { value: number }>(points: P[], v: number, get: (p: P) => number[]): number[] {
  if (points.length === 0) return [0, 0, 0];
  if (v <= points[0].value) return get(points[0]);
  const last = points[points.length - 1];
  if (v >= last.value) return get(last);
  let i = 1;
  while (points[i].value < v) i++;
  const a = points[i - 1], b = points[i];
  const f = b.value === a.value ? 1 : (v - a.value) / (b.value - a.value);
  const ga = get(a), gb = get(b);
  return ga.map((x, k) => x + (gb[k] - x) * f);
}

function checkAscending(values: number[], what: string): void {
  for (let i = 1; i < values.length; i++) {
    if (!(values[i] >= values[i - 1])) throw new RangeError(`${what} points must ascend by value: ${values[i - 1]} then ${values[i]}`);
  }
}
