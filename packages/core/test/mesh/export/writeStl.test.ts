import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STL_FACET_BYTES, STL_HEADER_BYTES, writeStl } from '../../../src/mesh/export/writeStl.ts';
import { meshVolume } from '../../../src/mesh/meshMeasures.ts';
import type { Mesh } from '../../../src/mesh/Mesh.ts';
import { admesh, hasAdmesh } from './admesh.ts';
import { boxMesh, icosphere, labelBallMesh } from './meshFixtures.ts';

/** Facets of a binary STL: normal and three vertices each. */
function readStl(bytes: Uint8Array): { header: string; normals: number[][]; vertices: number[][] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(STL_HEADER_BYTES, true);
  expect(bytes.length).toBe(STL_HEADER_BYTES + 4 + STL_FACET_BYTES * count);
  const normals: number[][] = [], vertices: number[][] = [];
  for (let f = 0; f < count; f++) {
    const at = STL_HEADER_BYTES + 4 + STL_FACET_BYTES * f;
    const floats = Array.from({ length: 12 }, (_, i) => view.getFloat32(at + 4 * i, true));
    normals.push(floats.slice(0, 3));
    vertices.push(floats.slice(3, 6), floats.slice(6, 9), floats.slice(9, 12));
    expect(view.getUint16(at + 48, true)).toBe(0);
  }
  return { header: new TextDecoder().decode(bytes.subarray(0, STL_HEADER_BYTES)), normals, vertices };
}

describe('writeStl', () => {
  it('writes 80 header bytes, the facet count and 50 bytes per facet, vertices in triangle order', () => {
    const mesh = boxMesh([-10, 20, 30], [0, 40, 60]);
    const stl = readStl(writeStl(mesh, { name: 'Box' }));
    expect(stl.vertices).toHaveLength(36);
    for (let c = 0; c < mesh.indices.length; c++) {
      const v = mesh.indices[c];
      expect(stl.vertices[c]).toEqual(Array.from(mesh.positions.subarray(3 * v, 3 * v + 3)));
    }
  });

  it('gives each facet its outward unit normal (the box faces: ±x, ±y, ±z in LPS)', () => {
    const stl = readStl(writeStl(boxMesh([0, 0, 0], [1, 2, 3])));
    // boxMesh's faces in order: −x, +x, −y, +y, −z, +z, two triangles each.
    const expected = [[-1, 0, 0], [1, 0, 0], [0, -1, 0], [0, 1, 0], [0, 0, -1], [0, 0, 1]].flatMap((n) => [n, n]);
    expect(stl.normals.map((n) => n.map((x) => x + 0))).toEqual(expected);
  });

  it('names the mesh and the LPS frame (Slicer’s SPACE=LPS) in a header that does not start with "solid"', () => {
    const { header } = readStl(writeStl(boxMesh([0, 0, 0], [1, 1, 1]), { name: 'solid Liver é' }));
    expect(header.startsWith('solid')).toBe(false);
    expect(header).toContain('solid Liver ?');
    expect(header).toContain('SPACE=LPS');
    const long = readStl(writeStl(boxMesh([0, 0, 0], [1, 1, 1]), { name: 'x'.repeat(200) })).header;
    expect(long).toHaveLength(80);
    expect(long).toContain('SPACE=LPS units=mm');
  });

  it('writes an empty mesh as a header and a zero count', () => {
    const bytes = writeStl({ positions: new Float32Array(0), indices: new Uint32Array(0) });
    expect(bytes.length).toBe(84);
    expect(new DataView(bytes.buffer).getUint32(80, true)).toBe(0);
  });
});

describe.runIf(hasAdmesh())('writeStl read by admesh (ADMesh 0.98)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxa-stl-'));
  const closed: [string, Mesh][] = [
    ['a box', boxMesh([-10, 20, 30], [0, 40, 60])],
    ['an icosphere', icosphere(10, 3, [100, -50, 20])],
    ['a smoothed labelToMesh ball', labelBallMesh().smooth],
  ];
  for (const [what, mesh] of closed) {
    it(`${what}: binary, every facet connected, no backwards edges, no holes filled, nothing reversed, one part`, () => {
      const file = join(dir, `${what.replace(/\W+/g, '_')}.stl`);
      writeFileSync(file, writeStl(mesh, { name: what }));
      const r = admesh(file);
      expect(r.fileType, r.text).toBe('Binary STL file');
      expect(r.facets).toBe(mesh.indices.length / 3);
      expect(r.disconnectedFacets, r.text).toBe(0);
      expect(r.backwardsEdges, r.text).toBe(0);
      expect(r.facetsAdded, r.text).toBe(0);
      expect(r.facetsReversed, r.text).toBe(0);
      expect(r.normalsFixed, r.text).toBe(0);
      expect(r.degenerateFacets, r.text).toBe(0);
      expect(r.parts).toBe(1);
      // admesh's volume (float32 arithmetic) against ours (double) on the same float32 vertices.
      expect(r.volume).toBeCloseTo(meshVolume(mesh), 0);
    });
  }

  it('a box with one triangle removed: admesh finds the hole (disconnected facets, one facet added)', () => {
    const box = boxMesh([0, 0, 0], [10, 10, 10]);
    const file = join(dir, 'open.stl');
    writeFileSync(file, writeStl({ positions: box.positions, indices: box.indices.slice(3) }));
    const r = admesh(file);
    expect(r.disconnectedFacets).toBe(3);
    expect(r.facetsAdded).toBe(1);
  });
});

if (!hasAdmesh()) console.warn('writeStl.test.ts: /usr/bin/admesh is missing (Debian package admesh, installed by .ci/run); the admesh checks are skipped');
