import { VoxaError } from '../../errors/VoxaError.ts';
import { checkMesh, type Mesh } from '../Mesh.ts';
import { TriangleBvh } from './TriangleBvh.ts';

/** Options of `distanceToMeshMm`. */
export interface DistanceToMeshOptions {
  /**
   * Negative where a vertex lies inside `other` (default false: unsigned). Needs `other` closed
   * and wound outward, as `labelToMesh` makes it; a tumour vertex at −1 mm is 1 mm inside the vessel.
   */
  signed?: boolean;
}

/** Documented defaults of `distanceToMeshMm`. */
export const DISTANCE_TO_MESH_DEFAULTS: Required<DistanceToMeshOptions> = { signed: false };

/**
 * Per-vertex distance (mm) from each vertex of `mesh` to the nearest point of `other`'s surface,
 * exact (point-to-triangle, not vertex-to-vertex) through a `TriangleBvh` of `other`: the margin
 * map of a tumour against a vessel, or of two surfaces of one structure. Vertices are queried in
 * index order with the previous vertex's nearest triangle as the first bound, which suits meshes
 * whose neighbouring indices are neighbours in space (marching cubes output is). The sign, when
 * asked, comes from the angle-weighted pseudo-normal of the nearest feature (face, edge or
 * vertex; Bærentzen & Aanæs 2005, "Signed distance computation using the angle weighted
 * pseudonormal"), which is exact for a closed manifold `other` also where the nearest point is an
 * edge or a corner.
 *
 * @example
 * const margin = distanceToMeshMm(tumour, vessel, { signed: true });
 * const { rgb, legend } = colorMapScalars(margin, { min: 0, max: 10, map: 'viridis' });
 */
export function distanceToMeshMm(mesh: Mesh, other: Mesh, options: DistanceToMeshOptions = {}): Float32Array {
  checkMesh(mesh, 'distanceToMeshMm');
  checkMesh(other, 'distanceToMeshMm');
  const signed = options.signed ?? DISTANCE_TO_MESH_DEFAULTS.signed;
  if (typeof signed !== 'boolean') {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'distanceToMeshMm', signed: String(signed) }, 'signed must be true or false');
  }
  if (other.indices.length === 0) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'distanceToMeshMm' }, 'the other mesh has no triangles: there is nothing to measure the distance to');
  }
  const bvh = new TriangleBvh(other);
  const normals = signed ? pseudoNormals(other) : undefined;
  const p = mesh.positions;
  const n = p.length / 3;
  const result = new Float32Array(n);
  const hit = new Float64Array(5);
  let slot = -1;
  for (let v = 0; v < n; v++) {
    const x = p[3 * v], y = p[3 * v + 1], z = p[3 * v + 2];
    slot = bvh.nearest(x, y, z, Infinity, hit, slot);
    let d = Math.sqrt(hit[3]);
    if (normals && d > 0) {
      const pn = normals.at(bvh, slot, hit[4]);
      const s = (x - hit[0]) * normals.out[pn] + (y - hit[1]) * normals.out[pn + 1] + (z - hit[2]) * normals.out[pn + 2];
      if (s < 0) d = -d;
    }
    result[v] = d;
  }
  return result;
}

/** Angle-weighted pseudo-normals of a mesh: per face, per face edge (sum of the faces on the edge) and per vertex. */
interface PseudoNormals {
  /** Offset into `out` of the pseudo-normal of `feature` (TRIANGLE_FEATURE) of the triangle in `slot`. */
  at(bvh: TriangleBvh, slot: number, feature: number): number;
  out: Float64Array;
}

function pseudoNormals(mesh: Mesh): PseudoNormals {
  const { positions: p, indices } = mesh;
  const T = indices.length / 3, V = p.length / 3;
  // One array: face normals [0, 3T), edge normals [3T, 3T + 9T) per triangle edge, vertex normals after.
  const out = new Float64Array(3 * T + 9 * T + 3 * V);
  const edgeBase = 3 * T, vertexBase = 12 * T;
  const edgeIds = new Int32Array(3 * T);
  const edgeOf = new Map<number, number>();
  let edges = 0;
  for (let t = 0; t < T; t++) {
    for (let e = 0; e < 3; e++) {
      const a = indices[3 * t + e], b = indices[3 * t + ((e + 1) % 3)];
      const key = a < b ? a * V + b : b * V + a;
      let id = edgeOf.get(key);
      if (id === undefined) edgeOf.set(key, (id = edges++));
      edgeIds[3 * t + e] = id;
    }
  }
  const edgeSum = new Float64Array(3 * edges);
  const corners = new Uint32Array(3);
  for (let t = 0; t < T; t++) {
    const ia = indices[3 * t], ib = indices[3 * t + 1], ic = indices[3 * t + 2];
    const ax = p[3 * ia], ay = p[3 * ia + 1], az = p[3 * ia + 2];
    const bx = p[3 * ib], by = p[3 * ib + 1], bz = p[3 * ib + 2];
    const cx = p[3 * ic], cy = p[3 * ic + 1], cz = p[3 * ic + 2];
    let nx = (by - ay) * (cz - az) - (bz - az) * (cy - ay);
    let ny = (bz - az) * (cx - ax) - (bx - ax) * (cz - az);
    let nz = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    const len = Math.hypot(nx, ny, nz);
    if (len === 0) continue; // a degenerate face adds to no pseudo-normal
    nx /= len;
    ny /= len;
    nz /= len;
    out[3 * t] = nx;
    out[3 * t + 1] = ny;
    out[3 * t + 2] = nz;
    for (let e = 0; e < 3; e++) {
      const id = 3 * edgeIds[3 * t + e];
      edgeSum[id] += nx;
      edgeSum[id + 1] += ny;
      edgeSum[id + 2] += nz;
    }
    // Each corner adds the face normal weighted by the face's angle there.
    corners[0] = ia;
    corners[1] = ib;
    corners[2] = ic;
    for (let q = 0; q < 3; q++) {
      const o = corners[q], u = corners[(q + 1) % 3], w = corners[(q + 2) % 3];
      const ux = p[3 * u] - p[3 * o], uy = p[3 * u + 1] - p[3 * o + 1], uz = p[3 * u + 2] - p[3 * o + 2];
      const wx = p[3 * w] - p[3 * o], wy = p[3 * w + 1] - p[3 * o + 1], wz = p[3 * w + 2] - p[3 * o + 2];
      const angle = Math.atan2(Math.hypot(uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx), ux * wx + uy * wy + uz * wz);
      out[vertexBase + 3 * o] += angle * nx;
      out[vertexBase + 3 * o + 1] += angle * ny;
      out[vertexBase + 3 * o + 2] += angle * nz;
    }
  }
  for (let t = 0; t < T; t++) {
    for (let e = 0; e < 3; e++) out.set(edgeSum.subarray(3 * edgeIds[3 * t + e], 3 * edgeIds[3 * t + e] + 3), edgeBase + 9 * t + 3 * e);
  }
  return {
    out,
    at(bvh, slot, feature) {
      const t = bvh.triangleOf[slot];
      if (feature === 0) return 3 * t;
      // Features 1–3 are corners a, b, c; 4–6 the edges ab, bc, ca, i.e. edge e = feature − 4 from corner e.
      if (feature <= 3) return vertexBase + 3 * bvh.triangleVertex(slot, feature - 1);
      return edgeBase + 9 * t + 3 * (feature - 4);
    },
  };
}
