import type { Dims3 } from '../../math/Vec3.ts';
import { fillHolesAxial } from './fillHolesAxial.ts';

/**
 * Fill the holes a mask encloses in axial slices that are at most `maxAreaMm2` each (vessels in
 * a lung), leaving larger ones (the liver dome a lung base wraps around) open. In place.
 */
export function fillSmallHoles2D(mask: Uint8Array, dims: Dims3, pixelMm2: number, maxAreaMm2: number): Uint8Array {
  const holes = fillHolesAxial(mask.slice(), dims);
  const [nx, ny, nz] = dims;
  const nxy = nx * ny;
  const maxPixels = maxAreaMm2 / pixelMm2;
  const stack = new Int32Array(nxy);
  const members = new Int32Array(nxy);
  for (let p = 0; p < holes.length; p++) if (mask[p]) holes[p] = 0;
  for (let k = 0; k < nz; k++) {
    const base = k * nxy;
    for (let q = 0; q < nxy; q++) {
      if (!holes[base + q]) continue;
      // Flood one 4-connected hole, clearing it from `holes` as it goes.
      let top = 0, count = 0;
      holes[base + q] = 0;
      stack[top++] = q;
      while (top > 0) {
        const r = stack[--top];
        members[count++] = r;
        const i = r % nx;
        if (i > 0 && holes[base + r - 1]) { holes[base + r - 1] = 0; stack[top++] = r - 1; }
        if (i < nx - 1 && holes[base + r + 1]) { holes[base + r + 1] = 0; stack[top++] = r + 1; }
        if (r >= nx && holes[base + r - nx]) { holes[base + r - nx] = 0; stack[top++] = r - nx; }
        if (r < nxy - nx && holes[base + r + nx]) { holes[base + r + nx] = 0; stack[top++] = r + nx; }
      }
      if (count <= maxPixels) for (let m = 0; m < count; m++) mask[base + members[m]] = 1;
    }
  }
  return mask;
}
