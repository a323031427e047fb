import { VoxaError } from '../../errors/VoxaError.ts';
import { type Mat4, mat4Invert, transformPoint } from '../../math/Mat4.ts';
import type { Dims3, Point3, Vec3 } from '../../math/Vec3.ts';
import type { VoxelBox } from '../SegmentationHistory.ts';
import { checkGrid, growBox } from './grid.ts';

/** Options of `paintSphere` and `paintCircle`. */
export interface PaintOptions {
  /** Only voxels that are non-zero here may change (an editable region, a threshold mask). */
  editable?: Uint8Array;
}

/** Relative slack on the radius so that voxel centres exactly on the brush's edge are painted. */
const EDGE_SLACK = 1e-9;

/**
 * Paint `value` (0 erases) into the voxels whose centres lie within `radiusMm` of an LPS point.
 * Rows are filled between the roots of the sphere's quadratic, so only the brush's voxels are
 * visited. A brush that covers no voxel centre paints the voxel nearest its centre, so a brush
 * smaller than a voxel still marks one. Returns the index box of the voxels under the brush (for an undo snapshot), or null
 * when the brush misses the grid.
 */
export function paintSphere(
  mask: Uint8Array, dims: Dims3, indexToWorld: Mat4, centreLps: Point3, radiusMm: number, value: number, options: PaintOptions = {},
): VoxelBox | null {
  return paint(mask, dims, indexToWorld, centreLps, null, radiusMm, value, options, 'paintSphere');
}

/**
 * Paint `value` (0 erases) into a disc of `radiusMm` on the plane through `centreLps` with
 * normal `normalLps` (the view plane): voxels whose centres are within the radius of the centre,
 * measured in the plane, and within one voxel step of the plane along the normal, half-open
 * [−t/2, t/2) with t the longest projection of a voxel step onto the normal. That is one voxel
 * per line along the axis closest to the normal: exactly one slice when the plane is a slice.
 * Returns the index box of the voxels under the brush, or null when it misses the grid.
 */
export function paintCircle(
  mask: Uint8Array, dims: Dims3, indexToWorld: Mat4, centreLps: Point3, normalLps: Vec3, radiusMm: number, value: number, options: PaintOptions = {},
): VoxelBox | null {
  const len = Math.hypot(normalLps[0], normalLps[1], normalLps[2]);
  if (!(len > 0) || !Number.isFinite(len)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'paintCircle' }, `normal ${normalLps.join(', ')} must be a non-zero vector`);
  return paint(mask, dims, indexToWorld, centreLps, [normalLps[0] / len, normalLps[1] / len, normalLps[2] / len], radiusMm, value, options, 'paintCircle');
}

