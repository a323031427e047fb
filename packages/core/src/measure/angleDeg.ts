import type { Vec3 } from '../math/Vec3.ts';

/**
 * The angle a–vertex–b in degrees, 0 to 180 (atan2 of |u × w| and u · w, accurate near 0° and
 * 180°). NaN when a or b coincides with the vertex.
 */
export function angleDeg(a: Vec3, vertex: Vec3, b: Vec3): number {
  return angleBetweenDeg(
    [a[0] - vertex[0], a[1] - vertex[1], a[2] - vertex[2]],
    [b[0] - vertex[0], b[1] - vertex[1], b[2] - vertex[2]],
  );
}

/** Angle between two direction vectors in degrees, 0 to 180; NaN when either has zero length. */
export function angleBetweenDeg(u: Vec3, w: Vec3): number {
  const cx = u[1] * w[2] - u[2] * w[1], cy = u[2] * w[0] - u[0] * w[2], cz = u[0] * w[1] - u[1] * w[0];
  if (!(Math.hypot(...u) > 0) || !(Math.hypot(...w) > 0)) return Number.NaN;
  return (Math.atan2(Math.hypot(cx, cy, cz), u[0] * w[0] + u[1] * w[1] + u[2] * w[2]) * 180) / Math.PI;
}
