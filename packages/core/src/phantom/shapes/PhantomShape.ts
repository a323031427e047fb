import type { Mat4 } from '../../math/Mat4.ts';

/** Axis-aligned bounds in patient LPS mm: [minX, minY, minZ, maxX, maxY, maxZ]. */
export type BoundsLps = [number, number, number, number, number, number];

/** Empty bounds, ready to be grown. */
export function emptyBoundsLps(): BoundsLps {
  return [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
}

/**
 * What a shape paints. The label is crisp (written where the voxel centre is inside); the HU is
 * blended over a partial-volume edge. A shape without a label changes HU only (an airway wall,
 * the cancellous core of a bone), leaving the label beneath.
 */
export interface ShapePaint {
  label?: number;
  hu: number;
}

/**
 * The separable form of a solid whose axis is the world z axis: its signed distance is
 * `max(crossSectionMm(x, y), heightMm(z))`, so the rasterizer computes the cross-section once per
 * column instead of once per voxel.
 */
export interface ZSeparable {
  crossSectionMm(x: number, y: number): number;
  heightMm(z: number): number;
}

/**
 * A solid bounded by a quadric level set, q(p) = |M·p + t| (q = 1 on the surface): along an index
 * row the interval where q ≤ level solves a quadratic, so the rasterizer fills the deep inside
 * with runs and evaluates the signed distance only in the thin shell near the surface.
 */
export interface QuadricRows {
  /**
   * The interval of s where q(p0 + s·dir) ≤ level, written to out[0], out[1]; false when empty.
   */
  lineInterval(p0x: number, p0y: number, p0z: number, dx: number, dy: number, dz: number, level: number, out: Float64Array): boolean;
  /** Levels [inner, outer]: q ≤ inner implies distance ≤ −cutoff; q ≥ outer implies distance ≥ cutoff. */
  levelsForCutoff(cutoffMm: number): [number, number];
}

/** One solid the rasterizer visits over its bounding box. */
export interface RasterPiece {
  readonly paint: ShapePaint;
  /** Approximate signed distance (mm) to the surface at an LPS point: negative inside. */
  signedDistanceMm(x: number, y: number, z: number): number;
  /** LPS bounds of the inside (distance ≤ 0). */
  boundsLps(): BoundsLps;
  /** The separable form when the solid is a prism along world z; undefined otherwise. */
  zSeparable(): ZSeparable | undefined;
  /** The quadric form when the solid is an ellipsoid; undefined otherwise. */
  quadricRows(): QuadricRows | undefined;
}

/** An analytic solid of the phantom, placed in the body frame and movable rigidly. */
export interface PhantomShape {
  readonly name: string;
  readonly paint: ShapePaint;
  /** The same solid moved by a rigid transform `m` (LPS mm → LPS mm). */
  transformed(m: Mat4): PhantomShape;
  /** The pieces to rasterize: one for most solids, one per segment for a tube. */
  pieces(): readonly RasterPiece[];
}
