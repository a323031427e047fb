import type { Mat4 } from '../../math/Mat4.ts';
import { type BoundsLps, type PhantomShape, type RasterPiece, type ShapePaint, type QuadricRows, type ZSeparable, emptyBoundsLps } from './PhantomShape.ts';
import { type RigidFrame, frameBoxBounds, transformFrame } from './RigidFrame.ts';

/** Cross-section and extent of a superelliptic prism, in mm. */
export interface SuperellipseSection {
  /** Semi-axis along the frame's u. */
  a: number;
  /** Semi-axis along the frame's v. */
  b: number;
  /** Exponent: 2 is an ellipse; larger is squarer (a torso is about 2.5). */
  n: number;
  /** Half the length along the frame's w. */
  halfHeight: number;
}

const AXIS_EPS = 1e-12;

/**
 * A prism along the frame's w axis with the cross-section |x/a|ⁿ + |y/b|ⁿ ≤ 1 (an elliptic
 * cylinder for n = 2). Signed distance: the cross-section's first-order estimate (F − 1)/|∇F|
 * with F = (|x/a|ⁿ + |y/b|ⁿ)^(1/n), intersected with the slab |z| ≤ halfHeight.
 */
export class SuperellipticPrism implements PhantomShape, RasterPiece, ZSeparable {
  readonly name: string;
  readonly paint: ShapePaint;
  readonly frame: RigidFrame;
  readonly section: SuperellipseSection;

  constructor(name: string, frame: RigidFrame, section: SuperellipseSection, paint: ShapePaint) {
    this.name = name;
    this.frame = frame;
    this.section = { ...section };
    this.paint = paint;
  }

  transformed(m: Mat4): SuperellipticPrism {
    return new SuperellipticPrism(this.name, transformFrame(this.frame, m), this.section, this.paint);
  }

  pieces(): readonly RasterPiece[] {
    return [this];
  }

  signedDistanceMm(x: number, y: number, z: number): number {
    const { origin: o, u, v, w } = this.frame;
    const dx = x - o[0], dy = y - o[1], dz = z - o[2];
    const dxy = this.sectionDistance(dx * u[0] + dy * u[1] + dz * u[2], dx * v[0] + dy * v[1] + dz * v[2]);
    const dh = Math.abs(dx * w[0] + dy * w[1] + dz * w[2]) - this.section.halfHeight;
    return dxy > dh ? dxy : dh;
  }

  crossSectionMm(x: number, y: number): number {
    const { origin: o, u, v } = this.frame;
    const dx = x - o[0], dy = y - o[1];
    return this.sectionDistance(dx * u[0] + dy * u[1], dx * v[0] + dy * v[1]);
  }

  heightMm(z: number): number {
    return Math.abs((z - this.frame.origin[2]) * this.frame.w[2]) - this.section.halfHeight;
  }

  boundsLps(): BoundsLps {
    const b = emptyBoundsLps();
    const s = this.section;
    frameBoxBounds(this.frame, [s.a, s.b, s.halfHeight], b);
    return b;
  }

  quadricRows(): QuadricRows | undefined {
    return undefined;
  }

  zSeparable(): ZSeparable | undefined {
    const { u, v, w } = this.frame;
    const aligned = Math.abs(Math.abs(w[2]) - 1) < AXIS_EPS && Math.abs(u[2]) < AXIS_EPS && Math.abs(v[2]) < AXIS_EPS;
    return aligned ? this : undefined;
  }

  private sectionDistance(lx: number, ly: number): number {
    const { a, b, n } = this.section;
    const X = Math.abs(lx) / a, Y = Math.abs(ly) / b;
    const xn1 = n === 2 ? X : Math.pow(X, n - 1);
    const yn1 = n === 2 ? Y : Math.pow(Y, n - 1);
    const S = X * xn1 + Y * yn1;
    if (S === 0) return -Math.min(a, b);
    const F = n === 2 ? Math.sqrt(S) : Math.pow(S, 1 / n);
    const gx = xn1 / a, gy = yn1 / b;
    return ((F - 1) * S) / (F * Math.sqrt(gx * gx + gy * gy));
  }
}
