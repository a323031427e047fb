import { VoxaError } from '../../errors/VoxaError.ts';
import { outputMask } from './grid.ts';

/** Options of `threshold`. */
export interface ThresholdOptions {
  /** Written into (and returned) instead of a new mask. */
  out?: Uint8Array;
}

/** Mask of the values in [lo, hi] (inclusive; NaN is never inside); 0/1 output. */
export function threshold(values: ArrayLike<number>, lo: number, hi: number, options: ThresholdOptions = {}): Uint8Array {
  if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'threshold' }, `range [${lo}, ${hi}] must have lo ≤ hi`);
  }
  const out = outputMask(options.out, values.length, 'threshold');
  for (let n = 0; n < values.length; n++) {
    const v = values[n];
    out[n] = v >= lo && v <= hi ? 1 : 0;
  }
  return out;
}
