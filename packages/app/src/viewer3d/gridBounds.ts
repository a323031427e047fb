import { transformPoint, type Mat4, type Vec3 } from '@voxa/core';

/** LPS bounds of a grid's voxel centres (its eight corners through the index-to-world matrix). */
export function gridBounds(dims: [number, number, number], indexToWorld: Mat4): { lo: Vec3; hi: Vec3 } {
  const lo: Vec3 = [Infinity, Infinity, Infinity], hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (let c = 0; c < 8; c++) {
    const p = transformPoint(indexToWorld, [c & 1 ? dims[0] - 1 : 0, c & 2 ? dims[1] - 1 : 0, c & 4 ? dims[2] - 1 : 0]);
    for (let a = 0; a < 3; a++) { lo[a] = Math.min(lo[a], p[a]); hi[a] = Math.max(hi[a], p[a]); }
  }
  return { lo, hi };
}
