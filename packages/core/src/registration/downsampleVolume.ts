import type { Dims3 } from '../math/Vec3.ts';
import type { Volume } from '../volume/Volume.ts';

/**
 * Shrink a scalar volume by whole-voxel factors per axis, each output voxel the mean of its
 * block (a box filter that also anti-aliases), as float32. A trailing partial block is dropped;
 * the output's voxel centres are the blocks' centres, so its indexToWorld stays exact. Factors
 * of 1 return the volume itself, in its own type: the finest level is never copied.
 */
export function downsampleVolume(v: Volume, factors: Dims3): Volume {
  const [fx, fy, fz] = factors;
  const [nx, ny, nz] = v.dimensions;
  if (fx === 1 && fy === 1 && fz === 1) return v;
  const ox = Math.max(1, Math.floor(nx / fx)), oy = Math.max(1, Math.floor(ny / fy)), oz = Math.max(1, Math.floor(nz / fz));
  const bx = Math.min(fx, nx), by = Math.min(fy, ny), bz = Math.min(fz, nz);
  const out = new Float32Array(ox * oy * oz);
  const src = v.voxels;
  const norm = 1 / (bx * by * bz);
  const sliceIn = nx * ny;
  for (let k = 0; k < oz; k++) {
    for (let j = 0; j < oy; j++) {
      const row = ox * (j + oy * k);
      for (let dz = 0; dz < bz; dz++) {
        for (let dy = 0; dy < by; dy++) {
          const base = (k * fz + dz) * sliceIn + (j * fy + dy) * nx;
          for (let i = 0; i < ox; i++) {
            let s = 0;
            const start = base + i * fx;
            for (let dx = 0; dx < bx; dx++) s += src[start + dx];
            out[row + i] += s;
          }
        }
      }
      for (let i = 0; i < ox; i++) out[row + i] *= norm;
    }
  }
  const m = v.indexToWorld;
  const indexToWorld = new Float64Array(16);
  const f = [bx, by, bz];
  for (let c = 0; c < 3; c++) for (let r = 0; r < 4; r++) indexToWorld[c * 4 + r] = m[c * 4 + r] * f[c];
  // Output voxel 0's centre is the input's index ((f − 1) / 2) on each axis.
  for (let r = 0; r < 4; r++) indexToWorld[12 + r] = m[12 + r] + m[r] * (bx - 1) / 2 + m[4 + r] * (by - 1) / 2 + m[8 + r] * (bz - 1) / 2;
  return { ...v, dimensions: [ox, oy, oz], voxels: out, indexToWorld, meta: { ...v.meta, warnings: [] } };
}

/**
 * Block factors that bring a grid to about `shrink` × its finest spacing on every axis: an
 * anisotropic grid (0.7 × 0.7 × 4 mm) is shrunk in-plane first, never across its thick slices.
 */
export function pyramidFactors(spacingMm: readonly number[], shrink: number): Dims3 {
  const finest = Math.min(...spacingMm);
  return spacingMm.map((s) => Math.max(1, Math.round((shrink * finest) / s))) as Dims3;
}
