import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { checkGrid, outputMask } from './grid.ts';
import { marginMm } from './margin.ts';

/** Where the shell lies relative to the original surface. */
export type HollowShell = 'inside' | 'outside' | 'centred';

/** Options of `hollow`. */
export interface HollowOptions {
  /** 'inside' (default): the shell is the mask's outer layer; 'outside': a layer around it; 'centred': half each. */
  shell?: HollowShell;
  /** Written into (and returned) instead of a new mask; may be the input mask. */
  out?: Uint8Array;
}

/** Documented defaults of `hollow`. */
export const HOLLOW_DEFAULTS = { shell: 'inside' as HollowShell };

/**
 * Replace a mask by a shell of `thicknessMm` along its surface (Slicer's Hollow): 'inside' keeps
 * the mask's voxels within the thickness of the background, 'outside' adds the background voxels
 * within the thickness of the mask, 'centred' grows and shrinks by half the thickness each. Built
 * on `marginMm`, so thicknesses resolve to whole voxels: t mm on an s mm grid gives ⌊t/s⌋ layers
 * ('centred' needs t ≥ 2s for any). 0/1 output.
 */
export function hollow(mask: Uint8Array, dims: Dims3, spacingMm: Vec3, thicknessMm: number, options: HollowOptions = {}): Uint8Array {
  const n = checkGrid(mask, dims, 'hollow');
  if (!(thicknessMm > 0) || !Number.isFinite(thicknessMm)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'hollow' }, `thickness ${thicknessMm} mm must be > 0`);
  }
  const shell = options.shell ?? HOLLOW_DEFAULTS.shell;
  let outer: Uint8Array, inner: Uint8Array;
  if (shell === 'inside') {
    outer = mask;
    inner = marginMm(mask, dims, spacingMm, -thicknessMm);
  } else if (shell === 'outside') {
    outer = marginMm(mask, dims, spacingMm, thicknessMm);
    inner = mask;
  } else if (shell === 'centred') {
    outer = marginMm(mask, dims, spacingMm, thicknessMm / 2);
    inner = marginMm(mask, dims, spacingMm, -thicknessMm / 2);
  } else {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'hollow' }, `shell '${shell}' must be 'inside', 'outside' or 'centred'`);
  }
  const out = outputMask(options.out, n, 'hollow');
  for (let p = 0; p < n; p++) out[p] = outer[p] !== 0 && inner[p] === 0 ? 1 : 0;
  return out;
}
