import type { Vec3 } from '@voxa/core';

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * The polygon where a plane (through `point`, unit `normal`) cuts an axis-aligned box [lo, hi]:
 * the crossings of the box's 12 edges, ordered around their centre (empty when it misses).
 */
export function planeBoxOutline(point: Vec3, normal: Vec3, lo: Vec3, hi: Vec3): Vec3[] {
  const corner = (c: number): Vec3 => [c & 1 ? hi[0] : lo[0], c & 2 ? hi[1] : lo[1], c & 4 ? hi[2] : lo[2]];
  const out: Vec3[] = [];
  for (let a = 0; a < 8; a++) {
    for (const bit of [1, 2, 4]) {
      if (a & bit) continue;
      const p = corner(a), q = corner(a | bit);
      const dp = dot(sub(p, point), normal), dq = dot(sub(q, point), normal);
      if ((dp > 0 && dq > 0) || (dp < 0 && dq < 0) || dp === dq) continue;
      const t = dp / (dp - dq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]), p[2] + t * (q[2] - p[2])]);
    }
  }
  if (out.length < 3) return [];
  const c: Vec3 = [0, 1, 2].map((i) => out.reduce((s, p) => s + p[i], 0) / out.length) as Vec3;
  // An in-plane basis: u along the first crossing, v = normal × u.
  const u = sub(out[0], c);
  const v: Vec3 = [normal[1] * u[2] - normal[2] * u[1], normal[2] * u[0] - normal[0] * u[2], normal[0] * u[1] - normal[1] * u[0]];
  return out.map((p) => ({ p, a: Math.atan2(dot(sub(p, c), v), dot(sub(p, c), u)) })).sort((x, y) => x.a - y.a).map((x) => x.p);
}
