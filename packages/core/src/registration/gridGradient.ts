import { mat4Invert, type Mat4 } from '../math/Mat4.ts';
import type { Dims3 } from '../math/Vec3.ts';

/**
 * The 3×3 (row-major) that turns derivatives along i, j, k into derivatives along L, P, S:
 * ∇_LPS f = G⁻ᵀ ∇_ijk f, with G the linear part of indexToWorld (any orientation, any shear).
 */
export function indexToWorldGradient(indexToWorld: Mat4): Float64Array {
  const inv = mat4Invert(indexToWorld);
  const out = new Float64Array(9);
  // Row a of G⁻ᵀ is column a of G⁻¹: element (b, a) of G⁻¹ at inv[a * 4 + b].
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) out[a * 3 + b] = inv[a * 4 + b];
  return out;
}

/**
 * The LPS gradient (per mm) of a grid of values by central differences (one-sided at the edges),
 * into three planes. `toWorld` from indexToWorldGradient.
 */
export function gridGradient(values: Float32Array, dims: Dims3, toWorld: Float64Array, out: readonly Float32Array[]): void {
  const [nx, ny, nz] = dims;
  const sxy = nx * ny;
  const [gx, gy, gz] = out;
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        const di = nx < 2 ? 0 : i === 0 ? values[n + 1] - values[n] : i === nx - 1 ? values[n] - values[n - 1] : (values[n + 1] - values[n - 1]) * 0.5;
        const dj = ny < 2 ? 0 : j === 0 ? values[n + nx] - values[n] : j === ny - 1 ? values[n] - values[n - nx] : (values[n + nx] - values[n - nx]) * 0.5;
        const dk = nz < 2 ? 0 : k === 0 ? values[n + sxy] - values[n] : k === nz - 1 ? values[n] - values[n - sxy] : (values[n + sxy] - values[n - sxy]) * 0.5;
        gx[n] = toWorld[0] * di + toWorld[1] * dj + toWorld[2] * dk;
        gy[n] = toWorld[3] * di + toWorld[4] * dj + toWorld[5] * dk;
        gz[n] = toWorld[6] * di + toWorld[7] * dj + toWorld[8] * dk;
      }
    }
  }
}
