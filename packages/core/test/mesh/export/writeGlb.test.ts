import { NodeIO } from '@gltf-transform/core';
import { describe, expect, it } from 'vitest';
import { GLB_GENERATOR, srgbToLinear, writeGlb } from '../../../src/mesh/export/writeGlb.ts';
import type { MeshSegment } from '../../../src/mesh/export/MeshSegment.ts';
import { boxMesh, icosphere } from './meshFixtures.ts';

const segments: MeshSegment[] = [
  { name: 'Liver', mesh: boxMesh([-10, 20, 30], [0, 40, 60]), color: [221, 130, 101], opacity: 1 },
  { name: 'Tumour', mesh: icosphere(5, 2, [100, -50, 20]), color: [255, 0, 0], opacity: 0.4 },
];

describe('writeGlb', () => {
  it('reads back with gltf-transform: one named node, mesh and material per segment, generator Voxa', async () => {
    const glb = await writeGlb(segments);
    // gltf-transform's reader keeps its own generator on the Document, so look at the file's JSON.
    expect((await new NodeIO().binaryToJSON(glb)).json.asset).toEqual({ generator: GLB_GENERATOR, version: '2.0' });
    const root = (await new NodeIO().readBinary(glb)).getRoot();
    expect(root.getDefaultScene()!.listChildren().map((n) => [n.getName(), n.getMesh()!.getName()])).toEqual([['Liver', 'Liver'], ['Tumour', 'Tumour']]);
    expect(root.listMaterials().map((m) => m.getName())).toEqual(['Liver', 'Tumour']);
    const prims = root.listMeshes().map((m) => m.listPrimitives()[0]);
    // boxMesh: 8 vertices, 12 triangles; icosphere level 2: 162 vertices, 320 triangles.
    expect(prims.map((p) => [p.getAttribute('POSITION')!.getCount(), p.getIndices()!.getCount() / 3])).toEqual([[8, 12], [162, 320]]);
    expect(prims.every((p) => p.getAttribute('NORMAL')?.getCount() === p.getAttribute('POSITION')!.getCount())).toBe(true);
  });

  it('materials: baseColorFactor is the sRGB colour made linear, alpha the opacity; BLEND below opacity 1', async () => {
    const doc = await new NodeIO().readBinary(await writeGlb(segments));
    const [liver, tumour] = doc.getRoot().listMaterials();
    const expectedLiver = [...srgbToLinear([221, 130, 101]), 1];
    liver.getBaseColorFactor().forEach((c, i) => expect(c).toBeCloseTo(expectedLiver[i], 6));
    // 221/255 = 0.8667 → ((0.8667 + 0.055) / 1.055)^2.4 = 0.7230 (IEC 61966-2-1).
    expect(liver.getBaseColorFactor()[0]).toBeCloseTo(0.723, 3);
    expect(liver.getAlphaMode()).toBe('OPAQUE');
    expect(tumour.getBaseColorFactor()).toEqual([1, 0, 0, expect.closeTo(0.4, 6)]);
    expect(tumour.getAlphaMode()).toBe('BLEND');
    expect(tumour.getMetallicFactor()).toBe(0);
  });

  it('positions are in the glTF frame in metres: LPS (0, 40, 60) mm → (0, 0.06, −0.04) m', async () => {
    const doc = await new NodeIO().readBinary(await writeGlb(segments));
    const position = doc.getRoot().listMeshes()[0].listPrimitives()[0].getAttribute('POSITION')!;
    // boxMesh vertex 7 is the max corner (0, 40, 60) LPS: x_gltf = x, y_gltf = z, z_gltf = −y, × 0.001.
    expect(Array.from(position.getElement(7, [] as number[])).map((x) => +x.toFixed(6))).toEqual([0, 0.06, -0.04]);
    expect(position.getMin([] as number[]).map((x) => +x.toFixed(6))).toEqual([-0.01, 0.03, -0.04]);
    expect(position.getMax([] as number[]).map((x) => +x.toFixed(6))).toEqual([0, 0.06, -0.02]);
    // Normals are rotated, not scaled. At that corner computeNormals weighs the +x, +y, +z faces
    // (LPS) by area, 600 : 300 : 200 mm², i.e. ∝ (6, 3, 2)/7 in LPS → (6, 2, −3)/7 in glTF.
    const normal = doc.getRoot().listMeshes()[0].listPrimitives()[0].getAttribute('NORMAL')!;
    normal.getElement(7, [] as number[]).forEach((x, i) => expect(x).toBeCloseTo([6 / 7, 2 / 7, -3 / 7][i], 6));
  });

  it('three.js GLTFLoader parses it in Node: two meshes, names, vertex counts, colours, transparency', async () => {
    const { GLTFLoader } = await import('three/examples/jsm/loaders/GLTFLoader.js');
    const glb = await writeGlb(segments);
    const buffer = glb.buffer.slice(glb.byteOffset, glb.byteOffset + glb.byteLength) as ArrayBuffer;
    const gltf = await new Promise<{ scene: import('three').Group }>((resolve, reject) => new GLTFLoader().parse(buffer, '', resolve, reject));
    const meshes = gltf.scene.children as import('three').Mesh[];
    expect(meshes.map((m) => [m.name, m.geometry.attributes.position.count, m.geometry.index!.count / 3])).toEqual([['Liver', 8, 12], ['Tumour', 162, 320]]);
    const tumour = meshes[1].material as import('three').MeshStandardMaterial;
    expect([tumour.color.r, tumour.color.g, tumour.color.b]).toEqual([1, 0, 0]);
    expect(tumour.transparent).toBe(true);
    expect(tumour.opacity).toBeCloseTo(0.4, 6);
    // three's bounding box of the liver in metres, in the glTF frame.
    meshes[0].geometry.computeBoundingBox();
    expect(meshes[0].geometry.boundingBox!.max.toArray().map((x) => +x.toFixed(6))).toEqual([0, 0.06, -0.02]);
  });

  it('rejects an empty mesh, which glTF cannot hold', async () => {
    await expect(writeGlb([{ name: 'Empty', mesh: { positions: new Float32Array(0), indices: new Uint32Array(0) }, color: [1, 2, 3] }]))
      .rejects.toThrow(/no triangles/);
  });
});
