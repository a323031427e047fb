import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { THREE_MF_CORE_NAMESPACE, write3mf } from '../../../src/mesh/export/write3mf.ts';
import { boxMesh, icosphere } from './meshFixtures.ts';

describe('write3mf', () => {
  const box = boxMesh([-10, 20, 30], [0, 40, 60]);
  const ball = icosphere(5, 1, [100, -50, 20]);
  const zip = unzipSync(write3mf([
    { name: 'Liver & lobe', mesh: box, color: [221, 130, 101] },
    { name: 'Lesion', mesh: ball, color: [255, 0, 0], opacity: 0.5 },
  ]));
  const model = strFromU8(zip['3D/3dmodel.model']);

  it('is an OPC zip with the content types, the root relationship to /3D/3dmodel.model and the model', () => {
    expect(Object.keys(zip).sort()).toEqual(['3D/3dmodel.model', '[Content_Types].xml', '_rels/.rels']);
    expect(strFromU8(zip['[Content_Types].xml'])).toContain('Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"');
    expect(strFromU8(zip['_rels/.rels'])).toContain('Target="/3D/3dmodel.model" Id="rel0" Type="http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"');
  });

  it('the model is in millimetres, in the 3MF core namespace, with one named object per segment and both in the build', () => {
    expect(model).toContain(`<model unit="millimeter" xml:lang="en-US" xmlns="${THREE_MF_CORE_NAMESPACE}">`);
    expect([...model.matchAll(/<object id="(\d+)" type="model" name="([^"]*)" pid="1" pindex="(\d+)">/g)].map((m) => m.slice(1)))
      .toEqual([['2', 'Liver &amp; lobe', '0'], ['3', 'Lesion', '1']]);
    expect([...model.matchAll(/<item objectid="(\d+)"\/>/g)].map((m) => m[1])).toEqual(['2', '3']);
    expect(model).toContain('<base name="Liver &amp; lobe" displaycolor="#DD8265FF"/>');
    expect(model).toContain('<base name="Lesion" displaycolor="#FF000080"/>');
  });

  it('vertex and triangle counts per object match the meshes (box 8/12, icosphere level 1 42/80)', () => {
    const objects = model.split('<object ').slice(1);
    expect(objects.map((o) => [(o.match(/<vertex /g) ?? []).length, (o.match(/<triangle /g) ?? []).length])).toEqual([[8, 12], [42, 80]]);
  });

  it('translates all segments by one offset so the smallest x, y, z are 0, and records it', () => {
    const xyz = [...model.matchAll(/<vertex x="([^"]+)" y="([^"]+)" z="([^"]+)"\/>/g)].map((m) => m.slice(1).map(Number));
    // Smallest LPS coordinates over both: x −10 (box), y −55 (ball), z 15 (ball).
    expect([0, 1, 2].map((a) => Math.min(...xyz.map((p) => p[a])))).toEqual([0, 0, 0]);
    expect(xyz[0]).toEqual([-10 + 10, 20 + 55, 30 - 15]);
    expect(model).toContain('translated by (10.000, 55.000, -15.000) mm');
  });

  it('keeps triangle winding (indices as in the mesh)', () => {
    const first = /<triangle v1="(\d+)" v2="(\d+)" v3="(\d+)"\/>/.exec(model)!.slice(1).map(Number);
    expect(first).toEqual(Array.from(box.indices.subarray(0, 3)));
  });

  it('rejects a degenerate triangle and an empty mesh (3MF forbids both)', () => {
    expect(() => write3mf([{ name: 'd', mesh: { positions: box.positions, indices: Uint32Array.of(0, 0, 1) }, color: [0, 0, 0] }])).toThrow(/twice/);
    expect(() => write3mf([{ name: 'e', mesh: { positions: new Float32Array(0), indices: new Uint32Array(0) }, color: [0, 0, 0] }])).toThrow(/no triangles/);
  });

  it('the same segments give the same bytes (fixed zip dates)', () => {
    const segs = [{ name: 'b', mesh: box, color: [1, 2, 3] as [number, number, number] }];
    expect(write3mf(segs)).toEqual(write3mf(segs));
  });
});
