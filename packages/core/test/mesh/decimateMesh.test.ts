import { describe, expect, it } from 'vitest';
import { checkMeshTopology, computeNormals, decimateMesh, labelToMesh, meshVolume, smoothMesh } from '../../src/index.ts';
import { ballGrid } from './meshGrids.ts';

describe('decimateMesh', () => {
  const g = ballGrid([1, 1, 1], 20);
  const sphere = computeNormals(smoothMesh(labelToMesh(g.labels, g.dims, g.indexToWorld, 1)));
  const triangles = sphere.indices.length / 3;

  it('reduces a smoothed ball to 25% of its triangles, closed and manifold, with the same volume', async () => {
    const d = await decimateMesh(sphere, { targetRatio: 0.25 });
    const kept = d.mesh.indices.length / 3;
    expect(Math.abs(kept / (0.25 * triangles) - 1)).toBeLessThan(0.01);
    expect(d.manifold).toBe(true);
    expect(checkMeshTopology(d.mesh)).toMatchObject({ watertight: true, manifold: true, oriented: true, components: 1, eulerCharacteristic: 2 });
    // Measured −0.02% (the quadric-optimal vertex placement keeps the volume).
    expect(Math.abs(meshVolume(d.mesh) / meshVolume(sphere) - 1)).toBeLessThan(0.01);
    expect(d.errorMm).toBeGreaterThan(0);
    expect(d.errorMm).toBeLessThan(0.5);
    // Unused vertices are dropped; normals are recomputed because the input had them.
    expect(d.mesh.positions.length / 3).toBeLessThan(0.3 * (sphere.positions.length / 3));
    expect(d.mesh.normals?.length).toBe(d.mesh.positions.length);
  });

  it('stops early at the error limit', async () => {
    const d = await decimateMesh(sphere, { targetRatio: 0.01, maxErrorMm: 0.05 });
    expect(d.errorMm).toBeLessThanOrEqual(0.05);
    expect(d.mesh.indices.length / 3).toBeGreaterThan(0.05 * triangles);
    expect(d.manifold).toBe(true);
  });

  it('keeps a thin, pinch-prone surface manifold by locking vertices around the defects', async () => {
    // A one-voxel-thick shell: measured, the simplifier alone leaves a non-manifold edge and
    // vertex at 10%; with 60 vertices locked around them it stays manifold.
    const shell = ballGrid([1, 1, 1], 12);
    const inner = ballGrid([1, 1, 1], 11);
    const labels = shell.labels.map((v, p) => (v && !inner.labels[p] ? 1 : 0));
    const mesh = smoothMesh(labelToMesh(labels, shell.dims, shell.indexToWorld, 1));
    expect(checkMeshTopology(mesh).manifold).toBe(true);
    const d = await decimateMesh(mesh, { targetRatio: 0.1 });
    expect(d.manifold).toBe(true);
    expect(checkMeshTopology(d.mesh).manifold).toBe(true);
  });

  it('rejects a ratio outside (0, 1] and a negative error limit', async () => {
    await expect(decimateMesh(sphere, { targetRatio: 0 })).rejects.toMatchObject({ code: 'VOXA_ERR_BAD_ARGUMENT', message: expect.stringContaining('target ratio must be in (0, 1]') });
    await expect(decimateMesh(sphere, { maxErrorMm: -1 })).rejects.toMatchObject({ code: 'VOXA_ERR_BAD_ARGUMENT' });
  });
});
