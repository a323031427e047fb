// A known smooth deformation of the phantom for the deformable registration test and benchmark:
// six Gaussian bumps of 4.9–5.4 mm (at most 5.6 mm where they overlap; σ 40 mm, so |∇b| ≤ 0.11,
// measured on a 4 mm lattice, and the map stays invertible) on top of the phantom's follow-up 1
// rigid motion (3° about z, 4/−3/6 mm).
import { mat4Invert, mat4Multiply, transformPoint, type Mat4 } from '../../src/math/Mat4.ts';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { baselineToTimePoint } from '../../src/phantom/followUpMotion.ts';
import { trilinearAt } from '../../src/registration/trilinear.ts';
import { allocVoxels, voxelTypeOf, type Volume } from '../../src/volume/Volume.ts';

/** Displacement bumps in LPS mm: near the liver lesion, the right lung, the para-aortic node, the upper chest. */
export const BUMPS: readonly { centreLps: Vec3; amplitudeMm: Vec3; sigmaMm: number }[] = [
  { centreLps: [-60, -25, -50], amplitudeMm: [4, -3, 2], sigmaMm: 40 },
  { centreLps: [-90, 10, 60], amplitudeMm: [-3, 2, 4], sigmaMm: 40 },
  { centreLps: [60, 0, -90], amplitudeMm: [2, 4, -3], sigmaMm: 40 },
  { centreLps: [40, 30, 100], amplitudeMm: [-4, -2, -2], sigmaMm: 40 },
  { centreLps: [0, -40, -160], amplitudeMm: [3, 3, 3], sigmaMm: 40 },
  { centreLps: [0, 20, 170], amplitudeMm: [-3, 3, -3], sigmaMm: 40 },
];

/** The rigid part of the truth: the phantom's follow-up 1 motion. */
export const GLOBAL_MOTION: Mat4 = baselineToTimePoint(1);

/** b(p), the bumps' displacement at p (mm), each bump cut off at 4σ. */
export function bumpDisplacement(p: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  out[0] = out[1] = out[2] = 0;
  for (let n = 0; n < BUMPS.length; n++) {
    const { centreLps: c, amplitudeMm: a, sigmaMm: s } = BUMPS[n];
    const dx = p[0] - c[0], dy = p[1] - c[1], dz = p[2] - c[2];
    const r2 = (dx * dx + dy * dy + dz * dz) / (s * s);
    // Past 4σ a bump moves a point by < 2 µm: skipped, for speed.
    if (r2 > 16) continue;
    const w = Math.exp(-0.5 * r2);
    out[0] += w * a[0];
    out[1] += w * a[1];
    out[2] += w * a[2];
  }
  return out;
}

const _b: Vec3 = [0, 0, 0];

/** The true fixed → moving map, in the convention of DisplacementField: GLOBAL_MOTION · (p + b(p)). */
export function trueFixedToMoving(p: Vec3, out: Vec3 = [0, 0, 0]): Vec3 {
  bumpDisplacement(p, _b);
  return transformPoint(GLOBAL_MOTION, [p[0] + _b[0], p[1] + _b[1], p[2] + _b[2]], out);
}

/** One volume to deform and how to sample it. */
export interface DeformInput {
  volume: Volume;
  interpolation: 'linear' | 'nearest';
}

/**
 * The volumes (on one grid) as the deformed "follow-up", on that grid carried along by the rigid
 * part (indexToWorld = GLOBAL_MOTION · grid, as a scanner frame that moved with the patient, so
 * the field of view covers the same anatomy and no band of made-up air appears at its edge):
 * moving(y) = v(T⁻¹(y)), T⁻¹ found per voxel by the fixed-point iteration x ← z − b(x),
 * z = GLOBAL_MOTION⁻¹ · y (a contraction: |∇b| ≤ 0.11, so 5 rounds leave < 1e-4 mm), once for
 * all the volumes. Points past the edge take the edge voxel.
 */
export function deformVolumes(inputs: DeformInput[]): Volume[] {
  const v = inputs[0].volume;
  const [nx, ny, nz] = v.dimensions;
  const outs = inputs.map((input) => allocVoxels(voxelTypeOf(input.volume.voxels), input.volume.voxels.length));
  const toFixedIndex = mat4Invert(v.indexToWorld);
  const z: Vec3 = [0, 0, 0], x: Vec3 = [0, 0, 0], ijk: Vec3 = [0, 0, 0];
  const m = v.indexToWorld;
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        // y = GLOBAL_MOTION · m · (i, j, k), so z = GLOBAL_MOTION⁻¹ · y = m · (i, j, k).
        z[0] = m[0] * i + m[4] * j + m[8] * k + m[12];
        z[1] = m[1] * i + m[5] * j + m[9] * k + m[13];
        z[2] = m[2] * i + m[6] * j + m[10] * k + m[14];
        x[0] = z[0]; x[1] = z[1]; x[2] = z[2];
        for (let r = 0; r < 5; r++) {
          bumpDisplacement(x, _b);
          x[0] = z[0] - _b[0]; x[1] = z[1] - _b[1]; x[2] = z[2] - _b[2];
        }
        transformPoint(toFixedIndex, x, ijk);
        const a = Math.min(Math.max(ijk[0], 0), nx - 1), b = Math.min(Math.max(ijk[1], 0), ny - 1), c = Math.min(Math.max(ijk[2], 0), nz - 1);
        for (let q = 0; q < inputs.length; q++) {
          const { volume, interpolation } = inputs[q];
          const out = outs[q];
          if (interpolation === 'nearest') out[n] = volume.voxels[Math.round(a) + nx * (Math.round(b) + ny * Math.round(c))];
          else {
            const value = trilinearAt(volume.voxels, v.dimensions, a, b, c);
            out[n] = out instanceof Float32Array || out instanceof Float64Array ? value : Math.round(value);
          }
        }
      }
    }
  }
  const indexToWorld = mat4Multiply(GLOBAL_MOTION, v.indexToWorld);
  return inputs.map(({ volume }, q) => ({ ...volume, voxels: outs[q], indexToWorld, meta: { ...volume.meta, warnings: [] } }));
}
