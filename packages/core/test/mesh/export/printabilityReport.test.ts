import { describe, expect, it } from 'vitest';
import { printabilityReport } from '../../../src/mesh/export/printabilityReport.ts';
import { meshVolume } from '../../../src/mesh/meshMeasures.ts';
import { boxMesh, concatMeshes, icosphere, labelBallMesh } from './meshFixtures.ts';

describe('printabilityReport', () => {
  it('a closed box: watertight, manifold, outward, no self-intersections, volume 10·20·30 and area 2(10·20 + 20·30 + 10·30)', async () => {
    const r = await printabilityReport(boxMesh([-10, 20, 30], [0, 40, 60]));
    expect(r).toMatchObject({
      vertices: 8, triangles: 12, watertight: true, boundaryEdges: 0, nonManifoldEdges: 0, consistentlyOriented: true,
      outward: true, zeroAreaTriangles: 0, manifold: true, manifoldStatus: 'NoError', selfIntersections: 0, components: 1, genus: 0, printable: true, problems: [],
    });
    expect(r.volumeMm3).toBeCloseTo(6000, 6);
    expect(r.manifoldVolumeMm3).toBeCloseTo(6000, 3);
    expect(r.areaMm2).toBeCloseTo(2200, 6);
  });

  it('an icosphere of radius 10 mm: printable, volume and area within 1% of 4/3·π·r³ and 4·π·r² (5120 flat facets)', async () => {
    const r = await printabilityReport(icosphere(10, 4, [100, -50, 20]));
    expect(r.printable).toBe(true);
    expect(r.genus).toBe(0);
    expect(Math.abs(r.volumeMm3 / ((4 / 3) * Math.PI * 1000) - 1)).toBeLessThan(0.01);
    expect(Math.abs(r.areaMm2 / (4 * Math.PI * 100) - 1)).toBeLessThan(0.01);
    // manifold-3d's volume agrees with ours (both from the same float32 vertices).
    expect(r.manifoldVolumeMm3! / r.volumeMm3).toBeCloseTo(1, 5);
  });

  it('a smoothed labelToMesh ball is printable', async () => {
    const { smooth } = labelBallMesh();
    const r = await printabilityReport(smooth);
    expect(r.problems).toEqual([]);
    expect(r.volumeMm3).toBeCloseTo(meshVolume(smooth), 6);
  });

  it('a box with a triangle missing: not watertight (3 boundary edges), manifold-3d rejects it, not printable', async () => {
    const box = boxMesh([0, 0, 0], [10, 10, 10]);
    const r = await printabilityReport({ positions: box.positions, indices: box.indices.slice(3) });
    expect(r.watertight).toBe(false);
    expect(r.boundaryEdges).toBe(3);
    expect(r.manifold).toBe(false);
    expect(r.manifoldStatus).toBe('NotManifold');
    expect(r.manifoldVolumeMm3).toBeNull();
    expect(r.genus).toBeNull();
    expect(r.printable).toBe(false);
    expect(r.problems).toContain('3 edge(s) belong to one triangle only: the surface has holes');
  });

  it('two overlapping boxes as one mesh: each piece is manifold, but self-intersections are found', async () => {
    const r = await printabilityReport(concatMeshes(boxMesh([0, 0, 0], [10, 10, 10]), boxMesh([5, 5, 5], [15, 15, 15])));
    expect(r.watertight).toBe(true);
    expect(r.manifold).toBe(true);
    expect(r.components).toBe(2);
    expect(r.selfIntersections).toBeGreaterThan(0);
    expect(r.selfIntersectingPairs.length).toBeGreaterThan(0);
    expect(r.printable).toBe(false);
    // The signed volume counts the overlap twice: 2 × 1000 mm³, not the union's 1875.
    expect(r.volumeMm3).toBeCloseTo(2000, 6);
  });

  it('an inside-out box: manifold-3d accepts it, but the negative volume marks it not printable', async () => {
    const box = boxMesh([0, 0, 0], [10, 10, 10]);
    const flipped = box.indices.slice();
    for (let t = 0; t < flipped.length; t += 3) [flipped[t + 1], flipped[t + 2]] = [flipped[t + 2], flipped[t + 1]];
    const r = await printabilityReport({ positions: box.positions, indices: flipped });
    expect(r.manifold).toBe(true);
    expect(r.outward).toBe(false);
    expect(r.printable).toBe(false);
    expect(r.problems.join(' ')).toContain('inside out');
  });

  it('a closed piece shrunk to a point (what smoothing does to a lone voxel): its triangles have no area, not printable', async () => {
    const point = boxMesh([5, 5, 5], [5, 5, 5]);
    const r = await printabilityReport(concatMeshes(boxMesh([0, 0, 0], [10, 10, 10]), point));
    expect(r.watertight).toBe(true);
    expect(r.zeroAreaTriangles).toBe(12);
    expect(r.printable).toBe(false);
    expect(r.problems).toContain('12 triangle(s) have no area (collapsed to a line or a point)');
  });

  it('an empty mesh is not printable', async () => {
    const r = await printabilityReport({ positions: new Float32Array(0), indices: new Uint32Array(0) });
    expect(r.printable).toBe(false);
    expect(r.problems).toEqual(['the mesh is empty']);
  });
});
