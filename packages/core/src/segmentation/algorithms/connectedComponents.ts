import type { Dims3 } from '../../math/Vec3.ts';
import { checkGrid } from './grid.ts';
import { labelComponents } from './labelComponents.ts';
import { type Connectivity, neighbourSteps } from './neighbours.ts';

export type { Connectivity } from './neighbours.ts';

/** Labelled components of a mask. */
export interface Components {
  /** Per voxel: 0 outside the mask, else the component number 1..count (numbered in scan order). */
  labels: Int32Array;
  count: number;
  /** sizes[c] = voxels of component c (1..count); sizes[0] = 0. */
  sizes: Float64Array;
}

/** Options of `connectedComponents`. */
export interface ConnectedComponentsOptions {
  /** Default 6 (face neighbours). */
  connectivity?: Connectivity;
}

/** Documented defaults of `connectedComponents`. */
export const CONNECTED_COMPONENTS_DEFAULTS: Required<ConnectedComponentsOptions> = { connectivity: 6 };

/**
 * Label the connected components of the non-zero voxels (two-pass union-find scan: linear in the
 * voxel count, memory read in order). Components are numbered in scan order of their first voxel.
 */
export function connectedComponents(mask: Uint8Array, dims: Dims3, options: ConnectedComponentsOptions = {}): Components {
  checkGrid(mask, dims, 'connectedComponents');
  const steps = neighbourSteps(options.connectivity ?? CONNECTED_COMPONENTS_DEFAULTS.connectivity, dims, 'connectedComponents');
  return labelComponents(mask, dims, steps, 1);
}
