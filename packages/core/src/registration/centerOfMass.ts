import type { Vec3 } from '../math/Vec3.ts';
import type { Volume } from '../volume/Volume.ts';

/**
 * The intensity-weighted centre (LPS mm) of the voxels above `floor` (weights v − floor), e.g.
 * the body in a CT with the air at the floor: where moment-based initialisation aligns two scans.
 */
export function centerOfMass(v: Volume, floor: number): Vec3 {
  const [nx, ny, nz] = v.dimensions;
  const vox = v.voxels;
  let sw = 0, si = 0, sj = 0, sk = 0;
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        const w = vox[n] - floor;
        if (w <= 0) continue;
        sw += w; si += w * i; sj += w * j; sk += w * k;
      }
    }
  }
  const m = v.indexToWorld;
  const [i, j, k] = sw > 0 ? [si / sw, sj / sw, sk / sw] : [(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2];
  return [0, 1, 2].map((r) => m[r] * i + m[4 + r] * j + m[8 + r] * k + m[12 + r]) as Vec3;
}
