import { describe, expect, it } from 'vitest';
import { isVoxaError } from '../../../src/errors/VoxaError.ts';
import { closestPointOnTriangle } from '../../../src/mesh/maps/closestPointOnTriangle.ts';
import { distanceToMeshMm } from '../../../src/mesh/maps/distanceToMesh.ts';
import type { Vec3 } from '../../../src/math/Vec3.ts';
import { uvSphere } from './sphereMesh.ts';

/** Distance from each vertex of `mesh` to the sphere (c, r): |p − c| − r. */
function sphereDistances(positions: Float32Array, c: Vec3, r: number): Float64Array {
  const out = new Float64Array(positions.length / 3);
  for (let v = 0; v < out.length; v++) out[v] = Math.hypot(positions[3 * v] - c[0], positions[3 * v + 1] - c[1], positions[3 * v + 2] - c[2]) - r;
  return out;
}

/**
 * The polyhedral sphere lies inside the true one, by at most its sagitta: an edge of length e on
 * radius r bows out by ≈ e²/(8r). At 256 × 128 on r = 15 mm: e ≤ 0.37 mm, sagitta ≤ 0.0012 mm.
 */
const POLYHEDRON_TOLERANCE_MM = 0.003;

describe('distanceToMeshMm', () => {
  const c2: Vec3 = [3, -2, 45];
  const r2 = 15;
  const target = uvSphere(c2, r2, 256, 128);

  it('matches the analytic distance between two spheres: facing poles |c1 − c2| − r1 − r2 = 15 mm', () => {
    const c1: Vec3 = [3, -2, 5];
    const source = uvSphere(c1, 10, 64, 32);
    const d = distanceToMeshMm(source, target);
    const exact = sphereDistances(source.positions, c2, r2);
    let worst = 0;
    for (let v = 0; v < d.length; v++) worst = Math.max(worst, Math.abs(d[v] - exact[v]));
    expect(worst).toBeLessThan(POLYHEDRON_TOLERANCE_MM);
    // The north pole of the source faces the south pole of the target; both are vertices.
    expect(Math.min(...d)).toBeCloseTo(45 - 5 - 10 - 15, 4);
    expect(d[0]).toBeCloseTo(15, 4);
  });

  it('is negative inside the other mesh when signed, and agrees with the analytic signed distance', () => {
    // Overlapping spheres: the source's cap past z = 37.9 lies inside the target.
    const c1: Vec3 = [3, -2, 26];
    const source = uvSphere(c1, 10, 96, 48);
    const signed = distanceToMeshMm(source, target, { signed: true });
    const unsigned = distanceToMeshMm(source, target);
    const exact = sphereDistances(source.positions, c2, r2);
    let inside = 0, worst = 0;
    for (let v = 0; v < signed.length; v++) {
      worst = Math.max(worst, Math.abs(signed[v] - exact[v]));
      expect(Math.abs(signed[v])).toBeCloseTo(unsigned[v], 6);
      if (exact[v] < -POLYHEDRON_TOLERANCE_MM) {
        inside++;
        expect(signed[v]).toBeLessThan(0);
      }
    }
    expect(inside).toBeGreaterThan(100);
    expect(worst).toBeLessThan(POLYHEDRON_TOLERANCE_MM);
  });

  it('gets the sign right where the nearest point is an edge or a corner (pseudo-normals)', () => {
    // A coarse octahedron-like sphere: most nearest points of a point cloud around it are edges or vertices.
    const coarse = uvSphere([0, 0, 0], 10, 4, 2);
    const probes = uvSphere([0, 0, 0], 1, 24, 12);
    for (const scale of [6, 9, 9.9, 10.5, 14]) {
      const points = { positions: probes.positions.map((x) => x * scale), indices: new Uint32Array(0) };
      const d = distanceToMeshMm(points, coarse, { signed: true });
      for (let v = 0; v < d.length; v++) {
        const [x, y, z] = points.positions.subarray(3 * v, 3 * v + 3);
        // The octahedron |x| + |y| + |z| ≤ 10 is what the 4 × 2 UV sphere is.
        const inside = Math.abs(x) + Math.abs(y) + Math.abs(z) < 10;
        expect(d[v] < 0, `point ${x}, ${y}, ${z}`).toBe(inside);
      }
    }
  });

  it('measures a 100k-vertex mesh against a 100k-triangle mesh exactly (sampled vertices against brute force)', () => {
    // Overlapping, so distances run from 0 to 50 mm (the far ones are the BVH's hard case: many
    // triangles almost equally near). Its speed is timed in no test (benchmarks only).
    const source = uvSphere([0, 0, 0], 20, 400, 251, false, true); // 100,002 vertices
    const other = uvSphere([5, 3, 30], 18, 320, 157, false, true); // 99,840 triangles
    expect(source.positions.length / 3).toBe(100_002);
    expect(other.indices.length / 3).toBe(99_840);
    const d = distanceToMeshMm(source, other);
    const tri = new Float64Array(9), out = new Float64Array(5);
    for (let v = 0; v < source.positions.length / 3; v += 997) {
      const [px, py, pz] = source.positions.subarray(3 * v, 3 * v + 3);
      let best = Infinity;
      for (let t = 0; t < other.indices.length; t += 3) {
        for (let c = 0; c < 3; c++) for (let a = 0; a < 3; a++) tri[3 * c + a] = other.positions[3 * other.indices[t + c] + a];
        closestPointOnTriangle(px, py, pz, tri, 0, out);
        best = Math.min(best, Math.hypot(out[0] - px, out[1] - py, out[2] - pz));
      }
      expect(d[v]).toBeCloseTo(best, 4);
    }
    expect(Math.min(...d)).toBeGreaterThan(0);
  });

  it('refuses an other mesh without triangles, broken meshes and a non-boolean sign option', () => {
    const sphere = uvSphere([0, 0, 0], 5, 8, 4);
    const empty = { positions: new Float32Array(3), indices: new Uint32Array(0) };
    const broken = { positions: new Float32Array(9), indices: Uint32Array.from([0, 1, 7]) };
    const codeOf = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        if (isVoxaError(e)) return `${e.code}: ${e.message}`;
        throw e;
      }
      return undefined;
    };
    expect(codeOf(() => distanceToMeshMm(sphere, empty))).toMatch(/VOXA_ERR_BAD_ARGUMENT: .*no triangles/);
    expect(codeOf(() => distanceToMeshMm(sphere, broken))).toMatch(/VOXA_ERR_BAD_ARGUMENT: .*vertex index 7/);
    expect(codeOf(() => distanceToMeshMm(broken, sphere))).toMatch(/VOXA_ERR_BAD_ARGUMENT/);
    expect(codeOf(() => distanceToMeshMm(sphere, sphere, { signed: 'yes' as unknown as boolean }))).toMatch(/signed must be true or false/);
    expect(distanceToMeshMm(empty, sphere)).toHaveLength(1);
  });
});
