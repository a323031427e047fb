import type { Vec3 } from '../math/Vec3.ts';
import { angleBetweenDeg } from './angleDeg.ts';

/** A line segment between two LPS points. */
export type LineLps = [Vec3, Vec3];

/**
 * The Cobb angle: the acute angle between two lines (e.g. along two vertebral endplates), 0 to
 * 90 degrees, whatever the order of each line's points. NaN when a line has zero length.
 */
export function cobbAngleDeg(line1: LineLps, line2: LineLps): number {
  const a = angleBetweenDeg(direction(line1), direction(line2));
  return a > 90 ? 180 - a : a;
}

function direction([p, q]: LineLps): Vec3 {
  return [q[0] - p[0], q[1] - p[1], q[2] - p[2]];
}
