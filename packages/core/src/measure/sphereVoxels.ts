import { VoxaError } from '../errors/VoxaError.ts';
import { type Mat4, mat4Invert, transformPoint } from '../math/Mat4.ts';
import type { Dims3, Vec3 } from '../math/Vec3.ts';

/** The voxels of a sphere centred on a voxel centre, as index offsets from that voxel. */
export interface SphereOffsets {
  /** (di, dj, dk) triples, `count` of them. */
  ijk: Int32Array;
  count: number;
  /** Largest |di|, |dj|, |dk| any offset may have: a centre this far from the grid's edges needs no bounds checks. */
  halfExtent: [number, number, number];
}

/** Half-widths (voxels, rounded down) of the index-space box of a world sphere: r·‖row a of M⁻¹‖ along axis a. */
export function sphereHalfExtent(indexToWorld: Mat4, radiusMm: number): [number, number, number] {
  if (!(radiusMm >= 0)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `sphere radius ${radiusMm} mm must be ≥ 0`);
  const inv = mat4Invert(indexToWorld);
  return [0, 1, 2].map((a) => Math.floor(radiusMm * Math.hypot(inv[a], inv[4 + a], inv[8 + a]) + 1e-9)) as Vec3;
}

/**
 * Offsets of the voxels whose centres lie within `radiusMm` of a voxel's centre, on a grid with
 * this index → LPS matrix (anisotropic or oblique voxels included: distances are measured in mm
 * through the matrix). Voxel-centre inclusion: a voxel counts whole or not at all, so the sphere's
 * discrete volume is `count` × voxel volume, close to 4/3·π·r³ only when voxels are small.
 */
export function sphereOffsets(indexToWorld: Mat4, radiusMm: number): SphereOffsets {
  const m = indexToWorld;
  const [ei, ej, ek] = sphereHalfExtent(m, radiusMm);
  const r2 = radiusMm * radiusMm * (1 + 1e-12); // a voxel exactly on the surface is in
  const out = new Int32Array(3 * (2 * ei + 1) * (2 * ej + 1) * (2 * ek + 1));
  let count = 0;
  for (let dk = -ek; dk <= ek; dk++) {
    for (let dj = -ej; dj <= ej; dj++) {
      for (let di = -ei; di <= ei; di++) {
        const x = m[0] * di + m[4] * dj + m[8] * dk, y = m[1] * di + m[5] * dj + m[9] * dk, z = m[2] * di + m[6] * dj + m[10] * dk;
        if (x * x + y * y + z * z > r2) continue;
        out[3 * count] = di;
        out[3 * count + 1] = dj;
        out[3 * count + 2] = dk;
        count++;
      }
    }
  }
  return { ijk: out.slice(0, 3 * count), count, halfExtent: [ei, ej, ek] };
}

/** The offsets as linear voxel-index steps on a grid of nx × ny columns and rows. */
export function linearOffsets(s: SphereOffsets, nx: number, ny: number): Int32Array {
  const lin = new Int32Array(s.count);
  for (let n = 0; n < s.count; n++) lin[n] = s.ijk[3 * n] + nx * (s.ijk[3 * n + 1] + ny * s.ijk[3 * n + 2]);
  return lin;
}

/** Linear indices of the grid's voxels whose centres lie within `radiusMm` of a point (any point, not only a voxel centre). */
export function voxelsInSphere(dimensions: Dims3, indexToWorld: Mat4, centreLps: Vec3, radiusMm: number): Uint32Array {
  const [nx, ny] = dimensions;
  const m = indexToWorld;
  const c = transformPoint(mat4Invert(m), centreLps);
  const [ei, ej, ek] = sphereHalfExtent(m, radiusMm);
  const r2 = radiusMm * radiusMm * (1 + 1e-12);
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.ceil(c[a] - [ei, ej, ek][a] - 1)));
  const hi = [0, 1, 2].map((a) => Math.min(dimensions[a] - 1, Math.floor(c[a] + [ei, ej, ek][a] + 1)));
  const out: number[] = [];
  for (let k = lo[2]; k <= hi[2]; k++) {
    for (let j = lo[1]; j <= hi[1]; j++) {
      for (let i = lo[0]; i <= hi[0]; i++) {
        const di = i - c[0], dj = j - c[1], dk = k - c[2];
        const x = m[0] * di + m[4] * dj + m[8] * dk, y = m[1] * di + m[5] * dj + m[9] * dk, z = m[2] * di + m[6] * dj + m[10] * dk;
        if (x * x + y * y + z * z <= r2) out.push(i + nx * (j + ny * k));
      }
    }
  }
  return Uint32Array.from(out);
}
