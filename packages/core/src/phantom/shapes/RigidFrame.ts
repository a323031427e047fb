import type { Mat4 } from '../../math/Mat4.ts';
import type { Point3, Vec3 } from '../../math/Vec3.ts';
import { transformDirection, transformPoint } from '../../math/Mat4.ts';

/**
 * An orthonormal frame in patient LPS mm: an origin and three unit axes. A shape's local
 * coordinates are `(p − origin) · u`, `· v`, `· w`.
 */
export interface RigidFrame {
  origin: Point3;
  u: Vec3;
  v: Vec3;
  w: Vec3;
}

/** A frame at `origin` turned by `angleDeg` about the superior (+z) axis; w stays +z. */
export function frameAboutZ(origin: Point3, angleDeg = 0): RigidFrame {
  const a = (angleDeg * Math.PI) / 180;
  const c = Math.cos(a), s = Math.sin(a);
  return { origin: [...origin] as Point3, u: [c, s, 0], v: [-s, c, 0], w: [0, 0, 1] };
}

/** The same frame moved by a rigid transform `m` (body → world). */
export function transformFrame(frame: RigidFrame, m: Mat4): RigidFrame {
  return {
    origin: transformPoint(m, frame.origin),
    u: transformDirection(m, frame.u),
    v: transformDirection(m, frame.v),
    w: transformDirection(m, frame.w),
  };
}

/** The 8 corners of the local box [−e, +e] of a frame, in world LPS, folded into `bounds`. */
export function frameBoxBounds(frame: RigidFrame, extent: Vec3, bounds: number[]): void {
  const { origin: o, u, v, w } = frame;
  for (let n = 0; n < 8; n++) {
    const a = n & 1 ? extent[0] : -extent[0];
    const b = n & 2 ? extent[1] : -extent[1];
    const c = n & 4 ? extent[2] : -extent[2];
    for (let d = 0; d < 3; d++) {
      const x = o[d] + a * u[d] + b * v[d] + c * w[d];
      if (x < bounds[d]) bounds[d] = x;
      if (x > bounds[d + 3]) bounds[d + 3] = x;
    }
  }
}
