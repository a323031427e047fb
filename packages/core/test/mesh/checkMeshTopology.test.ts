import { describe, expect, it } from 'vitest';
import { checkMeshTopology, meshArea, meshVolume } from '../../src/index.ts';
import { thrown } from '../util/thrown.ts';
import { mesh, tet, tetrahedron } from './meshFixtures.ts';

describe('checkMeshTopology', () => {
  it('finds a closed, manifold, consistently wound sphere-like piece (Euler characteristic 2)', () => {
    expect(checkMeshTopology(tet())).toEqual({
      watertight: true, manifold: true, oriented: true, boundaryEdges: 0, nonManifoldEdges: 0,
      nonManifoldVertices: 0, degenerateTriangles: 0, components: 1, eulerCharacteristic: 2,
    });
  });

  it('counts the boundary edges of a hole', () => {
    const t = tetrahedron();
    const open = checkMeshTopology(mesh(t.positions, t.indices.slice(0, 9)));
    expect(open).toMatchObject({ watertight: false, manifold: false, boundaryEdges: 3, eulerCharacteristic: 1 });
  });

  it('finds a vertex where two closed pieces touch (watertight, but not manifold)', () => {
    const a = tetrahedron();
    const b = tetrahedron([1, 1, 1], 4);
    // b's first corner is replaced by a's vertex 3: the two tetrahedra share that vertex only.
    const positions = [...a.positions, ...b.positions.slice(3)];
    const indices = b.indices.map((v) => (v === 4 ? 3 : v - 1));
    const bowtie = checkMeshTopology(mesh(positions, [...a.indices, ...indices]));
    expect(bowtie).toMatchObject({ watertight: true, manifold: false, nonManifoldVertices: 1, nonManifoldEdges: 0, components: 1 });
  });

  it('finds an edge of three triangles, a flipped triangle and a degenerate one', () => {
    const t = tet();
    const fin = mesh([...t.positions, 1, 1, 1], [...t.indices, 1, 2, 4]);
    expect(checkMeshTopology(fin)).toMatchObject({ watertight: false, nonManifoldEdges: 1, boundaryEdges: 2 });
    const flipped = mesh(Array.from(t.positions), [0, 1, 2, ...Array.from(t.indices).slice(3)]);
    expect(checkMeshTopology(flipped)).toMatchObject({ watertight: true, oriented: false });
    const degenerate = mesh(Array.from(t.positions), [...t.indices, 0, 0, 1]);
    expect(checkMeshTopology(degenerate)).toMatchObject({ watertight: false, degenerateTriangles: 1 });
  });

  it('rejects malformed meshes with a clear message', () => {
    const e = thrown(() => checkMeshTopology({ positions: new Float32Array(7), indices: new Uint32Array(0) }));
    expect(e.code).toBe('VOXA_ERR_BAD_ARGUMENT');
    expect(e.message).toContain('positions has 7 values, not a multiple of 3');
    expect(thrown(() => meshVolume({ positions: new Float32Array(9), indices: new Uint32Array(4) })).message).toContain('indices has 4 values');
    expect(thrown(() => meshArea({ positions: [0, 0, 0] as unknown as Float32Array, indices: new Uint32Array(0) })).message).toContain('Float32Array');
  });
});
