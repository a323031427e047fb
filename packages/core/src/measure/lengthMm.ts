import type { Vec3 } from '../math/Vec3.ts';

/** Distance between two points in patient LPS millimetres. */
export function lengthMm(a: Vec3, b: Vec3): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
}
