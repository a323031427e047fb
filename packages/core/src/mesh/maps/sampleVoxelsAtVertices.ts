import { VoxaError } from '../../errors/VoxaError.ts';
import { type Mat4, mat4Invert } from '../../math/Mat4.ts';
import type { Dims3 } from '../../math/Vec3.ts';
import { checkLabelGrid, checkLabelValue, linearDeterminant } from '../labelToMesh.ts';
import { checkMesh, type Mesh } from '../Mesh.ts';

/** Restricts sampling to the voxels of one label value. */
export interface SampleMask {
  labels: Uint8Array;
  value: number;
}

/**
 * A voxel map read at each vertex of a mesh on the same grid: trilinear interpolation over the
 * 8 voxel centres around the vertex, using only those in `mask` (their weights renormalised),
 * so that a map defined inside a label (`localThicknessMm`) is not diluted by the zeros outside
 * it at the surface, where `labelToMesh` puts every vertex half way between a voxel in and one
 * out. Where none of the 8 is in the mask (smoothing can move a vertex a little past a cell), the
 * value of the nearest mask voxel in the 4 × 4 × 4 block around the vertex; NaN if none (or the
 * vertex is off the grid). Without a mask it is plain trilinear interpolation (e.g. the image's
 * intensity at each vertex).
 */
export function sampleVoxelsAtVertices(mesh: Mesh, voxels: ArrayLike<number>, dims: Dims3, indexToWorld: Mat4, mask?: SampleMask): Float32Array {
  checkMesh(mesh, 'sampleVoxelsAtVertices');
  const [nx, ny, nz] = dims;
  if (mask) {
    checkLabelGrid(mask.labels, dims, indexToWorld, 'sampleVoxelsAtVertices');
    checkLabelValue(mask.value, 'sampleVoxelsAtVertices');
  }
  if (!(Number.isInteger(nx) && Number.isInteger(ny) && Number.isInteger(nz) && nx >= 1 && ny >= 1 && nz >= 1)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'sampleVoxelsAtVertices' }, `grid dimensions ${String(dims)} must be three positive integers`);
  }
  if (!indexToWorld || indexToWorld.length !== 16 || !(Math.abs(linearDeterminant(indexToWorld)) > 0)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'sampleVoxelsAtVertices' }, 'indexToWorld must be an invertible column-major 4×4');
  }
  if (voxels.length !== nx * ny * nz) {
    throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { function: 'sampleVoxelsAtVertices' }, `the map has ${voxels.length} voxels, the grid ${nx}×${ny}×${nz} has ${nx * ny * nz}`);
  }
  const w = mat4Invert(indexToWorld);
  const p = mesh.positions;
  const out = new Float32Array(p.length / 3);
  const labels = mask?.labels, value = mask?.value ?? 0;
  for (let v = 0; v < out.length; v++) {
    const x = p[3 * v], y = p[3 * v + 1], z = p[3 * v + 2];
    const fi = w[0] * x + w[4] * y + w[8] * z + w[12];
    const fj = w[1] * x + w[5] * y + w[9] * z + w[13];
    const fk = w[2] * x + w[6] * y + w[10] * z + w[14];
    const i0 = Math.floor(fi), j0 = Math.floor(fj), k0 = Math.floor(fk);
    const ti = fi - i0, tj = fj - j0, tk = fk - k0;
    let sum = 0, weight = 0, plain = 0, count = 0;
    for (let c = 0; c < 8; c++) {
      const i = i0 + (c & 1), j = j0 + ((c >> 1) & 1), k = k0 + (c >> 2);
      if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
      const n = i + nx * (j + ny * k);
      if (labels && labels[n] !== value) continue;
      const wc = (c & 1 ? ti : 1 - ti) * ((c >> 1) & 1 ? tj : 1 - tj) * (c >> 2 ? tk : 1 - tk);
      sum += wc * voxels[n];
      weight += wc;
      plain += voxels[n];
      count++;
    }
    // All weight on corners outside the mask (a vertex exactly on a cell face): their plain mean.
    out[v] = weight > 0 ? sum / weight : count > 0 ? plain / count : nearestInMask(fi, fj, fk, voxels, dims, labels, value);
  }
  return out;
}

/** The value of the mask voxel nearest (in index units) to fractional index (fi, fj, fk) among the 4 × 4 × 4 around it; NaN if none. */
function nearestInMask(fi: number, fj: number, fk: number, voxels: ArrayLike<number>, dims: Dims3, labels: Uint8Array | undefined, value: number): number {
  if (!labels) return NaN;
  const [nx, ny, nz] = dims;
  const i0 = Math.floor(fi) - 1, j0 = Math.floor(fj) - 1, k0 = Math.floor(fk) - 1;
  let best = Infinity, result = NaN;
  for (let k = Math.max(0, k0); k <= Math.min(nz - 1, k0 + 3); k++) {
    for (let j = Math.max(0, j0); j <= Math.min(ny - 1, j0 + 3); j++) {
      for (let i = Math.max(0, i0); i <= Math.min(nx - 1, i0 + 3); i++) {
        const n = i + nx * (j + ny * k);
        if (labels[n] !== value) continue;
        const d = (i - fi) ** 2 + (j - fj) ** 2 + (k - fk) ** 2;
        if (d < best) {
          best = d;
          result = voxels[n];
        }
      }
    }
  }
  return result;
}
