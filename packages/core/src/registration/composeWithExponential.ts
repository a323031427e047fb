import type { Vec3 } from '../math/Vec3.ts';
import { trilinearVectorAt, type DisplacementField } from './DisplacementField.ts';

/** Scratch planes for composeWithExponential: two sets of three, each the field's size. */
export type CompositionScratch = [Float32Array[], Float32Array[]];

const _v: Vec3 = [0, 0, 0];

/**
 * The diffeomorphic demons update: the map x ↦ x + s(x) becomes (x ↦ x + s(x)) ∘ exp(u), with
 * exp(u) by scaling and squaring (u halved until no step exceeds half a grid voxel, then composed
 * with itself as often) so the result stays invertible where an additive update could fold.
 * `update` (mm) is overwritten; `worldToIndexLinear` is the row-major 3×3 of the field grid's
 * LPS → index matrix.
 */
export function composeWithExponential(field: DisplacementField, update: Float32Array[], worldToIndexLinear: Float64Array, scratch: CompositionScratch): void {
  const m = worldToIndexLinear;
  const count = update[0].length;
  let maxVoxels = 0;
  for (let n = 0; n < count; n++) {
    const x = update[0][n], y = update[1][n], z = update[2][n];
    const a = m[0] * x + m[1] * y + m[2] * z, b = m[3] * x + m[4] * y + m[5] * z, c = m[6] * x + m[7] * y + m[8] * z;
    const len2 = a * a + b * b + c * c;
    if (len2 > maxVoxels) maxVoxels = len2;
  }
  maxVoxels = Math.sqrt(maxVoxels);
  const squarings = maxVoxels > 0.5 ? Math.ceil(Math.log2(maxVoxels / 0.5)) : 0;
  const scale = 2 ** -squarings;
  if (scale !== 1) for (const p of update) for (let n = 0; n < count; n++) p[n] *= scale;
  let v = update, next = scratch[0];
  for (let s = 0; s < squarings; s++) {
    composeInto(v, v, field, m, next);
    [v, next] = [next, v];
  }
  const out = v === scratch[0] ? scratch[1] : scratch[0];
  composeInto(field.components, v, field, m, out);
  for (let c = 0; c < 3; c++) field.components[c].set(out[c]);
}

/** out(x) = v(x) + a(x + v(x)), a sampled trilinearly on the field's grid. */
function composeInto(a: readonly Float32Array[], v: readonly Float32Array[], field: DisplacementField, m: Float64Array, out: readonly Float32Array[]): void {
  const [nx, ny, nz] = field.dimensions;
  const [vx, vy, vz] = v;
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        const x = vx[n], y = vy[n], z = vz[n];
        trilinearVectorAt(a, field.dimensions, i + m[0] * x + m[1] * y + m[2] * z, j + m[3] * x + m[4] * y + m[5] * z, k + m[6] * x + m[7] * y + m[8] * z, _v);
        out[0][n] = x + _v[0];
        out[1][n] = y + _v[1];
        out[2][n] = z + _v[2];
      }
    }
  }
}