function paint(
  mask: Uint8Array, dims: Dims3, m: Mat4, c: Point3, normal: Vec3 | null, radiusMm: number, value: number, options: PaintOptions, where: string,
): VoxelBox | null {
  checkGrid(mask, dims, where);
  if (options.editable) checkGrid(options.editable, dims, where, 'editable');
  if (!(radiusMm >= 0) || !Number.isFinite(radiusMm)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `radius ${radiusMm} mm must be ≥ 0`);
  if (!Number.isInteger(value) || value < 0 || value > 255) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: where }, `value ${value} must be an integer 0…255`);
  const [nx, ny, nz] = dims;
  const ci: Vec3 = [m[0], m[1], m[2]], cj: Vec3 = [m[4], m[5], m[6]], ck: Vec3 = [m[8], m[9], m[10]];
  const inv = mat4Invert(m);
  const centreIjk = transformPoint(inv, c);
  // Half-thickness of the disc's slab along the normal (0 for the sphere: no slab).
  let half = 0, ni = 0, nj = 0, nk = 0;
  if (normal) {
    ni = dot3(ci, normal);
    nj = dot3(cj, normal);
    nk = dot3(ck, normal);
    half = Math.max(Math.abs(ni), Math.abs(nj), Math.abs(nk)) / 2;
  }
  // The index box of the enclosing sphere: along axis a its half-extent is R·|row a of M⁻¹|.
  const reach = Math.hypot(radiusMm, half);
  const lo = [0, 0, 0], hi = [0, 0, 0];
  const size = [nx, ny, nz];
  for (let a = 0; a < 3; a++) {
    const e = reach * Math.hypot(inv[a], inv[4 + a], inv[8 + a]);
    lo[a] = Math.max(0, Math.ceil(centreIjk[a] - e - 1e-9));
    hi[a] = Math.min(size[a] - 1, Math.floor(centreIjk[a] + e + 1e-9));
  }
  const r2 = radiusMm * radiusMm * (1 + EDGE_SLACK) + 1e-12;
  const aa = dot3(ci, ci);
  const editable = options.editable;
  const box = { lo: [nx, ny, nz] as [number, number, number], hi: [-1, -1, -1] as [number, number, number] };
  const mark = (p: number, i: number, j: number, k: number) => {
    if (!editable || editable[p] !== 0) mask[p] = value;
    growBox(box, i, j, k);
  };
  for (let k = lo[2]; k <= hi[2]; k++) {
    for (let j = lo[1]; j <= hi[1]; j++) {
      // World offset from the centre of voxel (0, j, k); along the row it moves by ci per step.
      const q0x = m[12] + j * cj[0] + k * ck[0] - c[0];
      const q0y = m[13] + j * cj[1] + k * ck[1] - c[1];
      const q0z = m[14] + j * cj[2] + k * ck[2] - c[2];
      const qq = q0x * q0x + q0y * q0y + q0z * q0z;
      const cq = ci[0] * q0x + ci[1] * q0y + ci[2] * q0z;
      let i0 = lo[0], i1 = hi[0];
      if (!normal) {
        // |q0 + i·ci|² ≤ R²
        const span = quadraticSpan(aa, 2 * cq, qq - r2);
        if (!span) continue;
        i0 = Math.max(i0, span[0]);
        i1 = Math.min(i1, span[1]);
      } else {
        // In-plane distance: |q|² − (q·n)² ≤ R², with q·n = d0 + i·ni.
        const d0 = q0x * normal[0] + q0y * normal[1] + q0z * normal[2];
        const span = quadraticSpan(aa - ni * ni, 2 * (cq - ni * d0), qq - d0 * d0 - r2);
        if (!span) continue;
        i0 = Math.max(i0, span[0]);
        i1 = Math.min(i1, span[1]);
        // Slab: −half ≤ d0 + i·ni < half.
        if (Math.abs(ni) < 1e-12) {
          if (!(d0 >= -half && d0 < half)) continue;
        } else if (ni > 0) {
          i0 = Math.max(i0, Math.ceil((-half - d0) / ni));
          i1 = Math.min(i1, Math.ceil((half - d0) / ni) - 1);
        } else {
          i0 = Math.max(i0, Math.floor((half - d0) / ni) + 1);
          i1 = Math.min(i1, Math.floor((-half - d0) / ni));
        }
      }
      const row = nx * (j + ny * k);
      for (let i = i0; i <= i1; i++) mark(row + i, i, j, k);
    }
  }
  if (box.hi[0] < 0) {
    // A brush smaller than a voxel, between centres, still paints the voxel nearest its centre.
    const ri = Math.round(centreIjk[0]), rj = Math.round(centreIjk[1]), rk = Math.round(centreIjk[2]);
    if (ri >= 0 && rj >= 0 && rk >= 0 && ri < nx && rj < ny && rk < nz) mark(ri + nx * (rj + ny * rk), ri, rj, rk);
  }
  return box.hi[0] < 0 ? null : box;
}

/**
 * The integers i with a·i² + b·i + c ≤ 0, as [first, last], or null when there are none or they
 * are unbounded the wrong way (a < 0 never happens here). a ≈ 0 means the row runs along the
 * normal of a disc: then the condition does not depend on i.
 */
function quadraticSpan(a: number, b: number, c: number): [number, number] | null {
  if (a <= 1e-12) {
    if (Math.abs(b) > 1e-12) {
      const root = -c / b;
      return b > 0 ? [-Infinity, Math.floor(root)] : [Math.ceil(root), Infinity];
    }
    return c <= 0 ? [-Infinity, Infinity] : null;
  }
  const disc = b * b - 4 * a * c;
  if (disc < 0) return null;
  const s = Math.sqrt(disc);
  const first = Math.ceil((-b - s) / (2 * a));
  const last = Math.floor((-b + s) / (2 * a));
  return first <= last ? [first, last] : null;
}

function dot3(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
