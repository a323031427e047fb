import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { checkGrid, checkSpacing } from './grid.ts';

/** Lines processed together in the strided passes, so that each gathered cache line is used whole. */
const BLOCK = 16;

/**
 * Squared Euclidean distance in mm² from each voxel centre to the nearest voxel centre whose
 * mask value is non-zero (`target` 1, the default) or zero (`target` 0); Infinity when there is
 * none. Exact: one 1D pass along i, then the lower envelope of parabolas (Felzenszwalb &
 * Huttenlocher 2012, "Distance Transforms of Sampled Functions") along j and k, each weighted by
 * its spacing². Linear in the voxel count.
 */
export function squaredDistanceMm2(mask: Uint8Array, dims: Dims3, spacingMm: Vec3, target: 0 | 1 = 1, out?: Float32Array): Float32Array {
  const n = checkGrid(mask, dims, 'squaredDistanceMm2');
  checkSpacing(spacingMm, 'squaredDistanceMm2');
  const d = out && out.length === n ? out : new Float32Array(n);
  const [nx, ny, nz] = dims;
  passI(mask, d, nx, ny * nz, spacingMm[0] * spacingMm[0], target);
  const longest = Math.max(ny, nz);
  const s: Scratch = {
    f: new Float64Array(longest * BLOCK),
    g: new Float64Array(longest),
    v: new Int32Array(longest),
    z: new Float64Array(longest + 1),
  };
  if (ny > 1) {
    // Along j: lines start at i + nx·ny·k, step nx.
    for (let k = 0; k < nz; k++) passStrided(d, k * nx * ny, nx, ny, nx, spacingMm[1] * spacingMm[1], s);
  }
  // Along k: lines start at i + nx·j, step nx·ny.
  if (nz > 1) passStrided(d, 0, nx * ny, nz, nx * ny, spacingMm[2] * spacingMm[2], s);
  return d;
}

/** Exact Euclidean distance in mm from each voxel centre to the nearest non-zero voxel centre: 0 on the mask, Infinity everywhere when the mask is empty. */
export function distanceTransformMm(mask: Uint8Array, dims: Dims3, spacingMm: Vec3): Float32Array {
  const d = squaredDistanceMm2(mask, dims, spacingMm, 1);
  for (let p = 0; p < d.length; p++) d[p] = Math.sqrt(d[p]);
  return d;
}

/**
 * Signed distance in mm between voxel centres: outside the mask (> 0) the distance to the nearest
 * mask voxel centre, inside (< 0) minus the distance to the nearest outside voxel centre. No
 * voxel is 0: a voxel on either side of the boundary is one spacing away from the other side, so
 * the surface (the zero of the linearly interpolated field) lies half a voxel from each centre.
 * Subtract half a spacing for distances to voxel faces. ±Infinity where the other side is absent.
 */
export function signedDistanceMm(mask: Uint8Array, dims: Dims3, spacingMm: Vec3): Float32Array {
  const outside = squaredDistanceMm2(mask, dims, spacingMm, 1);
  const inside = squaredDistanceMm2(mask, dims, spacingMm, 0);
  for (let p = 0; p < outside.length; p++) outside[p] = mask[p] !== 0 ? -Math.sqrt(inside[p]) : Math.sqrt(outside[p]);
  return outside;
}

interface Scratch {
  f: Float64Array;
  g: Float64Array;
  v: Int32Array;
  z: Float64Array;
}

/** First pass along contiguous rows: binary 1D distance by a forward and a backward sweep. */
function passI(mask: Uint8Array, d: Float32Array, nx: number, rows: number, w: number, target: 0 | 1): void {
  const toZero = target === 0;
  for (let r = 0; r < rows; r++) {
    const base = r * nx;
    // Integer bookkeeping (-1 / nx mean "none yet") keeps these loops on small integers.
    let last = -1;
    for (let i = 0; i < nx; i++) {
      if ((mask[base + i] === 0) === toZero) last = i;
      d[base + i] = last < 0 ? Infinity : w * (i - last) * (i - last);
    }
    last = nx;
    for (let i = nx - 1; i >= 0; i--) {
      if ((mask[base + i] === 0) === toZero) last = i;
      if (last < nx) {
        const v = w * (last - i) * (last - i);
        if (v < d[base + i]) d[base + i] = v;
      }
    }
  }
}

/**
 * A pass along lines of `len` voxels `step` apart; lines start at base + l for l < lines.
 * BLOCK neighbouring lines are gathered together so that the reads walk memory in runs.
 */
function passStrided(d: Float32Array, base: number, lines: number, len: number, step: number, w: number, s: Scratch): void {
  const { f, g } = s;
  for (let l0 = 0; l0 < lines; l0 += BLOCK) {
    const nb = Math.min(BLOCK, lines - l0);
    for (let q = 0; q < len; q++) {
      const at = base + l0 + q * step;
      for (let b = 0; b < nb; b++) f[b * len + q] = d[at + b];
    }
    for (let b = 0; b < nb; b++) {
      lowerEnvelope(f, b * len, len, w, g, s.v, s.z);
      f.set(g.subarray(0, len), b * len);
    }
    for (let q = 0; q < len; q++) {
      const at = base + l0 + q * step;
      for (let b = 0; b < nb; b++) d[at + b] = f[b * len + q];
    }
  }
}

/**
 * 1D squared distance of a sampled function: g[q] = min_p w·(q − p)² + f[p], over the sites p
 * where f is finite (infinite sites are skipped, so an all-infinite line stays infinite).
 */
function lowerEnvelope(f: Float64Array, off: number, n: number, w: number, g: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = -1;
  for (let q = 0; q < n; q++) {
    const fq = f[off + q];
    if (fq === Infinity) continue;
    if (k < 0) {
      k = 0;
      v[0] = q;
      z[0] = -Infinity;
      z[1] = Infinity;
      continue;
    }
    const hq = fq + w * q * q;
    let p = v[k];
    let sx = (hq - (f[off + p] + w * p * p)) / (2 * w * (q - p));
    while (sx <= z[k]) {
      k--;
      p = v[k];
      sx = (hq - (f[off + p] + w * p * p)) / (2 * w * (q - p));
    }
    k++;
    v[k] = q;
    z[k] = sx;
    z[k + 1] = Infinity;
  }
  if (k < 0) {
    g.fill(Infinity, 0, n);
    return;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    const p = v[k];
    g[q] = w * (q - p) * (q - p) + f[off + p];
  }
}
