import { mix32 } from '../phantom/gaussianNoise.ts';
import type { Vec3 } from '../math/Vec3.ts';
import type { Volume } from '../volume/Volume.ts';
import { trilinearAt } from './trilinear.ts';

/** Where the metric looks: fixed-image points, relative to the transform's centre, and their values. */
export interface RegistrationSamples {
  count: number;
  /** x − c per sample (LPS mm), interleaved xyz. */
  offsetsMm: Float64Array;
  fixedValues: Float32Array;
}

/**
 * `count` points drawn uniformly inside the fixed image's voxel-centre box, at continuous
 * positions (not voxel centres: with identical grids, sampling only at centres makes the metric
 * prefer whole-voxel shifts, the interpolation artefact of Pluim et al. 2000), their values
 * interpolated trilinearly. Deterministic for a seed. `mask` (same grid as `fixed`, nonzero =
 * keep) restricts the points, e.g. to the body.
 */
export function drawSamples(fixed: Volume, count: number, center: Vec3, seed = 1, mask?: Uint8Array): RegistrationSamples {
  const [nx, ny, nz] = fixed.dimensions;
  const m = fixed.indexToWorld;
  const offsetsMm = new Float64Array(3 * count);
  const fixedValues = new Float32Array(count);
  const u = (n: number) => mix32(seed * 0x9e3779b1 + n) / 4294967296;
  let n = 0;
  // A mask that keeps little needs many draws; give up (with fewer samples) rather than loop forever.
  for (let draw = 0; n < count && draw < count * 64; draw++) {
    const x = u(3 * draw) * (nx - 1), y = u(3 * draw + 1) * (ny - 1), z = u(3 * draw + 2) * (nz - 1);
    if (mask && !mask[Math.round(x) + nx * (Math.round(y) + ny * Math.round(z))]) continue;
    fixedValues[n] = trilinearAt(fixed.voxels, fixed.dimensions, x, y, z);
    offsetsMm[3 * n] = m[0] * x + m[4] * y + m[8] * z + m[12] - center[0];
    offsetsMm[3 * n + 1] = m[1] * x + m[5] * y + m[9] * z + m[13] - center[1];
    offsetsMm[3 * n + 2] = m[2] * x + m[6] * y + m[10] * z + m[14] - center[2];
    n++;
  }
  return { count: n, offsetsMm: offsetsMm.subarray(0, 3 * n), fixedValues: fixedValues.subarray(0, n) };
}
