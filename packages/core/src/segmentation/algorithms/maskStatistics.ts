import { VoxaError } from '../../errors/VoxaError.ts';
import type { Mat4 } from '../../math/Mat4.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import type { VoxelBox } from '../SegmentationHistory.ts';
import { checkGrid, nonZeroBounds } from './grid.ts';

/** Non-zero voxels of a mask. */
export function maskVoxelCount(mask: ArrayLike<number>): number {
  let c = 0;
  for (let p = 0; p < mask.length; p++) if (mask[p] !== 0) c++;
  return c;
}

/** Dice coefficient 2|A∩B| / (|A| + |B|) of two masks on one grid; 1 when both are empty. */
export function dice(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { function: 'dice' }, `masks have ${a.length} and ${b.length} voxels`);
  let na = 0, nb = 0, both = 0;
  for (let p = 0; p < a.length; p++) {
    const x = a[p] !== 0, y = b[p] !== 0;
    if (x) na++;
    if (y) nb++;
    if (x && y) both++;
  }
  return na + nb === 0 ? 1 : (2 * both) / (na + nb);
}

/**
 * Volume of the non-zero voxels in mm³. `geometry` is the voxel spacing in mm or the grid's
 * indexToWorld (whose 3×3 determinant is the voxel volume, also for sheared grids).
 */
export function maskVolumeMm3(mask: ArrayLike<number>, geometry: Vec3 | Mat4): number {
  let voxel: number;
  if (geometry.length === 3) {
    voxel = geometry[0] * geometry[1] * geometry[2];
  } else if (geometry.length === 16) {
    const m = geometry;
    voxel = Math.abs(m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]));
  } else {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'maskVolumeMm3' }, `geometry has ${geometry.length} numbers; expected a spacing (3) or an indexToWorld matrix (16)`);
  }
  return maskVoxelCount(mask) * voxel;
}

/** Inclusive index box of the non-zero voxels, or null for an empty mask. */
export function maskBounds(mask: ArrayLike<number>, dims: Dims3): VoxelBox | null {
  checkGrid(mask, dims, 'maskBounds');
  return nonZeroBounds(mask, dims);
}
