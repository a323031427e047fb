import { describe, expect, it } from 'vitest';
import { meshArea, meshVolume } from '../../src/index.ts';
import { mesh, tet, tetrahedron } from './meshFixtures.ts';

describe('meshVolume and meshArea', () => {
  it('measure a tetrahedron: volume 1/6, area 3/2 + √3/2', () => {
    expect(meshVolume(tet())).toBeCloseTo(1 / 6, 7);
    expect(meshArea(tet())).toBeCloseTo(1.5 + Math.sqrt(3) / 2, 6);
  });

  it('give a negative volume for a mesh wound inward, the same far from the origin', () => {
    const t = tet();
    const inward = mesh(Array.from(t.positions), Array.from(t.indices).map((_, q, a) => a[q - (q % 3) + [0, 2, 1][q % 3]]));
    expect(meshVolume(inward)).toBeCloseTo(-1 / 6, 7);
    const far = tetrahedron([1000, -2000, 500]);
    expect(meshVolume(mesh(far.positions, far.indices))).toBeCloseTo(1 / 6, 4);
  });

  it('are 0 for an empty mesh', () => {
    expect(meshVolume(mesh([], []))).toBe(0);
    expect(meshArea(mesh([], []))).toBe(0);
  });
});
