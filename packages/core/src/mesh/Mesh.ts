import { VoxaError } from '../errors/VoxaError.ts';

/**
 * An indexed triangle surface in patient LPS millimetres. Triangles wind counter-clockwise seen
 * from outside, so the right-hand normal of each points outward and `meshVolume` is positive.
 *
 * @example
 * const mesh = labelToMesh(mask, [nx, ny, nz], indexToWorld, 1);
 * const smooth = computeNormals(smoothMesh(mesh));
 * meshVolume(smooth); // mm³
 */
export interface Mesh {
  /** x, y, z per vertex, LPS mm. */
  positions: Float32Array;
  /** Three vertex indices per triangle. */
  indices: Uint32Array;
  /** Unit normal per vertex (x, y, z), pointing outward; see `computeNormals`. */
  normals?: Float32Array;
}

/** A mesh with no vertices and no triangles (what an absent label gives). */
export function emptyMesh(): Mesh {
  return { positions: new Float32Array(0), indices: new Uint32Array(0) };
}

/** Vertices of a mesh. */
export function meshVertexCount(mesh: Mesh): number {
  return mesh.positions.length / 3;
}

/** Triangles of a mesh. */
export function meshTriangleCount(mesh: Mesh): number {
  return mesh.indices.length / 3;
}

/** Checks array lengths and that every index names a vertex; `where` names the caller. */
export function checkMesh(mesh: Mesh, where: string): void {
  const { positions, indices, normals } = mesh;
  if (!(positions instanceof Float32Array) || !(indices instanceof Uint32Array)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, 'a mesh needs positions as a Float32Array and indices as a Uint32Array');
  }
  if (positions.length % 3 !== 0) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `positions has ${positions.length} values, not a multiple of 3 (x, y, z per vertex)`);
  }
  if (indices.length % 3 !== 0) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `indices has ${indices.length} values, not a multiple of 3 (one triple per triangle)`);
  }
  if (normals && normals.length !== positions.length) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `normals has ${normals.length} values, positions ${positions.length}`);
  }
  const vertices = positions.length / 3;
  for (let t = 0; t < indices.length; t++) {
    if (indices[t] >= vertices) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where, index: t }, `vertex index ${indices[t]} is past the last of ${vertices} vertices`);
    }
  }
}
