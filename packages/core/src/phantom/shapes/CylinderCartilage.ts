import type { Mat4 } from '../../math/Mat4.ts';
import { type CartilageFootprint, CartilagePlate } from './CartilagePlate.ts';
import { type BoundsLps, type ShapePaint, emptyBoundsLps } from './PhantomShape.ts';
import { type RigidFrame, frameBoxBounds, transformFrame } from './RigidFrame.ts';

/**
 * Cartilage on a cylindrical bone surface (a femoral condyle seen sagittally): the cylinder's
 * axis is the frame's u through its origin, radius `boneRadiusMm`. Surface coordinates:
 * s₁ = R·θ, the arc length from the frame's w direction turning towards v, and s₂ = the
 * position along u; the height is h = ρ − R (ρ: distance from the axis). The footprint must
 * stay within θ ∈ (−π, π).
 */
export class CylinderCartilage extends CartilagePlate {
  readonly frame: RigidFrame;
  readonly boneRadiusMm: number;

  constructor(name: string, frame: RigidFrame, boneRadiusMm: number, footprint: CartilageFootprint, paint: ShapePaint) {
    super(name, footprint, paint);
    this.frame = frame;
    this.boneRadiusMm = boneRadiusMm;
  }

  surfaceCoordinates(x: number, y: number, z: number, out: Float64Array): void {
    const { origin: o, u, v, w } = this.frame;
    const dx = x - o[0], dy = y - o[1], dz = z - o[2];
    const a = dx * v[0] + dy * v[1] + dz * v[2];
    const b = dx * w[0] + dy * w[1] + dz * w[2];
    out[0] = this.boneRadiusMm * Math.atan2(a, b);
    out[1] = dx * u[0] + dy * u[1] + dz * u[2];
    out[2] = Math.sqrt(a * a + b * b) - this.boneRadiusMm;
  }

  /** ∫₀ᵗ (1 + h/R) dh: the offset surface at height h is (R + h)/R times longer around the axis. */
  columnVolumeMm(t: number): number {
    return t + (t * t) / (2 * this.boneRadiusMm);
  }

  boundsLps(): BoundsLps {
    const f = this.footprint;
    const along = Math.abs(f.centreMm[1]) + f.semiAxesMm[1];
    const r = this.boneRadiusMm + f.maxThicknessMm;
    const b = emptyBoundsLps();
    frameBoxBounds(this.frame, [along, r, r], b);
    return b;
  }

  transformed(m: Mat4): CylinderCartilage {
    return new CylinderCartilage(this.name, transformFrame(this.frame, m), this.boneRadiusMm, this.footprint, this.paint);
  }
}
