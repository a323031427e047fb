import { VoxaError } from '../../errors/VoxaError.ts';
import { checkMesh, type Mesh } from '../Mesh.ts';

/** Options of `findSelfIntersections`. */
export interface FindSelfIntersectionsOptions {
  /** Most intersecting pairs listed in `pairs` (all are counted; default 1000). */
  maxListed?: number;
}

/** Documented defaults of `findSelfIntersections`. */
export const FIND_SELF_INTERSECTIONS_DEFAULTS: Required<FindSelfIntersectionsOptions> = { maxListed: 1000 };

/** What `findSelfIntersections` finds. */
export interface SelfIntersections {
  /** Pairs of triangles that intersect (touching counts). */
  count: number;
  /** The first `maxListed` pairs: triangle indices, two per pair (the smaller first). */
  pairs: Uint32Array;
}

/**
 * Pairs of triangles of a mesh that intersect each other, which a closed surface fit to print
 * never has. Triangles sharing an edge are never tested (they meet along it); triangles sharing one
 * vertex are tested for crossing beyond it; all other pairs with the full triangle–triangle test,
 * coplanar pairs included. "Sharing" is by vertex index or by identical position, so meshes with
 * duplicated vertices (such as pinch points kept manifold) do not report their seams.
 *
 * Candidates come from a uniform grid (cell ≈ the mean triangle extent, at most ~8 cells per
 * triangle), each pair tested once in the cell holding the low corner of the overlap of their
 * boxes; the tests themselves are edge–triangle crossings in double precision, with a tolerance
 * of 1e-9 of the mesh size. Roughly linear in the triangle count for meshes from label maps.
 */
export function findSelfIntersections(mesh: Mesh, options: FindSelfIntersectionsOptions = {}): SelfIntersections {
  checkMesh(mesh, 'findSelfIntersections');
  const maxListed = options.maxListed ?? FIND_SELF_INTERSECTIONS_DEFAULTS.maxListed;
  if (!Number.isInteger(maxListed) || maxListed < 0) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'findSelfIntersections', maxListed }, 'maxListed must be an integer ≥ 0');
  }
  const { positions: p, indices } = mesh;
  const triangles = indices.length / 3;
  const listed: number[] = [];
  let count = 0;
  if (triangles < 2) return { count, pairs: new Uint32Array(0) };

  // Triangle boxes and the mesh's box.
  const box = new Float64Array(6 * triangles);
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  let extentSum = 0;
  for (let t = 0; t < triangles; t++) {
    let ext = 0;
    for (let axis = 0; axis < 3; axis++) {
      const a = p[3 * indices[3 * t] + axis], b = p[3 * indices[3 * t + 1] + axis], c = p[3 * indices[3 * t + 2] + axis];
      const mn = Math.min(a, b, c), mx = Math.max(a, b, c);
      box[6 * t + axis] = mn; box[6 * t + 3 + axis] = mx;
      if (mn < lo[axis]) lo[axis] = mn;
      if (mx > hi[axis]) hi[axis] = mx;
      ext = Math.max(ext, mx - mn);
    }
    extentSum += ext;
  }
  const size = Math.hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
  const eps = 1e-9 * size;
  const grid = buildGrid(box, triangles, lo, hi, Math.max(extentSum / triangles, size * 1e-6, Number.MIN_VALUE));
  const test = new TrianglePairTest(p, eps);

  for (let cell = 0; cell < grid.cellCount; cell++) {
    const start = grid.offsets[cell], end = grid.offsets[cell + 1];
    for (let q = start; q < end; q++) {
      const i = grid.items[q];
      for (let r = q + 1; r < end; r++) {
        const j = grid.items[r];
        if (!boxesOverlap(box, i, j, eps)) continue;
        // Test the pair only in the cell holding the low corner of the boxes' overlap.
        if (grid.cellOf(Math.max(box[6 * i], box[6 * j]), Math.max(box[6 * i + 1], box[6 * j + 1]), Math.max(box[6 * i + 2], box[6 * j + 2])) !== cell) continue;
        if (test.intersects(indices, i, j)) {
          count++;
          if (listed.length < 2 * maxListed) listed.push(Math.min(i, j), Math.max(i, j));
        }
      }
    }
  }
  return { count, pairs: Uint32Array.from(listed) };
}

function boxesOverlap(box: Float64Array, i: number, j: number, eps: number): boolean {
  for (let axis = 0; axis < 3; axis++) {
    if (box[6 * i + axis] > box[6 * j + 3 + axis] + eps || box[6 * j + axis] > box[6 * i + 3 + axis] + eps) return false;
  }
  return true;
}

/** Triangles by grid cell in compressed rows: cell c holds items[offsets[c] … offsets[c+1]). */
interface TriangleGrid {
  cellCount: number;
  offsets: Uint32Array;
  items: Uint32Array;
  cellOf(x: number, y: number, z: number): number;
}

