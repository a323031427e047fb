import { VoxaError } from '../../errors/VoxaError.ts';
import { computeNormals } from '../computeNormals.ts';
import { checkMesh, type Mesh } from '../Mesh.ts';
import { TriangleBvh } from './TriangleBvh.ts';

/** Options of `surfaceThicknessMm`. */
export interface SurfaceThicknessOptions {
  /**
   * A surface point seen from the ball's centre within this angle (degrees) of the ball's own
   * vertex is taken as the vertex's neighbourhood (surface noise, curvature), not the opposite
   * side, and stops the shrinking (Ma, Bae & Choi 2012, the separation-angle test). Default 60.
   */
  minSeparationDeg?: number;
  /** Most shrinking steps per vertex (default 30; the balls of a plate converge in 1 to 3). */
  maxIterations?: number;
}

/** Documented defaults of `surfaceThicknessMm`. */
export const SURFACE_THICKNESS_DEFAULTS: Required<SurfaceThicknessOptions> = { minSeparationDeg: 60, maxIterations: 30 };

/**
 * Per-vertex thickness (mm) of the solid a closed mesh bounds: the diameter of the largest ball
 * inside it that touches the surface at the vertex, i.e. Hildebrand & Rüegsegger's local
 * thickness (1997) evaluated on the surface itself rather than on voxels. Each ball starts from
 * the ray along the inward normal to the opposite surface (an upper bound: the ball of that
 * diameter holds the hit point on its far pole), then shrinks while the nearest surface point to
 * its centre lies inside it, to the ball tangent at the vertex through that point (the
 * shrinking-ball algorithm, Ma, Bae & Choi 2012). On a plate the ray alone is the answer; at its
 * rim, where the inward normal runs along the plate, the shrinking brings the ball back to the
 * plate's thickness instead of its length.
 *
 * Why on the mesh: the surface of a smoothed `labelToMesh` mesh lies within a small fraction
 * of a voxel of the true surface on average, so the thickness needs no correction for the
 * voxel-centre bias (about half a spacing) that `localThicknessMm` subtracts as a constant, does
 * not depend on the voxels' anisotropy, and works on any closed mesh (decimated, imported). On
 * the knee phantom's cartilage (1.5–3.5 mm, 0.45 × 0.45 × 0.9 mm voxels) the mean absolute
 * error per vertex is 0.12 mm (femoral) and 0.16 mm (tibial): ≈ 0.05–0.1 mm on the plates and
 * ≈ 0.25 mm, mostly too thin, on their rims, where the largest ball touching a rounded edge is
 * smaller than the plate is thick.
 *
 * Normals are `mesh.normals` when present (they must point outward), else `computeNormals`'.
 * A vertex with no normal, or whose inward ray leaves the mesh without a hit (an open mesh),
 * gets NaN. Nearest-point and ray queries go through one `TriangleBvh`.
 *
 * @example
 * const cartilage = computeNormals(smoothMesh(labelToMesh(labels, dims, indexToWorld, 6)));
 * const thickness = surfaceThicknessMm(cartilage);
 */
export function surfaceThicknessMm(mesh: Mesh, options: SurfaceThicknessOptions = {}): Float32Array {
  checkMesh(mesh, 'surfaceThicknessMm');
  const minSeparationDeg = options.minSeparationDeg ?? SURFACE_THICKNESS_DEFAULTS.minSeparationDeg;
  const maxIterations = options.maxIterations ?? SURFACE_THICKNESS_DEFAULTS.maxIterations;
  if (!(minSeparationDeg >= 0 && minSeparationDeg < 180)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'surfaceThicknessMm', minSeparationDeg }, 'minSeparationDeg must be in [0, 180)');
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 0 || maxIterations > 1000) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'surfaceThicknessMm', maxIterations }, 'maxIterations must be an integer 0…1000');
  }
  const p = mesh.positions;
  const normals = mesh.normals ?? computeNormals(mesh).normals!;
  const n = p.length / 3;
  const result = new Float32Array(n).fill(NaN);
  if (mesh.indices.length === 0) return result;
  const bvh = new TriangleBvh(mesh);
  const cosSeparation = Math.cos((minSeparationDeg * Math.PI) / 180);
  const hit = new Float64Array(5);
  let slot = -1;
  for (let v = 0; v < n; v++) {
    const vx = p[3 * v], vy = p[3 * v + 1], vz = p[3 * v + 2];
    const nx = normals[3 * v], ny = normals[3 * v + 1], nz = normals[3 * v + 2];
    const len = Math.hypot(nx, ny, nz);
    if (!(len > 0)) continue;
    // Inward unit direction.
    const dx = -nx / len, dy = -ny / len, dz = -nz / len;
    if (bvh.raycast(vx, vy, vz, dx, dy, dz, Infinity, v, hit) < 0) continue;
    let r = hit[0] / 2;
    for (let it = 0; it < maxIterations; it++) {
      const cx = vx + r * dx, cy = vy + r * dy, cz = vz + r * dz;
      // Only points strictly inside the ball matter: the bound keeps the search small.
      const s = bvh.nearest(cx, cy, cz, r * r * (1 - 1e-6), hit, slot);
      if (s < 0) break;
      slot = s;
      const qx = hit[0] - cx, qy = hit[1] - cy, qz = hit[2] - cz;
      const qLen = Math.sqrt(hit[3]);
      // Cosine of the angle at the centre between the vertex (direction −d) and q.
      if (qLen > 0 && -(qx * dx + qy * dy + qz * dz) / qLen > cosSeparation) break;
      // The ball tangent at v (centre on the inward normal) whose surface passes through q.
      const wx = hit[0] - vx, wy = hit[1] - vy, wz = hit[2] - vz;
      const along = wx * dx + wy * dy + wz * dz;
      const next = (wx * wx + wy * wy + wz * wz) / (2 * along);
      if (!(next < r && next > 0)) break;
      r = next;
    }
    result[v] = 2 * r;
  }
  return result;
}
