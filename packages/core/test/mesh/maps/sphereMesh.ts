import type { Mesh } from '../../../src/mesh/Mesh.ts';
import type { Vec3 } from '../../../src/math/Vec3.ts';

/**
 * A UV sphere wound outward: poles on ±z (±x with `polesOnX`: then no fan of slivers faces a
 * neighbour along z), `stacks` bands of `slices` quads (triangles at the poles).
 * 2 + slices·(stacks − 1) vertices, 2·slices·(stacks − 1) triangles, every vertex on the sphere.
 * `inward` reverses the winding (the inner wall of a shell).
 */
export function uvSphere(centre: Vec3, radius: number, slices: number, stacks: number, inward = false, polesOnX = false): Mesh {
  const rings = stacks - 1;
  const positions = new Float32Array(3 * (2 + slices * rings));
  // (x, y, z) → (z, x, y) is a rotation, so the winding stays outward.
  const put = (v: number, x: number, y: number, z: number) =>
    positions.set(polesOnX ? [centre[0] + z, centre[1] + x, centre[2] + y] : [centre[0] + x, centre[1] + y, centre[2] + z], 3 * v);
  put(0, 0, 0, radius);
  for (let s = 1; s <= rings; s++) {
    const phi = (Math.PI * s) / stacks;
    for (let j = 0; j < slices; j++) {
      const theta = (2 * Math.PI * j) / slices;
      put(1 + (s - 1) * slices + j, radius * Math.sin(phi) * Math.cos(theta), radius * Math.sin(phi) * Math.sin(theta), radius * Math.cos(phi));
    }
  }
  const south = 1 + rings * slices;
  put(south, 0, 0, -radius);
  const ring = (s: number, j: number) => 1 + (s - 1) * slices + (j % slices);
  const tris: number[] = [];
  for (let j = 0; j < slices; j++) {
    tris.push(0, ring(1, j), ring(1, j + 1));
    for (let s = 1; s < rings; s++) tris.push(ring(s, j), ring(s + 1, j), ring(s + 1, j + 1), ring(s, j), ring(s + 1, j + 1), ring(s, j + 1));
    tris.push(south, ring(rings, j + 1), ring(rings, j));
  }
  if (inward) for (let t = 0; t < tris.length; t += 3) [tris[t + 1], tris[t + 2]] = [tris[t + 2], tris[t + 1]];
  return { positions, indices: Uint32Array.from(tris) };
}
