import { VoxaError } from '../../errors/VoxaError.ts';
import { outputMask } from './grid.ts';

/** Options of the logical mask operations. */
export interface LogicalOptions {
  /** Written into (and returned) instead of a new mask; may be one of the inputs. */
  out?: Uint8Array;
}

function checkPair(a: Uint8Array, b: Uint8Array, where: string): void {
  if (a.length !== b.length) {
    throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { function: where }, `masks have ${a.length} and ${b.length} voxels; they must be on the same grid`);
  }
}

/** a ∪ b (0/1). */
export function maskUnion(a: Uint8Array, b: Uint8Array, options: LogicalOptions = {}): Uint8Array {
  checkPair(a, b, 'maskUnion');
  const out = outputMask(options.out, a.length, 'maskUnion');
  for (let p = 0; p < a.length; p++) out[p] = a[p] !== 0 || b[p] !== 0 ? 1 : 0;
  return out;
}

/** a ∩ b (0/1). */
export function maskIntersect(a: Uint8Array, b: Uint8Array, options: LogicalOptions = {}): Uint8Array {
  checkPair(a, b, 'maskIntersect');
  const out = outputMask(options.out, a.length, 'maskIntersect');
  for (let p = 0; p < a.length; p++) out[p] = a[p] !== 0 && b[p] !== 0 ? 1 : 0;
  return out;
}

/** a \ b: the voxels of a not in b (0/1). */
export function maskSubtract(a: Uint8Array, b: Uint8Array, options: LogicalOptions = {}): Uint8Array {
  checkPair(a, b, 'maskSubtract');
  const out = outputMask(options.out, a.length, 'maskSubtract');
  for (let p = 0; p < a.length; p++) out[p] = a[p] !== 0 && b[p] === 0 ? 1 : 0;
  return out;
}

/** a xor b: the voxels in exactly one of them (0/1). */
export function maskXor(a: Uint8Array, b: Uint8Array, options: LogicalOptions = {}): Uint8Array {
  checkPair(a, b, 'maskXor');
  const out = outputMask(options.out, a.length, 'maskXor');
  for (let p = 0; p < a.length; p++) out[p] = (a[p] !== 0) !== (b[p] !== 0) ? 1 : 0;
  return out;
}

/** The complement of a (0/1). */
export function maskInvert(a: Uint8Array, options: LogicalOptions = {}): Uint8Array {
  const out = outputMask(options.out, a.length, 'maskInvert');
  for (let p = 0; p < a.length; p++) out[p] = a[p] === 0 ? 1 : 0;
  return out;
}
