import type { Mesh } from '../../src/index.ts';

/** The tetrahedron (0,0,0), (1,0,0), (0,1,0), (0,0,1), wound outward, moved by `offset`. */
export function tetrahedron(offset = [0, 0, 0], first = 0): { positions: number[]; indices: number[] } {
  const corners = [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]];
  return {
    positions: corners.flatMap((c) => c.map((x, a) => x + offset[a])),
    indices: [0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3].map((v) => v + first),
  };
}

/** A mesh from plain arrays. */
export const mesh = (positions: number[], indices: number[]): Mesh => ({ positions: Float32Array.from(positions), indices: Uint32Array.from(indices) });
/** The tetrahedron as a mesh: volume 1/6, area 3/2 + √3/2. */
export const tet = (): Mesh => {
  const t = tetrahedron();
  return mesh(t.positions, t.indices);
};
