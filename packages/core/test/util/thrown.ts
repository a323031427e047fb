import { isVoxaError, type VoxaError } from '../../src/index.ts';

/** The VoxaError `fn` throws; fails the test if it throws nothing or something else. */
export function thrown(fn: () => unknown): VoxaError {
  try {
    fn();
  } catch (e) {
    if (isVoxaError(e)) return e;
    throw e;
  }
  throw new Error('expected a VoxaError');
}

/** Matrix entries as plain numbers (−0 → 0) for exact comparison. */
export const plain = (m: ArrayLike<number>) => Array.from(m, (x) => x + 0);

/** "CODE: message" of the VoxaError `fn` throws, or 'no error' (rethrows anything else). */
export function thrownMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isVoxaError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}
