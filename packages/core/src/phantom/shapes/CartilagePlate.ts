import type { Mat4 } from '../../math/Mat4.ts';
import type { BoundsLps, PhantomShape, QuadricRows, RasterPiece, ShapePaint, ZSeparable } from './PhantomShape.ts';

/**
 * Where a cartilage plate lies on its bone surface and how thick it is. The footprint is an
 * ellipse in the bone surface's own coordinates (s₁, s₂ in mm, see `CartilagePlate`); in
 * footprint units (p, q) = ((s₁ − c₁)/A, (s₂ − c₂)/B) it is the unit disc.
 */
export interface CartilageFootprint {
  /** Centre (c₁, c₂) of the footprint, mm. */
  centreMm: [number, number];
  /** Semi-axes (A, B) along s₁ and s₂, mm. */
  semiAxesMm: [number, number];
  /** Where the cartilage is thickest, in footprint units (inside the unit disc). */
  peak: [number, number];
  /** Thickness far from the peak (at footprint distance ≥ 1 from it), mm. */
  minThicknessMm: number;
  /** Thickness at the peak, mm. */
  maxThicknessMm: number;
}

/** Rings and sectors of the polar midpoint rule `volumeMm3` integrates with (relative error < 1e-5). */
const QUADRATURE_RINGS = 400;
const QUADRATURE_SECTORS = 720;

/**
 * A cartilage plate of known, smoothly varying thickness on a bone surface: the points at height
 * 0 ≤ h ≤ t(s₁, s₂) along the bone's outward normal above the footprint, where (s₁, s₂) are the
 * surface coordinates of the foot point. The thickness falls from the maximum at the peak to the
 * minimum as a raised cosine of the footprint distance d from the peak,
 * t = min + (max − min)·½(1 + cos(π·min(d, 1))), so it is C¹, its slope stays under
 * (max − min)·π/2 per footprint unit, and the thickness measured along the normal of either
 * surface differs from t only to second order. The rim is the footprint's outline extruded along
 * the bone normal. Subclasses give the bone surface (a cylinder, a plane).
 */
export abstract class CartilagePlate implements PhantomShape, RasterPiece {
  readonly name: string;
  readonly paint: ShapePaint;
  readonly footprint: CartilageFootprint;
  /** (s₁, s₂, h) of the last point, reused: no allocation per voxel. */
  private readonly local = new Float64Array(3);

  protected constructor(name: string, footprint: CartilageFootprint, paint: ShapePaint) {
    this.name = name;
    this.footprint = { ...footprint, centreMm: [...footprint.centreMm], semiAxesMm: [...footprint.semiAxesMm], peak: [...footprint.peak] };
    this.paint = paint;
  }

  /** Writes the foot point's surface coordinates (s₁, s₂, mm) and the height h (mm) above the bone surface into `out`. */
  abstract surfaceCoordinates(x: number, y: number, z: number, out: Float64Array): void;
  /** Cartilage volume per unit footprint area under thickness t (the offset surfaces' area changes with h on a curved bone). */
  abstract columnVolumeMm(t: number): number;
  abstract boundsLps(): BoundsLps;
  abstract transformed(m: Mat4): CartilagePlate;

  /** The thickness (mm) over footprint point (s₁, s₂); outside the footprint, that of the nearest point of its outline along the ray from the centre. */
  thicknessAtMm(s1: number, s2: number): number {
    const f = this.footprint;
    let p = (s1 - f.centreMm[0]) / f.semiAxesMm[0], q = (s2 - f.centreMm[1]) / f.semiAxesMm[1];
    const r = Math.hypot(p, q);
    if (r > 1) {
      p /= r;
      q /= r;
    }
    const d = Math.min(1, Math.hypot(p - f.peak[0], q - f.peak[1]));
    return f.minThicknessMm + (f.maxThicknessMm - f.minThicknessMm) * 0.5 * (1 + Math.cos(Math.PI * d));
  }

  /** The true thickness (mm) at the foot point of an LPS point on the bone surface. */
  thicknessMm(x: number, y: number, z: number): number {
    this.surfaceCoordinates(x, y, z, this.local);
    return this.thicknessAtMm(this.local[0], this.local[1]);
  }

  /**
   * Signed distance estimate (mm, negative inside): the larger of the height outside [0, t] and
   * the footprint's first-order distance (F − 1)/|∇F|. Its sign is exact, so labels are too.
   */
  signedDistanceMm(x: number, y: number, z: number): number {
    const c = this.local;
    this.surfaceCoordinates(x, y, z, c);
    const t = this.thicknessAtMm(c[0], c[1]);
    const h = c[2];
    const dh = -h > h - t ? -h : h - t;
    const f = this.footprint, A = f.semiAxesMm[0], B = f.semiAxesMm[1];
    const p = (c[0] - f.centreMm[0]) / A, q = (c[1] - f.centreMm[1]) / B;
    const F = Math.sqrt(p * p + q * q);
    const df = F > 0 ? ((F - 1) * F) / Math.sqrt((p * p) / (A * A) + (q * q) / (B * B)) : -Math.min(A, B);
    return dh > df ? dh : df;
  }

  /** Volume (mm³): the column volume integrated over the footprint (polar midpoint rule). */
  volumeMm3(): number {
    const [A, B] = this.footprint.semiAxesMm, [c1, c2] = this.footprint.centreMm;
    let sum = 0;
    for (let i = 0; i < QUADRATURE_RINGS; i++) {
      const r = (i + 0.5) / QUADRATURE_RINGS;
      for (let j = 0; j < QUADRATURE_SECTORS; j++) {
        const a = (2 * Math.PI * (j + 0.5)) / QUADRATURE_SECTORS;
        sum += r * this.columnVolumeMm(this.thicknessAtMm(c1 + A * r * Math.cos(a), c2 + B * r * Math.sin(a)));
      }
    }
    return (sum * A * B * 2 * Math.PI) / (QUADRATURE_RINGS * QUADRATURE_SECTORS);
  }

  pieces(): readonly RasterPiece[] {
    return [this];
  }

  zSeparable(): ZSeparable | undefined {
    return undefined;
  }

  quadricRows(): QuadricRows | undefined {
    return undefined;
  }
}
