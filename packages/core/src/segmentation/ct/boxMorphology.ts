import type { Dims3, Vec3 } from '../../math/Vec3.ts';

/**
 * Dilation by a box of half-widths `radiusMm` (per axis, rounded to whole voxels): three
 * separable 1D passes, each two sweeps that track the nearest set voxel, so the cost is a few
 * passes over the grid whatever the radius. A box, not a ball: used where speed matters more
 * than the exact shape of the structuring element (bridging gaps, coarse envelopes). Outside the
 * grid counts as empty. 0/1 output.
 */
export function boxDilateMm(mask: Uint8Array, dims: Dims3, spacingMm: Vec3, radiusMm: number | Vec3): Uint8Array {
  const r = voxelRadii(spacingMm, radiusMm);
  let a = new Uint8Array(mask.length);
  for (let p = 0; p < a.length; p++) a[p] = mask[p] !== 0 ? 1 : 0;
  let b = new Uint8Array(mask.length);
  for (let axis = 0; axis < 3; axis++) {
    if (r[axis] === 0 || dims[axis] === 1) continue;
    dilateAxis(a, b, dims, axis, r[axis]);
    [a, b] = [b, a];
  }
  return a;
}

/**
 * Erosion by a box of half-widths `radiusMm`: the complement's dilation. Outside the grid counts
 * as inside, so a mask that touches the grid's edge is not eroded from it. 0/1 output.
 */
export function boxErodeMm(mask: Uint8Array, dims: Dims3, spacingMm: Vec3, radiusMm: number | Vec3): Uint8Array {
  const inv = new Uint8Array(mask.length);
  for (let p = 0; p < inv.length; p++) inv[p] = mask[p] !== 0 ? 0 : 1;
  const d = boxDilateMm(inv, dims, spacingMm, radiusMm);
  for (let p = 0; p < d.length; p++) d[p] ^= 1;
  return d;
}

/** Closing (dilation, then erosion) by a box of half-widths `radiusMm`. 0/1 output. */
export function boxCloseMm(mask: Uint8Array, dims: Dims3, spacingMm: Vec3, radiusMm: number | Vec3): Uint8Array {
  return boxErodeMm(boxDilateMm(mask, dims, spacingMm, radiusMm), dims, spacingMm, radiusMm);
}

function voxelRadii(spacingMm: Vec3, radiusMm: number | Vec3): Vec3 {
  const rm = typeof radiusMm === 'number' ? [radiusMm, radiusMm, radiusMm] : radiusMm;
  return [0, 1, 2].map((a) => Math.max(0, Math.floor(rm[a] / spacingMm[a] + 1e-6))) as Vec3;
}

/** dst = 1 where src has a set voxel within r steps along the axis. */
function dilateAxis(src: Uint8Array, dst: Uint8Array, dims: Dims3, axis: number, r: number): void {
  const [nx, ny, nz] = dims;
  const far = 1 << 30;
  if (axis === 0) {
    for (let row = 0; row < ny * nz; row++) {
      const base = row * nx;
      let last = -far;
      for (let i = 0; i < nx; i++) {
        if (src[base + i]) last = i;
        dst[base + i] = i - last <= r ? 1 : 0;
      }
      last = far;
      for (let i = nx - 1; i >= 0; i--) {
        if (src[base + i]) last = i;
        if (last - i <= r) dst[base + i] = 1;
      }
    }
    return;
  }
  // Axis 1 (j) within each slice, or axis 2 (k) across slices: lanes are contiguous runs.
  const lanes = axis === 1 ? nx : nx * ny;
  const len = axis === 1 ? ny : nz;
  const blocks = axis === 1 ? nz : 1;
  const last = new Int32Array(lanes);
  for (let b = 0; b < blocks; b++) {
    const base = b * nx * ny;
    last.fill(-far);
    for (let t = 0; t < len; t++) {
      const off = base + t * lanes;
      for (let l = 0; l < lanes; l++) {
        if (src[off + l]) last[l] = t;
        dst[off + l] = t - last[l] <= r ? 1 : 0;
      }
    }
    last.fill(far);
    for (let t = len - 1; t >= 0; t--) {
      const off = base + t * lanes;
      for (let l = 0; l < lanes; l++) {
        if (src[off + l]) last[l] = t;
        if (last[l] - t <= r) dst[off + l] = 1;
      }
    }
  }
}
