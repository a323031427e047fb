import { mat4Column, mat4FromColumns } from '../math/Mat4.ts';
import type { Vec3 } from '../math/Vec3.ts';
import { allocVoxels, createVolume, voxelTypeOf, type Volume } from '../volume/Volume.ts';
import { VoxaError } from '../errors/VoxaError.ts';
import { roundHalfAway } from './roundHalfAway.ts';

/** Options of {@link resampleEvenSpacing}. */
export interface EvenSpacingOptions {
  /** Largest number of output slices, as a multiple of the input count (bounds memory). */
  maxSliceFactor: number;
}

export const EVEN_SPACING_DEFAULTS: EvenSpacingOptions = { maxSliceFactor: 2 };

/**
 * Resample a stack with uneven slice positions onto evenly spaced slices, linearly between the
 * two acquired slices around each new one. The new slices span exactly from the first acquired
 * slice to the last, about the smallest acquired step apart, but never more than
 * `maxSliceFactor` × the acquired count (dcm2niix's cap, so that outputs can be compared).
 *
 * @param positionsMm each slice's position along the k axis, relative to the first (ascending)
 */
export function resampleEvenSpacing(source: Volume, positionsMm: number[], options: Partial<EvenSpacingOptions> = {}): Volume {
  const o = { ...EVEN_SPACING_DEFAULTS, ...options };
  const [nx, ny, nz] = source.dimensions;
  if (positionsMm.length !== nz || nz < 2) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `${positionsMm.length} positions for ${nz} slices`);
  let step = Infinity; // the smallest acquired step, then adjusted to divide the span evenly
  for (let k = 1; k < nz; k++) {
    const d = positionsMm[k] - positionsMm[k - 1];
    if (d > 0 && d < step) step = d;
  }
  if (!Number.isFinite(step)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'slice positions do not increase');
  // The new slices run from the first acquired slice to the last, both kept.
  const span = positionsMm[nz - 1];
  const count = Math.min(Math.round(span / step) + 1, o.maxSliceFactor * nz);
  step = span / (count - 1);
  const plane = nx * ny * source.components;
  const type = voxelTypeOf(source.voxels);
  const integer = type !== 'float32' && type !== 'float64';
  const src = source.voxels;
  const out = allocVoxels(type, plane * count);
  let hi = 0;
  for (let s = 0; s < count; s++) {
    const at = s * step;
    while (hi < nz - 1 && positionsMm[hi] < at) hi++;
    const lo = Math.max(hi - 1, 0);
    const dst = s * plane;
    if (positionsMm[hi] === positionsMm[lo] || at > positionsMm[hi]) {
      out.set(src.subarray(hi * plane, (hi + 1) * plane), dst);
      continue;
    }
    const wHi = (at - positionsMm[lo]) / (positionsMm[hi] - positionsMm[lo]);
    const wLo = 1 - wHi;
    const a = lo * plane, b = hi * plane;
    for (let v = 0; v < plane; v++) {
      const x = src[a + v] * wLo + src[b + v] * wHi;
      out[dst + v] = integer ? roundHalfAway(x) : x;
    }
  }
  // The k column keeps its direction (sheared or not); its length along the stack becomes the new step.
  const ck = mat4Column(source.indexToWorld, 2);
  const meanStep = span / (nz - 1);
  const scale = step / meanStep;
  const kCol: Vec3 = [ck[0] * scale, ck[1] * scale, ck[2] * scale];
  return createVolume({
    dimensions: [nx, ny, count],
    voxels: out,
    components: source.components,
    indexToWorld: mat4FromColumns(mat4Column(source.indexToWorld, 0), mat4Column(source.indexToWorld, 1), kCol, mat4Column(source.indexToWorld, 3)),
    units: source.units,
    meta: { ...source.meta, warnings: [...source.meta.warnings] },
  });
}
