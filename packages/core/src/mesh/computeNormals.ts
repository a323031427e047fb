import { checkMesh, type Mesh } from './Mesh.ts';

/**
 * The mesh with unit vertex normals: each vertex gets the sum of its triangles' cross products
 * (whose length is twice the triangle's area, so large triangles weigh more), normalised. They
 * point outward for a mesh wound counter-clockwise seen from outside. Positions and indices are
 * shared with the input, not copied.
 */
export function computeNormals(mesh: Mesh): Mesh {
  checkMesh(mesh, 'computeNormals');
  const { positions: p, indices } = mesh;
  const sum = new Float64Array(p.length);
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t], b = 3 * indices[t + 1], c = 3 * indices[t + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    sum[a] += nx; sum[a + 1] += ny; sum[a + 2] += nz;
    sum[b] += nx; sum[b + 1] += ny; sum[b + 2] += nz;
    sum[c] += nx; sum[c + 1] += ny; sum[c + 2] += nz;
  }
  const normals = new Float32Array(p.length);
  for (let v = 0; v < p.length; v += 3) {
    const len = Math.hypot(sum[v], sum[v + 1], sum[v + 2]);
    // A vertex in no triangle (or only in degenerate ones) keeps a zero normal.
    if (len > 0) {
      normals[v] = sum[v] / len;
      normals[v + 1] = sum[v + 1] / len;
      normals[v + 2] = sum[v + 2] / len;
    }
  }
  return { positions: p, indices, normals };
}
