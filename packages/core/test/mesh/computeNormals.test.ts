import { describe, expect, it } from 'vitest';
import { computeNormals } from '../../src/index.ts';
import { tet } from './meshFixtures.ts';

describe('computeNormals', () => {
  it('gives unit vertex normals pointing outward, sharing positions and indices', () => {
    const t = tet();
    const n = computeNormals(t);
    expect(n.positions).toBe(t.positions);
    expect(n.indices).toBe(t.indices);
    const centre = [0.25, 0.25, 0.25];
    for (let v = 0; v < 4; v++) {
      const [x, y, z] = n.normals!.subarray(3 * v, 3 * v + 3);
      expect(Math.hypot(x, y, z)).toBeCloseTo(1, 6);
      const [px, py, pz] = t.positions.subarray(3 * v, 3 * v + 3);
      expect(x * (px - centre[0]) + y * (py - centre[1]) + z * (pz - centre[2])).toBeGreaterThan(0);
    }
    // Vertex 0 sees three unit right triangles of equal area: its normal is −(1, 1, 1)/√3.
    expect(Array.from(n.normals!.subarray(0, 3))).toEqual([-1, -1, -1].map((x) => expect.closeTo(x / Math.sqrt(3), 6)));
  });
});
