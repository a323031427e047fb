import { VoxaError } from '../errors/VoxaError.ts';
import { type Volume, type VolumeSeries4D, voxelTypeOf } from '../volume/Volume.ts';

/**
 * The volumes to write: one volume, or every volume of a series after checking that they share
 * dimensions, components, voxel type and matrix (within 1e-6), as a single 4D file requires.
 */
export function seriesVolumes(data: Volume | VolumeSeries4D, format: string): Volume[] {
  const volumes = 'volumes' in data ? data.volumes : [data];
  if (volumes.length === 0) throw new VoxaError('VOXA_ERR_NO_VOLUMES', {}, `nothing to write as ${format}`);
  const first = volumes[0];
  const type = voxelTypeOf(first.voxels);
  for (const [n, v] of volumes.entries()) {
    const count = v.dimensions[0] * v.dimensions[1] * v.dimensions[2] * v.components;
    if (v.voxels.length !== count) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `volume ${n} has ${v.voxels.length} values, ${count} expected for ${v.dimensions.join('×')}×${v.components}`);
    }
    if (n === 0) continue;
    const same = v.dimensions.every((d, i) => d === first.dimensions[i]) && v.components === first.components &&
      voxelTypeOf(v.voxels) === type && v.indexToWorld.every((m, i) => Math.abs(m - first.indexToWorld[i]) <= 1e-6);
    if (!same) {
      throw new VoxaError('VOXA_ERR_GRID_MISMATCH', {}, `volume ${n} of the series differs from volume 0 in grid, components or voxel type; a 4D ${format} file needs one grid and type`);
    }
  }
  return volumes;
}
