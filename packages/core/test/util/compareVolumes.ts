import { type Mat4, mat4Invert, transformPoint, type Vec3, type Volume } from '../../src/index.ts';

/** How the voxels of one volume map onto another's: a signed axis permutation plus an integer offset. */
export interface GridMapping {
  /** ref index axis for each of our axes. */
  axis: [number, number, number];
  /** +1 / −1 per our axis. */
  sign: [number, number, number];
  /** ref index of our voxel (0,0,0). */
  offset: [number, number, number];
  /** Largest distance (mm) between one of our 8 corner voxel centres and the ref voxel centre it maps to. */
  cornerErrorMm: number;
}

/**
 * Map our grid onto a reference grid through world space. Throws when the grids are not the
 * same lattice (not a signed permutation of axes with whole-voxel offsets).
 */
export function mapGrid(ours: Volume, refIndexToWorld: Mat4, refDims: number[]): GridMapping {
  const refInv = mat4Invert(refIndexToWorld);
  const toRef = (p: Vec3) => transformPoint(refInv, transformPoint(ours.indexToWorld, p));
  const o = toRef([0, 0, 0]);
  const axis = [0, 0, 0] as [number, number, number];
  const sign = [1, 1, 1] as [number, number, number];
  for (let a = 0; a < 3; a++) {
    const e: Vec3 = [0, 0, 0];
    e[a] = 1;
    const p = toRef(e);
    const d = [p[0] - o[0], p[1] - o[1], p[2] - o[2]];
    let best = 0;
    for (let b = 1; b < 3; b++) if (Math.abs(d[b]) > Math.abs(d[best])) best = b;
    if (Math.abs(Math.abs(d[best]) - 1) > 1e-3) throw new Error(`axis ${a} maps to a step of ${d.map((x) => x.toFixed(4))} ref voxels, not ±1 along one axis`);
    axis[a] = best;
    sign[a] = d[best] > 0 ? 1 : -1;
  }
  const offset = o.map(Math.round) as [number, number, number];
  let cornerErrorMm = 0;
  const n = ours.dimensions;
  for (let c = 0; c < 8; c++) {
    const ijk: Vec3 = [c & 1 ? n[0] - 1 : 0, c & 2 ? n[1] - 1 : 0, c & 4 ? n[2] - 1 : 0];
    const world = transformPoint(ours.indexToWorld, ijk);
    const r: Vec3 = [0, 0, 0];
    for (let a = 0; a < 3; a++) r[axis[a]] = offset[axis[a]] + sign[a] * ijk[a];
    for (let a = 0; a < 3; a++) if (r[a] < 0 || r[a] >= refDims[a]) throw new Error(`corner ${ijk} maps outside the reference grid (${r})`);
    const rw = transformPoint(refIndexToWorld, r);
    cornerErrorMm = Math.max(cornerErrorMm, Math.hypot(rw[0] - world[0], rw[1] - world[1], rw[2] - world[2]));
  }
  return { axis, sign, offset, cornerErrorMm };
}

/** Compare every voxel of ours with the reference voxel it maps to; returns max |difference| and how many differ. */
export function compareValues(ours: Volume, ref: Volume, m: GridMapping): { maxAbs: number; differing: number; count: number } {
  const [nx, ny, nz] = ours.dimensions;
  const [rx, ry] = ref.dimensions;
  const stride = [1, rx, rx * ry];
  const base = m.offset[0] * stride[0] + m.offset[1] * stride[1] + m.offset[2] * stride[2];
  const si = m.sign[0] * stride[m.axis[0]], sj = m.sign[1] * stride[m.axis[1]], sk = m.sign[2] * stride[m.axis[2]];
  let maxAbs = 0, differing = 0, n = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      let r = base + k * sk + j * sj;
      let o = (k * ny + j) * nx;
      for (let i = 0; i < nx; i++, r += si, o++) {
        const d = Math.abs(ours.voxels[o] - ref.voxels[r]);
        if (d > 0) differing++;
        if (d > maxAbs) maxAbs = d;
        n++;
      }
    }
  }
  return { maxAbs, differing, count: n };
}
