import { describe, expect, it } from 'vitest';
import { PLY_FACE_BYTES, PLY_VERTEX_BYTES, writePly } from '../../../src/mesh/export/writePly.ts';
import { boxMesh } from './meshFixtures.ts';

function splitPly(bytes: Uint8Array): { header: string; body: DataView; bodyBytes: Uint8Array } {
  const end = new TextDecoder().decode(bytes.subarray(0, 1000)).indexOf('end_header\n') + 'end_header\n'.length;
  return { header: new TextDecoder().decode(bytes.subarray(0, end)), body: new DataView(bytes.buffer, bytes.byteOffset + end), bodyBytes: bytes.subarray(end) };
}

describe('writePly', () => {
  const box = boxMesh([-10, 20, 30], [0, 40, 60]);
  const ply = writePly(box, { color: [221, 130, 101], name: 'Liver' });
  const { header, body, bodyBytes } = splitPly(ply);

  it('writes a binary little-endian PLY 1.0 header with position, normal and colour per vertex and uint32 faces', () => {
    expect(header).toBe([
      'ply', 'format binary_little_endian 1.0', 'comment Voxa SPACE=LPS units=mm', 'comment name Liver',
      'element vertex 8', 'property float x', 'property float y', 'property float z',
      'property float nx', 'property float ny', 'property float nz',
      'property uchar red', 'property uchar green', 'property uchar blue',
      'element face 12', 'property list uchar uint vertex_indices', 'end_header', '',
    ].join('\n'));
    expect(bodyBytes.length).toBe(8 * PLY_VERTEX_BYTES + 12 * PLY_FACE_BYTES);
  });

  it('vertex records: positions as given, unit normals (computed: the box has none), the colour', () => {
    for (let v = 0; v < 8; v++) {
      const at = v * PLY_VERTEX_BYTES;
      expect([0, 4, 8].map((o) => body.getFloat32(at + o, true))).toEqual(Array.from(box.positions.subarray(3 * v, 3 * v + 3)));
      expect(Math.hypot(...[12, 16, 20].map((o) => body.getFloat32(at + o, true)))).toBeCloseTo(1, 6);
      expect(Array.from(bodyBytes.subarray(at + 24, at + 27))).toEqual([221, 130, 101]);
    }
    // The max corner's normal points away from the box (+x, +y, +z).
    expect([12, 16, 20].every((o) => body.getFloat32(7 * PLY_VERTEX_BYTES + o, true) > 0)).toBe(true);
  });

  it('face records: count 3 and the triangle’s indices, in order', () => {
    const faces = Array.from({ length: 12 }, (_, f) => {
      const at = 8 * PLY_VERTEX_BYTES + f * PLY_FACE_BYTES;
      expect(body.getUint8(at)).toBe(3);
      return [1, 5, 9].map((o) => body.getUint32(at + o, true));
    });
    expect(faces.flat()).toEqual(Array.from(box.indices));
  });

  it('keeps the mesh’s own normals when it has them', () => {
    const normals = new Float32Array(24).fill(0);
    for (let v = 0; v < 8; v++) normals[3 * v + 2] = 1;
    const { body: b } = splitPly(writePly({ ...box, normals }));
    expect(b.getFloat32(3 * PLY_VERTEX_BYTES + 20, true)).toBe(1);
  });
});
