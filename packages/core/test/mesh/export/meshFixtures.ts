import { mat4FromColumns } from '../../../src/math/Mat4.ts';
import { computeNormals } from '../../../src/mesh/computeNormals.ts';
import { labelToMesh } from '../../../src/mesh/labelToMesh.ts';
import type { Mesh } from '../../../src/mesh/Mesh.ts';
import { smoothMesh } from '../../../src/mesh/smoothMesh.ts';

/**
 * An axis-aligned box from `min` to `max` (LPS mm): 8 vertices, 12 triangles wound
 * counter-clockwise from outside. Vertex v sits at x = max when bit 0 of v is set, y with bit 1, z with bit 2.
 */
export function boxMesh(min: [number, number, number], max: [number, number, number]): Mesh {
  const positions = new Float32Array(24);
  for (let v = 0; v < 8; v++) {
    positions[3 * v] = v & 1 ? max[0] : min[0];
    positions[3 * v + 1] = v & 2 ? max[1] : min[1];
    positions[3 * v + 2] = v & 4 ? max[2] : min[2];
  }
  const indices = Uint32Array.of(
    0, 4, 6, 0, 6, 2, // −x
    1, 3, 7, 1, 7, 5, // +x
    0, 1, 5, 0, 5, 4, // −y
    2, 6, 7, 2, 7, 3, // +y
    0, 2, 3, 0, 3, 1, // −z
    4, 5, 7, 4, 7, 6, // +z
  );
  return { positions, indices };
}

/** Two meshes as one (indices of the second shifted), e.g. two overlapping boxes. */
export function concatMeshes(a: Mesh, b: Mesh): Mesh {
  const positions = new Float32Array(a.positions.length + b.positions.length);
  positions.set(a.positions);
  positions.set(b.positions, a.positions.length);
  const indices = new Uint32Array(a.indices.length + b.indices.length);
  indices.set(a.indices);
  const shift = a.positions.length / 3;
  for (let i = 0; i < b.indices.length; i++) indices[a.indices.length + i] = b.indices[i] + shift;
  return { positions, indices };
}

/**
 * An icosphere: the icosahedron with each triangle split in four `subdivisions` times, vertices
 * pushed onto the sphere; 20·4^s triangles wound counter-clockwise from outside.
 */
export function icosphere(radiusMm: number, subdivisions: number, center: [number, number, number] = [0, 0, 0]): Mesh {
  const t = (1 + Math.sqrt(5)) / 2;
  const verts: number[][] = [
    [-1, t, 0], [1, t, 0], [-1, -t, 0], [1, -t, 0], [0, -1, t], [0, 1, t],
    [0, -1, -t], [0, 1, -t], [t, 0, -1], [t, 0, 1], [-t, 0, -1], [-t, 0, 1],
  ].map(unit);
  let faces = [
    [0, 11, 5], [0, 5, 1], [0, 1, 7], [0, 7, 10], [0, 10, 11], [1, 5, 9], [5, 11, 4], [11, 10, 2], [10, 7, 6], [7, 1, 8],
    [3, 9, 4], [3, 4, 2], [3, 2, 6], [3, 6, 8], [3, 8, 9], [4, 9, 5], [2, 4, 11], [6, 2, 10], [8, 6, 7], [9, 8, 1],
  ];
  for (let s = 0; s < subdivisions; s++) {
    const cache = new Map<string, number>();
    const mid = (a: number, b: number) => {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      let m = cache.get(key);
      if (m === undefined) {
        m = verts.push(unit(verts[a].map((x, i) => x + verts[b][i]))) - 1;
        cache.set(key, m);
      }
      return m;
    };
    faces = faces.flatMap(([a, b, c]) => {
      const ab = mid(a, b), bc = mid(b, c), ca = mid(c, a);
      return [[a, ab, ca], [b, bc, ab], [c, ca, bc], [ab, bc, ca]];
    });
  }
  const positions = new Float32Array(verts.flatMap((v) => v.map((x, i) => center[i] + radiusMm * x)));
  return { positions, indices: Uint32Array.from(faces.flat()) };
}

function unit(v: number[]): number[] {
  const len = Math.hypot(v[0], v[1], v[2]);
  return v.map((x) => x / len);
}

/**
 * labelToMesh of a ball of label 1 (radius `radiusMm`, centred in a grid of `n`³ voxels of
 * `spacingMm`, origin at (−20, 30, 100) LPS mm), then smoothed: what `voxa mesh` makes of a
 * round structure.
 */
export function labelBallMesh(radiusMm = 6, spacingMm: [number, number, number] = [0.8, 0.8, 1.5], n = 24): { mesh: Mesh; smooth: Mesh } {
  const labels = new Uint8Array(n * n * n);
  const c = (n - 1) / 2;
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    const x = (i - c) * spacingMm[0], y = (j - c) * spacingMm[1], z = (k - c) * spacingMm[2];
    if (x * x + y * y + z * z <= radiusMm * radiusMm) labels[i + n * (j + n * k)] = 1;
  }
  const indexToWorld = mat4FromColumns([spacingMm[0], 0, 0], [0, spacingMm[1], 0], [0, 0, spacingMm[2]], [-20, 30, 100]);
  const mesh = labelToMesh(labels, [n, n, n], indexToWorld, 1);
  return { mesh, smooth: computeNormals(smoothMesh(mesh)) };
}