function buildGrid(box: Float64Array, triangles: number, lo: number[], hi: number[], cellSize: number): TriangleGrid {
  let h = cellSize;
  const dims = [0, 0, 0];
  // Keep the cell count near the triangle count (sparse meshes, such as far-apart pieces, would
  // otherwise allocate mostly empty cells).
  for (;;) {
    for (let a = 0; a < 3; a++) dims[a] = Math.max(1, Math.ceil((hi[a] - lo[a]) / h));
    if (dims[0] * dims[1] * dims[2] <= 4 * triangles + 64) break;
    h *= 1.5;
  }
  const [nx, ny, nz] = dims;
  const coord = (v: number, a: number) => Math.min(dims[a] - 1, Math.max(0, Math.floor((v - lo[a]) / h)));
  const cellOf = (x: number, y: number, z: number) => coord(x, 0) + nx * (coord(y, 1) + ny * coord(z, 2));
  const cellCount = nx * ny * nz;
  const offsets = new Uint32Array(cellCount + 1);
  const range = new Int32Array(6);
  const cellsOf = (t: number) => {
    for (let a = 0; a < 3; a++) { range[a] = coord(box[6 * t + a], a); range[3 + a] = coord(box[6 * t + 3 + a], a); }
  };
  for (let t = 0; t < triangles; t++) {
    cellsOf(t);
    for (let k = range[2]; k <= range[5]; k++) for (let j = range[1]; j <= range[4]; j++) for (let i = range[0]; i <= range[3]; i++) offsets[i + nx * (j + ny * k) + 1]++;
  }
  for (let c = 0; c < cellCount; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, cellCount);
  const items = new Uint32Array(offsets[cellCount]);
  for (let t = 0; t < triangles; t++) {
    cellsOf(t);
    for (let k = range[2]; k <= range[5]; k++) for (let j = range[1]; j <= range[4]; j++) for (let i = range[0]; i <= range[3]; i++) items[fill[i + nx * (j + ny * k)]++] = t;
  }
  return { cellCount, offsets, items, cellOf };
}

/**
 * The triangle–triangle test, on scratch arrays reused across pairs (no allocation per pair).
 * Non-coplanar triangles intersect iff an edge of one crosses the other; coplanar ones iff, in
 * the plane, edges cross or one holds a vertex of the other.
 */
class TrianglePairTest {
  private readonly a = new Float64Array(9);
  private readonly b = new Float64Array(9);
  private readonly n = new Float64Array(3);
  constructor(private readonly p: Float32Array, private readonly eps: number) {}

  intersects(indices: Uint32Array, i: number, j: number): boolean {
    const { a, b, p } = this;
    for (let v = 0; v < 3; v++) {
      for (let c = 0; c < 3; c++) {
        a[3 * v + c] = p[3 * indices[3 * i + v] + c];
        b[3 * v + c] = p[3 * indices[3 * j + v] + c];
      }
    }
    // Shared corners, by index or by position.
    let shared = 0, sa = -1, sb = -1;
    for (let u = 0; u < 3; u++) {
      for (let v = 0; v < 3; v++) {
        const same = indices[3 * i + u] === indices[3 * j + v] || (a[3 * u] === b[3 * v] && a[3 * u + 1] === b[3 * v + 1] && a[3 * u + 2] === b[3 * v + 2]);
        if (same) { shared++; sa = u; sb = v; }
      }
    }
    if (shared >= 2) return false;
    if (shared === 1) {
      // Meeting at one corner: they cross beyond it iff the edge opposite it in one crosses the other.
      return this.edgeCrosses(a, (sa + 1) % 3, (sa + 2) % 3, b) || this.edgeCrosses(b, (sb + 1) % 3, (sb + 2) % 3, a);
    }
    if (this.coplanar(a, b)) return this.coplanarOverlap(a, b);
    for (let e = 0; e < 3; e++) {
      if (this.edgeCrosses(a, e, (e + 1) % 3, b) || this.edgeCrosses(b, e, (e + 1) % 3, a)) return true;
    }
    return false;
  }

  /** Unit normal of triangle t into this.n; false when degenerate. */
  private normal(t: Float64Array): boolean {
    const ux = t[3] - t[0], uy = t[4] - t[1], uz = t[5] - t[2];
    const vx = t[6] - t[0], vy = t[7] - t[1], vz = t[8] - t[2];
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    const len = Math.hypot(nx, ny, nz);
    if (!(len > 0)) return false;
    this.n[0] = nx / len; this.n[1] = ny / len; this.n[2] = nz / len;
    return true;
  }

  private coplanar(a: Float64Array, b: Float64Array): boolean {
    if (!this.normal(a)) return false;
    const n = this.n;
    for (let v = 0; v < 3; v++) {
      const d = n[0] * (b[3 * v] - a[0]) + n[1] * (b[3 * v + 1] - a[1]) + n[2] * (b[3 * v + 2] - a[2]);
      if (Math.abs(d) > this.eps) return false;
    }
    return true;
  }

