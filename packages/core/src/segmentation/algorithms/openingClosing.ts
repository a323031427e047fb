import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { marginMm } from './margin.ts';

/** Options of `openingMm` and `closingMm`. */
export interface OpeningClosingOptions {
  /** Written into (and returned) instead of a new mask; may be the input mask. */
  out?: Uint8Array;
}

/**
 * Morphological opening by a ball of `radiusMm`: erosion then dilation (exact, by distance
 * transforms). Removes islands and protrusions thinner than the ball; keeps what the ball fits in.
 */
export function openingMm(mask: Uint8Array, dims: Dims3, spacingMm: Vec3, radiusMm: number, options: OpeningClosingOptions = {}): Uint8Array {
  checkRadius(radiusMm, 'openingMm');
  return marginMm(marginMm(mask, dims, spacingMm, -radiusMm), dims, spacingMm, radiusMm, { out: options.out });
}

/**
 * Morphological closing by a ball of `radiusMm`: dilation then erosion. Fills gaps, notches and
 * holes narrower than the ball. As in `marginMm`, the grid's edge does not erode.
 */
export function closingMm(mask: Uint8Array, dims: Dims3, spacingMm: Vec3, radiusMm: number, options: OpeningClosingOptions = {}): Uint8Array {
  checkRadius(radiusMm, 'closingMm');
  return marginMm(marginMm(mask, dims, spacingMm, radiusMm), dims, spacingMm, -radiusMm, { out: options.out });
}

function checkRadius(radiusMm: number, where: string): void {
  if (!(radiusMm >= 0) || !Number.isFinite(radiusMm)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `radius ${radiusMm} mm must be ≥ 0`);
}
