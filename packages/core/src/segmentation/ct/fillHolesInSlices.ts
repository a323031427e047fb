import type { Dims3 } from '../../math/Vec3.ts';

/** Background voxels that a slice-wise fill treats specially (0/1, on the mask's grid). */
export interface SliceFillMasks {
  /** Counts as outside, like the slice's border: it and the background it reaches stay background. */
  outside?: Uint8Array;
  /** Never filled, though it does not open what it touches to the outside. */
  spared?: Uint8Array;
}

/**
 * Fill holes slice by slice across one index axis (0: i, 1: j, 2: k): the background of each
 * slice not 4-connected to the slice's border (or to `outside`) becomes foreground, except
 * `spared` voxels. One slice-sized stack, no queue over the volume. In place; returns how many
 * voxels were filled.
 */
export function fillHolesInSlices(mask: Uint8Array, dims: Dims3, axis: 0 | 1 | 2, masks: SliceFillMasks = {}): number {
  return fillSlices(mask, dims, axis, masks, null);
}

/**
 * With `dirty` (per axis, per slice), only the slices marked across `axis` are filled, their
 * marks cleared, and each filled voxel marks the two slices through it across the other axes.
 */
function fillSlices(mask: Uint8Array, dims: Dims3, axis: 0 | 1 | 2, masks: SliceFillMasks, dirty: Uint8Array[] | null): number {
  const { outside, spared } = masks;
  const strides = [1, dims[0], dims[0] * dims[1]];
  // The slice's in-plane axes: u varies fastest in the slice's scratch arrays, then v.
  const ua = axis === 0 ? 1 : 0, va = axis === 2 ? 1 : 2;
  const nu = dims[ua], nv = dims[va], ns = dims[axis];
  const su = strides[ua], sv = strides[va], ss = strides[axis];
  const reached = new Uint8Array(nu * nv);
  const stack = new Int32Array(nu * nv);
  let filled = 0;
  for (let s = 0; s < ns; s++) {
    if (dirty) {
      if (!dirty[axis][s]) continue;
      dirty[axis][s] = 0;
    }
    const base = s * ss;
    reached.fill(0);
    let top = 0;
    const seed = (q: number, p: number) => {
      if (!mask[p] && !reached[q]) { reached[q] = 1; stack[top++] = q; }
    };
    for (let u = 0; u < nu; u++) { seed(u, base + u * su); seed(u + nu * (nv - 1), base + u * su + (nv - 1) * sv); }
    for (let v = 0; v < nv; v++) { seed(v * nu, base + v * sv); seed(v * nu + nu - 1, base + (nu - 1) * su + v * sv); }
    if (outside) {
      for (let v = 0, q = 0; v < nv; v++) {
        for (let u = 0, p = base + v * sv; u < nu; u++, q++, p += su) if (outside[p]) seed(q, p);
      }
    }
    while (top > 0) {
      const q = stack[--top];
      const u = q % nu;
      const p = base + u * su + ((q - u) / nu) * sv;
      if (u > 0 && !reached[q - 1] && !mask[p - su]) { reached[q - 1] = 1; stack[top++] = q - 1; }
      if (u < nu - 1 && !reached[q + 1] && !mask[p + su]) { reached[q + 1] = 1; stack[top++] = q + 1; }
      if (q >= nu && !reached[q - nu] && !mask[p - sv]) { reached[q - nu] = 1; stack[top++] = q - nu; }
      if (q < nu * (nv - 1) && !reached[q + nu] && !mask[p + sv]) { reached[q + nu] = 1; stack[top++] = q + nu; }
    }
    for (let v = 0, q = 0; v < nv; v++) {
      for (let u = 0, p = base + v * sv; u < nu; u++, q++, p += su) {
        if (reached[q] || mask[p] || (spared && spared[p])) continue;
        mask[p] = 1;
        filled++;
        if (dirty) { dirty[ua][u] = 1; dirty[va][v] = 1; }
      }
    }
  }
  return filled;
}

/**
 * Fill holes in the slices of all three index axes, again and again until none is left: a
 * filling in one orientation can close the outline of a hole in another (a cavity whose wall has
 * a gap in every axial slice, but not in the coronal ones). The result has no hole in any slice
 * of any orientation. In place; returns how many voxels were filled.
 */
export function fillHolesInAllSlices(mask: Uint8Array, dims: Dims3, masks: SliceFillMasks = {}): number {
  // A slice needs another fill only when a fill across another axis changed it.
  const dirty = [new Uint8Array(dims[0]).fill(1), new Uint8Array(dims[1]).fill(1), new Uint8Array(dims[2]).fill(1)];
  let total = 0;
  for (let changed = 1; changed > 0; total += changed) {
    changed = 0;
    for (const axis of [2, 1, 0] as const) changed += fillSlices(mask, dims, axis, masks, dirty);
  }
  return total;
}
