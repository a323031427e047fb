import type { Mat4 } from '../../math/Mat4.ts';
import { type CartilageFootprint, CartilagePlate } from './CartilagePlate.ts';
import { type BoundsLps, type ShapePaint, emptyBoundsLps } from './PhantomShape.ts';
import { type RigidFrame, frameBoxBounds, transformFrame } from './RigidFrame.ts';

/**
 * Cartilage on a planar bone surface (a tibial plateau): the plane through the frame's origin
 * with outward normal w. Surface coordinates s₁, s₂ along u and v; the height is along w.
 */
export class PlaneCartilage extends CartilagePlate {
  readonly frame: RigidFrame;

  constructor(name: string, frame: RigidFrame, footprint: CartilageFootprint, paint: ShapePaint) {
    super(name, footprint, paint);
    this.frame = frame;
  }

  surfaceCoordinates(x: number, y: number, z: number, out: Float64Array): void {
    const { origin: o, u, v, w } = this.frame;
    const dx = x - o[0], dy = y - o[1], dz = z - o[2];
    out[0] = dx * u[0] + dy * u[1] + dz * u[2];
    out[1] = dx * v[0] + dy * v[1] + dz * v[2];
    out[2] = dx * w[0] + dy * w[1] + dz * w[2];
  }

  columnVolumeMm(t: number): number {
    return t;
  }

  boundsLps(): BoundsLps {
    const f = this.footprint;
    const b = emptyBoundsLps();
    frameBoxBounds(this.frame, [Math.abs(f.centreMm[0]) + f.semiAxesMm[0], Math.abs(f.centreMm[1]) + f.semiAxesMm[1], f.maxThicknessMm], b);
    return b;
  }

  transformed(m: Mat4): PlaneCartilage {
    return new PlaneCartilage(this.name, transformFrame(this.frame, m), this.footprint, this.paint);
  }
}
