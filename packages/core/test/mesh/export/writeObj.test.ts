import { describe, expect, it } from 'vitest';
import { computeNormals } from '../../../src/mesh/computeNormals.ts';
import { writeObj } from '../../../src/mesh/export/writeObj.ts';
import { boxMesh, icosphere } from './meshFixtures.ts';

const lines = (text: string, tag: string) => text.split('\n').filter((l) => l.startsWith(`${tag} `));

describe('writeObj', () => {
  const box = boxMesh([-10.25, 20, 30], [0, 40.125, 60]);
  const ball = computeNormals(icosphere(5, 1, [100, -50, 20]));
  const { obj, mtl } = writeObj([
    { name: 'Liver', mesh: box, color: [221, 130, 101] },
    { name: 'Liver lesion', mesh: ball, color: [255, 0, 0], opacity: 0.5 },
  ], { mtlFileName: 'segments.mtl' });

  it('writes one object per segment, vertices and faces counted per object, faces numbered across the file', () => {
    expect(obj.startsWith('# Voxa OBJ SPACE=LPS units=mm\nmtllib segments.mtl\n')).toBe(true);
    expect(lines(obj, 'o')).toEqual(['o Liver', 'o Liver lesion']);
    // box: 8 vertices, 12 faces; icosphere level 1: 42 vertices, 80 faces.
    expect(lines(obj, 'v')).toHaveLength(8 + 42);
    expect(lines(obj, 'vn')).toHaveLength(42);
    const faces = lines(obj, 'f');
    expect(faces).toHaveLength(12 + 80);
    expect(faces[0]).toBe('f 1 5 7');
    // The ball's first triangle shifted by the box's 8 vertices, 1-based, with its normals.
    const [a, b, c] = Array.from(ball.indices.subarray(0, 3), (i) => i + 9);
    expect(faces[12]).toBe(`f ${a}//${a} ${b}//${b} ${c}//${c}`);
  });

  it('vertex coordinates read back as the same float32 LPS mm', () => {
    const v = lines(obj, 'v').slice(0, 8).flatMap((l) => l.split(' ').slice(1).map(Number));
    expect(Float32Array.from(v)).toEqual(box.positions);
    expect(lines(obj, 'v')[0]).toBe('v -10.25 20 30');
  });

  it('materials: one per segment, one-token names, Kd the colour in 0–1, d the opacity', () => {
    expect(lines(obj, 'usemtl')).toEqual(['usemtl Liver', 'usemtl Liver_lesion']);
    expect(mtl).toContain('newmtl Liver\nKd 0.8667 0.5098 0.3961\n');
    expect(mtl).toMatch(/newmtl Liver_lesion\nKd 1 0 0\n(.*\n)*d 0.5\n/);
  });

  it('without an MTL file name the OBJ has no mtllib line; equal names get distinct materials', () => {
    const r = writeObj([{ name: 'A b', mesh: box, color: [1, 2, 3] }, { name: 'A b', mesh: box, color: [1, 2, 3] }]);
    expect(r.obj).not.toContain('mtllib');
    expect(lines(r.obj, 'usemtl')).toEqual(['usemtl A_b', 'usemtl A_b_2']);
  });

  it('rejects a colour outside 0–255 (VOXA_ERR_BAD_ARGUMENT)', () => {
    expect(() => writeObj([{ name: 'x', mesh: box, color: [256, 0, 0] }])).toThrow(expect.objectContaining({ code: 'VOXA_ERR_BAD_ARGUMENT' }));
  });
});