  /** Whether segment (s[u], s[v]) meets triangle t (not in its plane). */
  private edgeCrosses(s: Float64Array, u: number, v: number, t: Float64Array): boolean {
    if (!this.normal(t)) return false;
    const n = this.n, eps = this.eps;
    const px = s[3 * u], py = s[3 * u + 1], pz = s[3 * u + 2];
    const qx = s[3 * v], qy = s[3 * v + 1], qz = s[3 * v + 2];
    const dp = n[0] * (px - t[0]) + n[1] * (py - t[1]) + n[2] * (pz - t[2]);
    const dq = n[0] * (qx - t[0]) + n[1] * (qy - t[1]) + n[2] * (qz - t[2]);
    if ((dp > eps && dq > eps) || (dp < -eps && dq < -eps)) return false;
    if (Math.abs(dp - dq) <= eps) return false; // in (or parallel to) the plane: the coplanar test's case
    const f = dp / (dp - dq);
    const x = px + f * (qx - px), y = py + f * (qy - py), z = pz + f * (qz - pz);
    // Inside when on the inner side of all three edges (the edge normal n × edge points inward).
    for (let e = 0; e < 3; e++) {
      const o = 3 * e, w = 3 * ((e + 1) % 3);
      const ex = t[w] - t[o], ey = t[w + 1] - t[o + 1], ez = t[w + 2] - t[o + 2];
      const ix = n[1] * ez - n[2] * ey, iy = n[2] * ex - n[0] * ez, iz = n[0] * ey - n[1] * ex;
      const len = Math.hypot(ix, iy, iz);
      if ((ix * (x - t[o]) + iy * (y - t[o + 1]) + iz * (z - t[o + 2])) / len < -eps) return false;
    }
    return true;
  }

  /** Coplanar triangles: project on the plane's dominant axis and test in 2D. */
  private coplanarOverlap(a: Float64Array, b: Float64Array): boolean {
    const n = this.n;
    const ax = Math.abs(n[0]), ay = Math.abs(n[1]), az = Math.abs(n[2]);
    // Drop the axis the normal is most along: the projection keeps the triangles' shapes best.
    const x = ax >= ay && ax >= az ? 1 : ay >= az ? 2 : 0;
    const y = ax >= ay && ax >= az ? 2 : ay >= az ? 0 : 1;
    const eps = this.eps;
    for (let e = 0; e < 3; e++) {
      for (let f = 0; f < 3; f++) {
        if (segmentsCross2(a, e, (e + 1) % 3, b, f, (f + 1) % 3, x, y, eps)) return true;
      }
    }
    // One inside the other (no edges cross): a vertex of the inner one lies in the outer one.
    // A triangle without area in the projection holds no point.
    const e2 = eps * eps;
    return (Math.abs(orient2(b, 0, b, 2, 1, x, y)) > e2 && pointInTriangle2(a, 0, b, x, y, eps))
      || (Math.abs(orient2(a, 0, a, 2, 1, x, y)) > e2 && pointInTriangle2(b, 0, a, x, y, eps));
  }
}

function orient2(t: Float64Array, u: number, s: Float64Array, v: number, w: number, x: number, y: number): number {
  return (t[3 * u + x] - s[3 * w + x]) * (s[3 * v + y] - s[3 * w + y]) - (t[3 * u + y] - s[3 * w + y]) * (s[3 * v + x] - s[3 * w + x]);
}

function segmentsCross2(a: Float64Array, a0: number, a1: number, b: Float64Array, b0: number, b1: number, x: number, y: number, eps: number): boolean {
  const e2 = eps * eps;
  const d1 = orient2(a, a0, b, b1, b0, x, y), d2 = orient2(a, a1, b, b1, b0, x, y);
  const d3 = orient2(b, b0, a, a1, a0, x, y), d4 = orient2(b, b1, a, a1, a0, x, y);
  return ((d1 > e2 && d2 < -e2) || (d1 < -e2 && d2 > e2)) && ((d3 > e2 && d4 < -e2) || (d3 < -e2 && d4 > e2));
}

/** Whether vertex `u` of triangle `p` lies in triangle `t` (2D, on axes x, y). */
function pointInTriangle2(p: Float64Array, u: number, t: Float64Array, x: number, y: number, eps: number): boolean {
  const e2 = eps * eps;
  const d0 = orient2(p, u, t, 1, 0, x, y), d1 = orient2(p, u, t, 2, 1, x, y), d2 = orient2(p, u, t, 0, 2, x, y);
  return (d0 >= -e2 && d1 >= -e2 && d2 >= -e2) || (d0 <= e2 && d1 <= e2 && d2 <= e2);
}
