import type { Mat4 } from '../math/Mat4.ts';
import type { Dims3, Vec3 } from '../math/Vec3.ts';
import { mat4FromColumns } from '../math/Mat4.ts';
import type { PhantomSize } from './PhantomOptions.ts';

/** The scanner grid of the phantom: fixed for all time points (the patient moves, not the grid). */
export interface PhantomGrid {
  dimensions: Dims3;
  spacingMm: Vec3;
  /** Voxel index → patient LPS mm: axial slices, i → left, j → posterior, k → superior. */
  indexToWorld: Mat4;
}

const GRIDS: Record<PhantomSize, { dimensions: Dims3; spacingMm: Vec3 }> = {
  small: { dimensions: [128, 128, 150], spacingMm: [2.8, 2.8, 3] },
  full: { dimensions: [512, 512, 300], spacingMm: [0.7, 0.7, 1.5] },
};

/**
 * The grid for a size. Both cover the same 358.4 × 358.4 × 450 mm field of view, centred on the
 * body-frame origin; voxel (0, 0, 0) is the right-anterior-inferior corner.
 */
export function phantomGrid(size: PhantomSize): PhantomGrid {
  const { dimensions, spacingMm } = GRIDS[size];
  const origin: Vec3 = [0, 1, 2].map((d) => roundMm((-(dimensions[d] - 1) * spacingMm[d]) / 2)) as Vec3;
  const indexToWorld = mat4FromColumns([spacingMm[0], 0, 0], [0, spacingMm[1], 0], [0, 0, spacingMm[2]], origin);
  return { dimensions: [...dimensions] as Dims3, spacingMm: [...spacingMm] as Vec3, indexToWorld };
}

/** Round to 1 µm so that origins print as short decimals (−178.85, not −178.84999999999999). */
function roundMm(x: number): number {
  return Math.round(x * 1000) / 1000;
}
