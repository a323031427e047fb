import { describe, expect, it } from 'vitest';
import { closestPointOnTriangle } from '../../../src/mesh/maps/closestPointOnTriangle.ts';
import { TriangleBvh } from '../../../src/mesh/maps/TriangleBvh.ts';
import type { Mesh } from '../../../src/mesh/Mesh.ts';
import { concatMeshes } from '../export/meshFixtures.ts';
import { mulberry32 } from '../../util/mulberry32.ts';
import { uvSphere } from './sphereMesh.ts';

/** Every triangle's corners packed, as the brute-force reference reads them. */
function packed(mesh: Mesh): Float64Array {
  const out = new Float64Array(3 * mesh.indices.length);
  for (let t = 0; t < mesh.indices.length; t++) out.set(mesh.positions.subarray(3 * mesh.indices[t], 3 * mesh.indices[t] + 3), 3 * t);
  return out;
}

/** A lumpy test mesh: two overlapping spheres of different resolution, jittered. */
function lumpy(): Mesh {
  const m = concatMeshes(uvSphere([0, 0, 0], 10, 40, 20), uvSphere([6, 3, -2], 7, 17, 9));
  const rand = mulberry32(7);
  for (let i = 0; i < m.positions.length; i++) m.positions[i] += (rand() - 0.5) * 0.8;
  return m;
}

describe('TriangleBvh', () => {
  it('finds exactly the brute-force nearest distance for points near, inside and far from the mesh', () => {
    const mesh = lumpy();
    const bvh = new TriangleBvh(mesh);
    const all = packed(mesh);
    const rand = mulberry32(11);
    const hit = new Float64Array(5), ref = new Float64Array(5);
    for (let q = 0; q < 2000; q++) {
      const scale = q % 3 === 0 ? 60 : 16;
      const x = (rand() - 0.5) * scale, y = (rand() - 0.5) * scale, z = (rand() - 0.5) * scale;
      let best = Infinity;
      for (let t = 0; t < all.length; t += 9) {
        closestPointOnTriangle(x, y, z, all, t, ref);
        best = Math.min(best, ref[3]);
      }
      const slot = bvh.nearest(x, y, z, Infinity, hit, q % 2 === 0 ? (q * 7919) % bvh.triangleCount : -1);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(hit[3]).toBe(best);
      // The reported point is on the reported triangle at the reported distance.
      closestPointOnTriangle(x, y, z, bvh.corners, 9 * slot, ref);
      expect(ref[3]).toBe(hit[3]);
    }
  });

  it('returns −1 when nothing is nearer than the bound', () => {
    const bvh = new TriangleBvh(uvSphere([0, 0, 0], 10, 16, 8));
    const hit = new Float64Array(5);
    expect(bvh.nearest(0, 0, 0, 9 * 9, hit)).toBe(-1); // the centre is ≥ 9.5 mm from every face
    expect(bvh.nearest(0, 0, 0, 11 * 11, hit)).toBeGreaterThanOrEqual(0);
  });

  it('casts rays to the same first hit as a test of every triangle, skipping the given vertex', () => {
    const mesh = lumpy();
    const bvh = new TriangleBvh(mesh);
    const all = packed(mesh);
    const rand = mulberry32(5);
    const out = new Float64Array(1);
    let hits = 0;
    for (let q = 0; q < 1000; q++) {
      const v = Math.floor(rand() * (mesh.positions.length / 3));
      const [ox, oy, oz] = mesh.positions.subarray(3 * v, 3 * v + 3);
      let dx = rand() - 0.5, dy = rand() - 0.5, dz = rand() - 0.5;
      const l = Math.hypot(dx, dy, dz);
      dx /= l; dy /= l; dz /= l;
      let best = Infinity;
      for (let t = 0; t < mesh.indices.length; t += 3) {
        if (mesh.indices[t] === v || mesh.indices[t + 1] === v || mesh.indices[t + 2] === v) continue;
        const d = rayTriangleReference(ox, oy, oz, dx, dy, dz, all, 3 * t);
        if (d > 0 && d < best) best = d;
      }
      const slot = bvh.raycast(ox, oy, oz, dx, dy, dz, Infinity, v, out);
      if (best === Infinity) expect(slot).toBe(-1);
      else {
        hits++;
        expect(out[0]).toBeCloseTo(best, 9);
      }
    }
    expect(hits).toBeGreaterThan(500);
  });

  it('handles an empty mesh and a one-triangle mesh', () => {
    const hit = new Float64Array(5);
    const empty = new TriangleBvh({ positions: new Float32Array(0), indices: new Uint32Array(0) });
    expect(empty.nearest(0, 0, 0, Infinity, hit)).toBe(-1);
    expect(empty.raycast(0, 0, 0, 1, 0, 0, Infinity, -1, hit)).toBe(-1);
    const one = new TriangleBvh({ positions: Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0]), indices: Uint32Array.from([0, 1, 2]) });
    expect(one.nearest(0.25, 0.25, 2, Infinity, hit)).toBe(0);
    expect(hit[3]).toBeCloseTo(4, 12); // straight above the face: 2 mm
    expect(one.raycast(0.25, 0.25, 2, 0, 0, -1, Infinity, -1, hit)).toBe(0);
    expect(hit[0]).toBeCloseTo(2, 12);
  });
});

/** Ray–triangle by the plane and barycentric inside test (a different formulation from the BVH's Möller–Trumbore). */
function rayTriangleReference(ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tri: Float64Array, o: number): number {
  const a = [tri[o], tri[o + 1], tri[o + 2]], b = [tri[o + 3], tri[o + 4], tri[o + 5]], c = [tri[o + 6], tri[o + 7], tri[o + 8]];
  const e1 = [b[0] - a[0], b[1] - a[1], b[2] - a[2]], e2 = [c[0] - a[0], c[1] - a[1], c[2] - a[2]];
  const n = [e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]];
  const den = n[0] * dx + n[1] * dy + n[2] * dz;
  if (Math.abs(den) < 1e-15) return NaN;
  const t = (n[0] * (a[0] - ox) + n[1] * (a[1] - oy) + n[2] * (a[2] - oz)) / den;
  const p = [ox + t * dx - a[0], oy + t * dy - a[1], oz + t * dz - a[2]];
  const d00 = e1[0] ** 2 + e1[1] ** 2 + e1[2] ** 2, d01 = e1[0] * e2[0] + e1[1] * e2[1] + e1[2] * e2[2], d11 = e2[0] ** 2 + e2[1] ** 2 + e2[2] ** 2;
  const d20 = p[0] * e1[0] + p[1] * e1[1] + p[2] * e1[2], d21 = p[0] * e2[0] + p[1] * e2[1] + p[2] * e2[2];
  const det = d00 * d11 - d01 * d01;
  const v = (d11 * d20 - d01 * d21) / det, w = (d00 * d21 - d01 * d20) / det;
  return v >= 0 && w >= 0 && v + w <= 1 ? t : NaN;
}
