import type { Mat4 } from '../../math/Mat4.ts';
import type { Vec3 } from '../../math/Vec3.ts';
import { type BoundsLps, type PhantomShape, type QuadricRows, type RasterPiece, type ShapePaint, type ZSeparable, emptyBoundsLps } from './PhantomShape.ts';
import { type RigidFrame, frameBoxBounds, transformFrame } from './RigidFrame.ts';

/**
 * A solid ellipsoid: semi-axes `semiAxesMm` along the frame's u, v, w. Its signed distance is the
 * first-order estimate k0·(k0 − 1)/k1 (k0 = |p/a|, k1 = |p/a²| in the local frame), exact on
 * the surface and a good approximation within a voxel or two of it.
 */
export class Ellipsoid implements PhantomShape, RasterPiece, QuadricRows {
  readonly name: string;
  readonly paint: ShapePaint;
  readonly frame: RigidFrame;
  readonly semiAxesMm: Vec3;
  // Rows of M = diag(1/a, 1/b, 1/c)·[u v w]ᵀ and t = −M·origin: the scaled local coordinates.
  private readonly m: Float64Array;
  private readonly inv: Vec3;
  private readonly minSemi: number;

  constructor(name: string, frame: RigidFrame, semiAxesMm: Vec3, paint: ShapePaint) {
    this.name = name;
    this.frame = frame;
    this.semiAxesMm = [...semiAxesMm] as Vec3;
    this.paint = paint;
    this.inv = [1 / semiAxesMm[0], 1 / semiAxesMm[1], 1 / semiAxesMm[2]];
    this.minSemi = Math.min(...semiAxesMm);
    const axes = [frame.u, frame.v, frame.w];
    this.m = new Float64Array(12);
    for (let r = 0; r < 3; r++) {
      const e = axes[r], s = this.inv[r];
      this.m[4 * r] = e[0] * s;
      this.m[4 * r + 1] = e[1] * s;
      this.m[4 * r + 2] = e[2] * s;
      this.m[4 * r + 3] = -(e[0] * frame.origin[0] + e[1] * frame.origin[1] + e[2] * frame.origin[2]) * s;
    }
  }

  /** Exact volume 4/3·π·a·b·c in mm³. */
  volumeMm3(): number {
    const [a, b, c] = this.semiAxesMm;
    return (4 / 3) * Math.PI * a * b * c;
  }

  transformed(m: Mat4): Ellipsoid {
    return new Ellipsoid(this.name, transformFrame(this.frame, m), this.semiAxesMm, this.paint);
  }

  pieces(): readonly RasterPiece[] {
    return [this];
  }

  signedDistanceMm(x: number, y: number, z: number): number {
    const m = this.m;
    const lx = m[0] * x + m[1] * y + m[2] * z + m[3];
    const ly = m[4] * x + m[5] * y + m[6] * z + m[7];
    const lz = m[8] * x + m[9] * y + m[10] * z + m[11];
    const k0 = Math.sqrt(lx * lx + ly * ly + lz * lz);
    const qx = lx * this.inv[0], qy = ly * this.inv[1], qz = lz * this.inv[2];
    const k1 = Math.sqrt(qx * qx + qy * qy + qz * qz);
    return k1 > 0 ? (k0 * (k0 - 1)) / k1 : -this.minSemi;
  }

  lineInterval(p0x: number, p0y: number, p0z: number, dx: number, dy: number, dz: number, level: number, out: Float64Array): boolean {
    const m = this.m;
    let a = 0, b = 0, c = -level * level;
    for (let r = 0; r < 12; r += 4) {
      const l0 = m[r] * p0x + m[r + 1] * p0y + m[r + 2] * p0z + m[r + 3];
      const ld = m[r] * dx + m[r + 1] * dy + m[r + 2] * dz;
      a += ld * ld;
      b += l0 * ld;
      c += l0 * l0;
    }
    const disc = b * b - a * c;
    if (!(a > 0) || disc < 0) return false;
    const root = Math.sqrt(disc);
    out[0] = (-b - root) / a;
    out[1] = (-b + root) / a;
    return true;
  }

  /** k0/k1 ≥ the smallest semi-axis, so |d| ≥ |k0 − 1|·minSemi: levels 1 ∓ cutoff/minSemi. */
  levelsForCutoff(cutoffMm: number): [number, number] {
    const r = cutoffMm / this.minSemi;
    return [Math.max(0, 1 - r), 1 + r];
  }

  boundsLps(): BoundsLps {
    const b = emptyBoundsLps();
    frameBoxBounds(this.frame, this.semiAxesMm, b);
    return b;
  }

  quadricRows(): QuadricRows | undefined {
    return this;
  }

  zSeparable(): ZSeparable | undefined {
    return undefined;
  }
}
