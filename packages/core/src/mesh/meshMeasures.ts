import { checkMesh, type Mesh } from './Mesh.ts';

/**
 * Enclosed volume in mm³ by the divergence theorem: the sum of the signed volumes of the
 * tetrahedra from a reference point to each triangle. Positive for a closed mesh wound outward;
 * meaningful only for a closed mesh. The reference is the first vertex, which keeps the
 * products small (no cancellation far from the LPS origin).
 */
export function meshVolume(mesh: Mesh): number {
  checkMesh(mesh, 'meshVolume');
  const { positions: p, indices } = mesh;
  if (indices.length === 0) return 0;
  const rx = p[0], ry = p[1], rz = p[2];
  let sum = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t], b = 3 * indices[t + 1], c = 3 * indices[t + 2];
    const ax = p[a] - rx, ay = p[a + 1] - ry, az = p[a + 2] - rz;
    const bx = p[b] - rx, by = p[b + 1] - ry, bz = p[b + 2] - rz;
    const cx = p[c] - rx, cy = p[c + 1] - ry, cz = p[c + 2] - rz;
    sum += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
  }
  return sum / 6;
}

/** Surface area in mm²: the sum of the triangles' areas. */
export function meshArea(mesh: Mesh): number {
  checkMesh(mesh, 'meshArea');
  const { positions: p, indices } = mesh;
  let sum = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t], b = 3 * indices[t + 1], c = 3 * indices[t + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    sum += Math.sqrt(nx * nx + ny * ny + nz * nz);
  }
  return sum / 2;
}
