import { describe, expect, it } from 'vitest';
import { checkMeshTopology, generatePhantomTimePoint, meshVolume, PHANTOM_LABEL, PHANTOM_LABELS, segmentationToMeshes } from '../../src/index.ts';

describe('segmentationToMeshes', () => {
  const tp = generatePhantomTimePoint(0, { size: 'small', timePoints: 1 });
  const { voxels, dimensions, indexToWorld: m } = tp.labels;
  const labels = voxels as Uint8Array;
  const voxelMm3 = Math.abs(m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]));

  it('meshes every phantom label as a closed manifold surface with outward normals', async () => {
    const meshes = await segmentationToMeshes(labels, dimensions, m);
    const present = PHANTOM_LABELS.filter((l) => l.id !== 0 && labels.includes(l.id)).map((l) => l.id);
    expect(meshes.map((x) => x.value)).toEqual(present);
    for (const { value, mesh, voxelCount } of meshes) {
      expect(checkMeshTopology(mesh), `label ${value}`).toMatchObject({ watertight: true, manifold: true, oriented: true });
      expect(meshVolume(mesh), `label ${value}`).toBeGreaterThan(0);
      expect(mesh.normals?.length).toBe(mesh.positions.length);
      expect(voxelCount).toBe(labels.reduce((n, v) => n + (v === value ? 1 : 0), 0));
    }
    // The liver's surface encloses its label volume (voxels × voxel volume): measured +0.28%.
    const liver = meshes.find((x) => x.value === PHANTOM_LABEL.liver)!;
    expect(Math.abs(meshVolume(liver.mesh) / (liver.voxelCount * voxelMm3) - 1)).toBeLessThan(0.02);
  });

  it('meshes only the values asked for, decimated when asked, still closed', async () => {
    const [liver, ...rest] = await segmentationToMeshes(labels, dimensions, m, {
      values: [PHANTOM_LABEL.liver, 200], decimate: { targetRatio: 0.25 },
    });
    expect(rest).toEqual([]); // 200 does not occur
    const full = (await segmentationToMeshes(labels, dimensions, m, { values: [PHANTOM_LABEL.liver] }))[0];
    expect(liver.value).toBe(PHANTOM_LABEL.liver);
    expect(liver.decimation?.manifold).toBe(true);
    expect(checkMeshTopology(liver.mesh).manifold).toBe(true);
    expect(liver.mesh.indices.length / full.mesh.indices.length).toBeCloseTo(0.25, 2);
    expect(Math.abs(meshVolume(liver.mesh) / meshVolume(full.mesh) - 1)).toBeLessThan(0.01);
  });

  it('rejects bad values and ratios before doing any work', async () => {
    await expect(segmentationToMeshes(labels, dimensions, m, { values: [300] })).rejects.toMatchObject({ code: 'VOXA_ERR_BAD_ARGUMENT' });
    await expect(segmentationToMeshes(labels, dimensions, m, { decimate: { targetRatio: 2 } })).rejects.toMatchObject({ message: expect.stringContaining('decimate.targetRatio') });
    await expect(segmentationToMeshes(labels.subarray(1), dimensions, m)).rejects.toMatchObject({ code: 'VOXA_ERR_GRID_MISMATCH' });
  });
});
