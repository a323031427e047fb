import { describe, expect, it } from 'vitest';
import { findSelfIntersections } from '../../../src/mesh/export/findSelfIntersections.ts';
import type { Mesh } from '../../../src/mesh/Mesh.ts';
import { boxMesh, concatMeshes, icosphere, labelBallMesh } from './meshFixtures.ts';

const tri = (...xyz: number[]): Mesh => ({ positions: Float32Array.from(xyz), indices: Uint32Array.of(0, 1, 2) });

describe('findSelfIntersections', () => {
  it('finds none in closed surfaces: a box, an icosphere, a smoothed labelToMesh ball', () => {
    expect(findSelfIntersections(boxMesh([0, 0, 0], [10, 20, 30])).count).toBe(0);
    expect(findSelfIntersections(icosphere(10, 3)).count).toBe(0);
    expect(findSelfIntersections(labelBallMesh().smooth).count).toBe(0);
  });

  it('finds two overlapping boxes in one mesh: each box face crossing the other box is listed', () => {
    const r = findSelfIntersections(concatMeshes(boxMesh([0, 0, 0], [10, 10, 10]), boxMesh([5, 5, 5], [15, 15, 15])));
    expect(r.count).toBeGreaterThan(0);
    expect(r.pairs.length).toBe(2 * r.count);
    // Every pair joins a triangle of the first box (0–11) with one of the second (12–23).
    for (let k = 0; k < r.pairs.length; k += 2) {
      expect(r.pairs[k]).toBeLessThan(12);
      expect(r.pairs[k + 1]).toBeGreaterThanOrEqual(12);
    }
  });

  it('two boxes apart (or touching nowhere) do not intersect', () => {
    expect(findSelfIntersections(concatMeshes(boxMesh([0, 0, 0], [10, 10, 10]), boxMesh([10.5, 0, 0], [20, 10, 10]))).count).toBe(0);
  });

  it('a triangle piercing another, crossing coplanar ones, and ones sharing a vertex that fold through each other', () => {
    const pierce = concatMeshes(tri(0, 0, 0, 10, 0, 0, 0, 10, 0), tri(2, 2, -1, 3, 2, 1, 2, 3, 1));
    expect(findSelfIntersections(pierce).count).toBe(1);
    const coplanar = concatMeshes(tri(0, 0, 0, 10, 0, 0, 0, 10, 0), tri(2, 2, 0, 12, 2, 0, 2, 12, 0));
    expect(findSelfIntersections(coplanar).count).toBe(1);
    const inside = concatMeshes(tri(0, 0, 0, 10, 0, 0, 0, 10, 0), tri(1, 1, 0, 2, 1, 0, 1, 2, 0));
    expect(findSelfIntersections(inside).count).toBe(1);
    // Sharing vertex 0; the second triangle's far edge passes through the first one.
    const folded: Mesh = { positions: Float32Array.of(0, 0, 0, 10, 0, 0, 0, 10, 0, 3, 3, -1, 3, 3, 1), indices: Uint32Array.of(0, 1, 2, 0, 3, 4) };
    expect(findSelfIntersections(folded).count).toBe(1);
    // Sharing vertex 0 and otherwise apart (a fan around it).
    const fan: Mesh = { positions: Float32Array.of(0, 0, 0, 10, 0, 0, 0, 10, 0, -5, -5, 1, -5, 0, 2), indices: Uint32Array.of(0, 1, 2, 0, 3, 4) };
    expect(findSelfIntersections(fan).count).toBe(0);
  });

  it('lists at most maxListed pairs but counts all', () => {
    const r = findSelfIntersections(concatMeshes(boxMesh([0, 0, 0], [10, 10, 10]), boxMesh([5, 5, 5], [15, 15, 15])), { maxListed: 1 });
    expect(r.pairs.length).toBe(2);
    expect(r.count).toBeGreaterThan(1);
  });
});
