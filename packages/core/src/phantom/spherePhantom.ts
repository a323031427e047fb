import type { Vec3 } from '../math/Vec3.ts';
import { createVolume, type Volume } from '../volume/Volume.ts';

/** A ball of known centre (LPS mm), radius (mm) and value. */
export interface PhantomSphere {
  centre: Vec3;
  radiusMm: number;
  value: number;
}

export interface SpherePhantomOptions {
  dimensions: [number, number, number];
  spacingMm: number;
  /** LPS of voxel (0, 0, 0); axes along L, P, S. */
  origin?: Vec3;
  spheres: PhantomSphere[];
  background?: number;
  /** Width (mm) of the linear ramp from background to the ball's value, centred on the sphere; default one voxel. */
  edgeMm?: number;
}

/**
 * Balls on an axis-aligned int16 grid, their edges partial-volume averaged (the value ramps
 * linearly over `edgeMm` across the surface, so the half-value surface is the true sphere, and
 * with a ramp of two voxels or more trilinear interpolation reproduces it exactly): ground truth
 * for renderers, whose silhouettes must match the balls' analytic projections. Later balls paint
 * over earlier ones.
 */
export function generateSpherePhantom(o: SpherePhantomOptions): Volume {
  const [nx, ny, nz] = o.dimensions;
  const s = o.spacingMm;
  const origin = o.origin ?? [0, 0, 0];
  const indexToWorld = new Float64Array([s, 0, 0, 0, 0, s, 0, 0, 0, 0, s, 0, origin[0], origin[1], origin[2], 1]);
  const bg = o.background ?? 0;
  const edge = o.edgeMm ?? s;
  const voxels = new Int16Array(nx * ny * nz).fill(bg);
  for (const b of o.spheres) {
    const reach = b.radiusMm + edge / 2;
    const lo = b.centre.map((c, a) => Math.max(0, Math.floor((c - reach - origin[a]) / s) - 1));
    const hi = b.centre.map((c, a) => Math.min(o.dimensions[a] - 1, Math.ceil((c + reach - origin[a]) / s) + 1));
    for (let k = lo[2]; k <= hi[2]; k++) for (let j = lo[1]; j <= hi[1]; j++) for (let i = lo[0]; i <= hi[0]; i++) {
      const d = Math.hypot(origin[0] + i * s - b.centre[0], origin[1] + j * s - b.centre[1], origin[2] + k * s - b.centre[2]);
      const f = Math.min(1, Math.max(0, (b.radiusMm - d) / edge + 0.5));
      if (f <= 0) continue;
      const at = i + nx * (j + ny * k);
      voxels[at] = Math.round(voxels[at] + (b.value - voxels[at]) * f);
    }
  }
  return createVolume({ dimensions: [nx, ny, nz], indexToWorld, voxels, units: 'HU' });
}
