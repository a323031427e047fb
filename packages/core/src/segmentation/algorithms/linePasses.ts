import type { Dims3 } from '../../math/Vec3.ts';

/** Lines gathered together on strided axes, so that each cache line read is used whole. */
const BLOCK = 16;

/** Writable numeric typed arrays the separable passes work on. */
export type PassArray = Float32Array | Float64Array | Uint16Array | Int32Array;

/**
 * Run `fn` on every grid line along `axis`: each line is copied into `buf` at `off` (length
 * `len`), transformed there in place by `fn`, and copied back. Along j and k, BLOCK neighbouring
 * lines are gathered at once so that memory is read in runs rather than one value per cache line.
 */
export function forEachLine(data: PassArray, dims: Dims3, axis: 0 | 1 | 2, fn: (buf: Float64Array, off: number, len: number) => void): void {
  const [nx, ny, nz] = dims;
  const len = dims[axis];
  const buf = new Float64Array(len * BLOCK);
  if (axis === 0) {
    for (let row = 0; row < ny * nz; row++) {
      const base = row * nx;
      for (let q = 0; q < nx; q++) buf[q] = data[base + q];
      fn(buf, 0, nx);
      for (let q = 0; q < nx; q++) data[base + q] = buf[q];
    }
    return;
  }
  // Lines along j start at i + nx·ny·k (nx per slice), along k at i + nx·j (nx·ny in all).
  const step = axis === 1 ? nx : nx * ny;
  const groups = axis === 1 ? nz : 1;
  const lines = axis === 1 ? nx : nx * ny;
  for (let g = 0; g < groups; g++) {
    const base = g * nx * ny;
    for (let l0 = 0; l0 < lines; l0 += BLOCK) {
      const nb = Math.min(BLOCK, lines - l0);
      for (let q = 0; q < len; q++) {
        const at = base + l0 + q * step;
        for (let b = 0; b < nb; b++) buf[b * len + q] = data[at + b];
      }
      for (let b = 0; b < nb; b++) fn(buf, b * len, len);
      for (let q = 0; q < len; q++) {
        const at = base + l0 + q * step;
        for (let b = 0; b < nb; b++) data[at + b] = buf[b * len + q];
      }
    }
  }
}
