import { describe, expect, it } from 'vitest';
import { meshComponents } from '../../src/mesh/meshComponents.ts';
import { tetrahedron } from './meshFixtures.ts';

describe('meshComponents', () => {
  it('finds the pieces joined through shared vertices, numbered by their first vertex, an unused vertex its own', () => {
    // Vertices 0–3: a tetrahedron; 4: unused; 5–8: a second tetrahedron.
    const a = tetrahedron([0, 0, 0], 0).indices, b = tetrahedron([5, 0, 0], 5).indices;
    const c = meshComponents(Uint32Array.from([...b, ...a]), 9);
    expect(c.count).toBe(3);
    expect(Array.from(c.component)).toEqual([0, 0, 0, 0, 1, 2, 2, 2, 2]);
    expect(Array.from(c.vertexCounts)).toEqual([4, 1, 4]);
  });

  it('joins pieces first found apart (a strip whose triangles come in scrambled order)', () => {
    // A strip of 40 triangles over vertices 0…41, listed odd ones first, then backwards.
    const tris: number[][] = [];
    for (let t = 0; t < 40; t++) tris.push([t, t + 1, t + 2]);
    const order = [...tris.filter((_, t) => t % 2 === 1), ...tris.filter((_, t) => t % 2 === 0).reverse()];
    const c = meshComponents(Uint32Array.from(order.flat()), 42);
    expect(c.count).toBe(1);
    expect(Array.from(c.vertexCounts)).toEqual([42]);
    expect(c.component.every((x) => x === 0)).toBe(true);
  });

  it('handles no vertices and vertices without triangles', () => {
    expect(meshComponents(new Uint32Array(0), 0)).toEqual({ count: 0, component: new Uint32Array(0), vertexCounts: new Uint32Array(0) });
    expect(Array.from(meshComponents(new Uint32Array(0), 3).vertexCounts)).toEqual([1, 1, 1]);
  });
});
