import type { Measurement, Point3 } from '@voxa/core';

/**
 * Where a measurement is, LPS mm: the mean of its points. For a bidirectional that is halfway
 * between the midpoints of its two axes, inside the lesion whenever the lesion is convex, and the
 * crossing of the axes when both are drawn through the lesion's middle.
 */
export function measurementCentre(m: Measurement): Point3 {
  const c: Point3 = [0, 0, 0];
  for (const p of m.points) for (let k = 0; k < 3; k++) c[k] += p[k] / m.points.length;
  return c;
}
