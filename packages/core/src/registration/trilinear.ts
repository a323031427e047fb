import type { Dims3 } from '../math/Vec3.ts';
import type { VoxelArray } from '../volume/Volume.ts';

/** The trilinear value at a continuous index inside [0, n − 1]³ (the caller checks the bounds). */
export function trilinearAt(voxels: VoxelArray, dims: Dims3, x: number, y: number, z: number): number {
  const [nx, ny, nz] = dims;
  const x0 = Math.min(Math.floor(x), nx > 1 ? nx - 2 : 0);
  const y0 = Math.min(Math.floor(y), ny > 1 ? ny - 2 : 0);
  const z0 = Math.min(Math.floor(z), nz > 1 ? nz - 2 : 0);
  const fx = x - x0, fy = y - y0, fz = z - z0;
  const ox = nx > 1 ? 1 : 0, oy = ny > 1 ? nx : 0, oz = nz > 1 ? nx * ny : 0;
  const s = x0 + nx * (y0 + ny * z0);
  const c00 = voxels[s] + (voxels[s + ox] - voxels[s]) * fx;
  const c10 = voxels[s + oy] + (voxels[s + oy + ox] - voxels[s + oy]) * fx;
  const c01 = voxels[s + oz] + (voxels[s + oz + ox] - voxels[s + oz]) * fx;
  const c11 = voxels[s + oz + oy] + (voxels[s + oz + oy + ox] - voxels[s + oz + oy]) * fx;
  const c0 = c00 + (c10 - c00) * fy;
  return c0 + (c01 + (c11 - c01) * fy - c0) * fz;
}
