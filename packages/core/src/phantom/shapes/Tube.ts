import type { Mat4 } from '../../math/Mat4.ts';
import type { Point3 } from '../../math/Vec3.ts';
import { transformPoint } from '../../math/Mat4.ts';
import { VoxaError } from '../../errors/VoxaError.ts';
import { type BoundsLps, type PhantomShape, type RasterPiece, type ShapePaint, type QuadricRows, type ZSeparable } from './PhantomShape.ts';

/**
 * A tube of constant radius along a polyline: the union of the capsules (segment + radius) of its
 * segments, so the polyline is exactly its centreline. Each segment is rasterized as its own piece;
 * a voxel near a joint is painted by the nearest segment only (ties to the earlier one), so the
 * partial-volume edge is not blended twice.
 */
export class Tube implements PhantomShape {
  readonly name: string;
  readonly paint: ShapePaint;
  readonly centrelineLps: readonly Point3[];
  readonly radiusMm: number;
  /** Segment endpoints packed [ax, ay, az, bx, by, bz] per segment, with 1/|ab|² beside them. */
  private readonly ends: Float64Array;
  private readonly invLen2: Float64Array;
  private readonly segments: readonly TubeSegment[];

  constructor(name: string, centrelineLps: readonly Point3[], radiusMm: number, paint: ShapePaint) {
    if (centrelineLps.length < 2 || !(radiusMm > 0)) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { shape: name }, 'a tube needs at least 2 points and a positive radius');
    }
    this.name = name;
    this.paint = paint;
    this.centrelineLps = centrelineLps.map((p) => [...p] as Point3);
    this.radiusMm = radiusMm;
    const n = centrelineLps.length - 1;
    this.ends = new Float64Array(6 * n);
    this.invLen2 = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      const a = centrelineLps[s], b = centrelineLps[s + 1];
      this.ends.set([a[0], a[1], a[2], b[0], b[1], b[2]], 6 * s);
      const l2 = (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2 + (b[2] - a[2]) ** 2;
      this.invLen2[s] = l2 > 0 ? 1 / l2 : 0;
    }
    this.segments = Array.from({ length: n }, (_, s) => new TubeSegment(this, s));
  }

  transformed(m: Mat4): Tube {
    return new Tube(this.name, this.centrelineLps.map((p) => transformPoint(m, p)), this.radiusMm, this.paint);
  }

  pieces(): readonly RasterPiece[] {
    return this.segments;
  }

  /** Number of segments. */
  get segmentCount(): number {
    return this.invLen2.length;
  }

  /** Signed distance (mm) from the capsule of segment `s`. */
  segmentDistanceMm(s: number, x: number, y: number, z: number): number {
    const e = this.ends, o = 6 * s;
    const ax = e[o], ay = e[o + 1], az = e[o + 2];
    const abx = e[o + 3] - ax, aby = e[o + 4] - ay, abz = e[o + 5] - az;
    const px = x - ax, py = y - ay, pz = z - az;
    let t = (px * abx + py * aby + pz * abz) * this.invLen2[s];
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const qx = px - t * abx, qy = py - t * aby, qz = pz - t * abz;
    return Math.sqrt(qx * qx + qy * qy + qz * qz) - this.radiusMm;
  }

  /** LPS bounds of the capsule of segment `s`. */
  segmentBoundsLps(s: number): BoundsLps {
    const e = this.ends, o = 6 * s, r = this.radiusMm;
    return [
      Math.min(e[o], e[o + 3]) - r, Math.min(e[o + 1], e[o + 4]) - r, Math.min(e[o + 2], e[o + 5]) - r,
      Math.max(e[o], e[o + 3]) + r, Math.max(e[o + 1], e[o + 4]) + r, Math.max(e[o + 2], e[o + 5]) + r,
    ];
  }
}

/** One segment of a tube as a raster piece; voxels nearer a neighbouring segment are left to it. */
class TubeSegment implements RasterPiece {
  readonly paint: ShapePaint;
  private readonly tube: Tube;
  private readonly index: number;

  constructor(tube: Tube, index: number) {
    this.tube = tube;
    this.index = index;
    this.paint = tube.paint;
  }

  signedDistanceMm(x: number, y: number, z: number): number {
    const t = this.tube, s = this.index;
    const d = t.segmentDistanceMm(s, x, y, z);
    if (s > 0 && t.segmentDistanceMm(s - 1, x, y, z) <= d) return Infinity;
    if (s + 1 < t.segmentCount && t.segmentDistanceMm(s + 1, x, y, z) < d) return Infinity;
    return d;
  }

  boundsLps(): BoundsLps {
    return this.tube.segmentBoundsLps(this.index);
  }

  quadricRows(): QuadricRows | undefined {
    return undefined;
  }

  zSeparable(): ZSeparable | undefined {
    return undefined;
  }
}
