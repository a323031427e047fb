import type { Dims3, Vec3 } from '../math/Vec3.ts';
import { mat4FromColumns } from '../math/Mat4.ts';
import type { PhantomGrid } from './phantomGrid.ts';

/** In-plane (0.45 mm) and slice (0.9 mm) spacing of the knee grid, as a clinical sagittal PD sequence. */
const SPACING_MM: Vec3 = [0.45, 0.45, 0.9];
const DIMENSIONS: Dims3 = [224, 224, 96];
/** Centre of the field of view, LPS mm: the joint, a little above the plateau. */
const CENTRE_LPS: Vec3 = [0, 2, 9];

/**
 * The knee phantom's grid: sagittal slices as a scanner writes them (Image Orientation
 * 0\1\0\0\0\−1: i runs anterior → posterior, j superior → inferior, k along the slice normal
 * −x, i.e. towards the patient's right). 224 × 224 × 96 voxels of 0.45 × 0.45 × 0.9 mm cover
 * 100.8 × 100.8 × 86.4 mm around `CENTRE_LPS` (4.8 M voxels). Anisotropic like the real
 * sequence: cartilage normals lie mostly in the sagittal plane, where the voxels are small.
 */
export function kneeGrid(): PhantomGrid {
  const [si, sj, sk] = SPACING_MM;
  const ci: Vec3 = [0, si, 0], cj: Vec3 = [0, 0, -sj], ck: Vec3 = [-sk, 0, 0];
  const half = DIMENSIONS.map((n) => (n - 1) / 2);
  const origin = [0, 1, 2].map((d) => roundMm(CENTRE_LPS[d] - half[0] * ci[d] - half[1] * cj[d] - half[2] * ck[d])) as Vec3;
  return { dimensions: [...DIMENSIONS] as Dims3, spacingMm: [...SPACING_MM] as Vec3, indexToWorld: mat4FromColumns(ci, cj, ck, origin) };
}

/** Round to 1 µm so that origins print as short decimals. */
function roundMm(x: number): number {
  return Math.round(x * 1000) / 1000;
}
