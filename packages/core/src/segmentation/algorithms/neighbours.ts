import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3 } from '../../math/Vec3.ts';

/** Which voxels touch: 6 share a face, 18 a face or an edge, 26 a face, an edge or a corner. */
export type Connectivity = 6 | 18 | 26;

/** Neighbour steps of a connectivity: per neighbour its di, dj, dk and the linear offset. */
export interface NeighbourSteps {
  count: number;
  di: Int32Array;
  dj: Int32Array;
  dk: Int32Array;
  offset: Int32Array;
}

/**
 * The neighbour steps for a connectivity on a grid. `planar` drops the steps along that axis,
 * which gives the 2D connectivities (6 → 4, 18 and 26 → 8) on slices across it.
 */
export function neighbourSteps(connectivity: number, dims: Dims3, where: string, planar?: 0 | 1 | 2): NeighbourSteps {
  if (connectivity !== 6 && connectivity !== 18 && connectivity !== 26) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `connectivity ${connectivity} must be 6, 18 or 26`);
  }
  const di: number[] = [], dj: number[] = [], dk: number[] = [], offset: number[] = [];
  for (let c = -1; c <= 1; c++) {
    for (let b = -1; b <= 1; b++) {
      for (let a = -1; a <= 1; a++) {
        const order = Math.abs(a) + Math.abs(b) + Math.abs(c);
        if (order === 0) continue;
        if (connectivity === 6 && order > 1) continue;
        if (connectivity === 18 && order > 2) continue;
        if ((planar === 0 && a !== 0) || (planar === 1 && b !== 0) || (planar === 2 && c !== 0)) continue;
        di.push(a);
        dj.push(b);
        dk.push(c);
        offset.push(a + dims[0] * (b + dims[1] * c));
      }
    }
  }
  return { count: di.length, di: Int32Array.from(di), dj: Int32Array.from(dj), dk: Int32Array.from(dk), offset: Int32Array.from(offset) };
}
