/** Which feature of a triangle its closest point lies on. */
export const TRIANGLE_FEATURE = { face: 0, vertexA: 1, vertexB: 2, vertexC: 3, edgeAB: 4, edgeBC: 5, edgeCA: 6 } as const;

/**
 * The point of triangle (a, b, c) nearest to p, by Voronoi regions (Ericson, "Real-Time
 * Collision Detection", 2005, §5.1.5): writes its x, y, z to out[0 … 2], the squared distance to
 * out[3] and the feature it lies on (`TRIANGLE_FEATURE`) to out[4]. Coordinates are read from
 * `tri` at `o` (a, b, c as 9 numbers), so a BVH can keep its triangles packed. Degenerate
 * triangles fall to an edge or a vertex, never divide by zero.
 */
export function closestPointOnTriangle(px: number, py: number, pz: number, tri: Float64Array, o: number, out: Float64Array): void {
  const ax = tri[o], ay = tri[o + 1], az = tri[o + 2];
  const abx = tri[o + 3] - ax, aby = tri[o + 4] - ay, abz = tri[o + 5] - az;
  const acx = tri[o + 6] - ax, acy = tri[o + 7] - ay, acz = tri[o + 8] - az;
  const apx = px - ax, apy = py - ay, apz = pz - az;
  const d1 = abx * apx + aby * apy + abz * apz, d2 = acx * apx + acy * apy + acz * apz;
  if (d1 <= 0 && d2 <= 0) return put(out, ax, ay, az, px, py, pz, 1);
  const bpx = px - tri[o + 3], bpy = py - tri[o + 4], bpz = pz - tri[o + 5];
  const d3 = abx * bpx + aby * bpy + abz * bpz, d4 = acx * bpx + acy * bpy + acz * bpz;
  if (d3 >= 0 && d4 <= d3) return put(out, tri[o + 3], tri[o + 4], tri[o + 5], px, py, pz, 2);
  const vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0) {
    const v = d1 - d3 > 0 ? d1 / (d1 - d3) : 0;
    return put(out, ax + v * abx, ay + v * aby, az + v * abz, px, py, pz, 4);
  }
  const cpx = px - tri[o + 6], cpy = py - tri[o + 7], cpz = pz - tri[o + 8];
  const d5 = abx * cpx + aby * cpy + abz * cpz, d6 = acx * cpx + acy * cpy + acz * cpz;
  if (d6 >= 0 && d5 <= d6) return put(out, tri[o + 6], tri[o + 7], tri[o + 8], px, py, pz, 3);
  const vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0) {
    const w = d2 - d6 > 0 ? d2 / (d2 - d6) : 0;
    return put(out, ax + w * acx, ay + w * acy, az + w * acz, px, py, pz, 6);
  }
  const va = d3 * d6 - d5 * d4;
  if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) {
    const den = d4 - d3 + (d5 - d6);
    const w = den > 0 ? (d4 - d3) / den : 0;
    const bx = tri[o + 3], by = tri[o + 4], bz = tri[o + 5];
    return put(out, bx + w * (tri[o + 6] - bx), by + w * (tri[o + 7] - by), bz + w * (tri[o + 8] - bz), px, py, pz, 5);
  }
  const sum = va + vb + vc;
  if (!(sum > 0)) return put(out, ax, ay, az, px, py, pz, 1); // a degenerate triangle that escaped the tests above
  const v = vb / sum, w = vc / sum;
  put(out, ax + abx * v + acx * w, ay + aby * v + acy * w, az + abz * v + acz * w, px, py, pz, 0);
}

function put(out: Float64Array, qx: number, qy: number, qz: number, px: number, py: number, pz: number, feature: number): void {
  out[0] = qx;
  out[1] = qy;
  out[2] = qz;
  const dx = px - qx, dy = py - qy, dz = pz - qz;
  out[3] = dx * dx + dy * dy + dz * dz;
  out[4] = feature;
}
