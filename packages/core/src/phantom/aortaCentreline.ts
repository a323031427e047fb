import type { Point3 } from '../math/Vec3.ts';

/** Radius of the aortic lumen in mm (constant along the tube). */
export const AORTA_RADIUS_MM = 12;

/** Number of segments the arch is sampled with. */
const ARCH_SEGMENTS = 16;

/**
 * The aorta's centreline in the body frame (= baseline LPS mm), from the aortic root up the
 * ascending aorta, over an arch that bulges to the patient's left of the trachea, and down the
 * descending aorta along the spine to below the field of view. The aorta tube is exactly the
 * union of capsules of radius AORTA_RADIUS_MM along this polyline.
 */
export function aortaCentrelineBody(): Point3[] {
  const a: Point3 = [8, -35, 130]; // top of the ascending aorta
  const b: Point3 = [28, 20, 130]; // top of the descending aorta
  const mid: Point3 = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
  const half: Point3 = [(b[0] - a[0]) / 2, (b[1] - a[1]) / 2, (b[2] - a[2]) / 2];
  const rise = Math.hypot(half[0], half[1], half[2]);
  const leftBulge = 15;
  const points: Point3[] = [[8, -35, 85]];
  for (let s = 0; s <= ARCH_SEGMENTS; s++) {
    const t = (Math.PI * s) / ARCH_SEGMENTS;
    const c = Math.cos(t), n = Math.sin(t);
    points.push([mid[0] - c * half[0] + n * leftBulge, mid[1] - c * half[1], mid[2] - c * half[2] + n * rise]);
  }
  points.push([26, 18, 90], [22, 16, 20], [15, 14, -40], [13, 14, -120], [12, 14, -240]);
  return points;
}
