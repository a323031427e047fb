import { checkMesh, type Mesh } from '../Mesh.ts';
import { closestPointOnTriangle } from './closestPointOnTriangle.ts';

/** Triangles per leaf: a few exact tests are cheaper than one more level of boxes. */
const LEAF_SIZE = 4;
/** Deep enough for any median-split tree of up to 2³² triangles (depth ≤ 31) with siblings pushed. */
const STACK_SIZE = 128;
/** Stand-in for a zero ray direction component, so that slab tests never compute 0·∞. */
const TINY = 1e-30;

/**
 * A bounding volume hierarchy over a mesh's triangles for exact nearest-point and ray queries:
 * a binary tree split at the median centroid along the longest axis, in depth-first order (a
 * node's left child is the next node), leaves of up to 4 triangles whose corners are packed in
 * leaf order. Queries visit the nearer child first and prune by the best distance so far; they
 * allocate nothing. Built in O(n log n); the mesh is not kept.
 *
 * @example
 * const bvh = new TriangleBvh(vessel);
 * const hit = new Float64Array(5);
 * bvh.nearest(x, y, z, Infinity, hit); // hit: closest point, squared distance, feature
 */
export class TriangleBvh {
  /** Triangles in leaf order: 9 coordinates each (a, b, c). */
  readonly corners: Float64Array;
  /** The mesh's index of the triangle in each leaf slot. */
  readonly triangleOf: Uint32Array;
  /** The three vertex indices of the triangle in each leaf slot. */
  private readonly vertices: Uint32Array;
  /** Per node: min x, y, z, max x, y, z. */
  private readonly bounds: Float64Array;
  /** Per node: the right child (inner node) or the first leaf slot (leaf). */
  private readonly first: Int32Array;
  /** Per node: 0 for an inner node, else the leaf's triangle count. */
  private readonly count: Int32Array;
  private readonly stack = new Int32Array(STACK_SIZE);
  private readonly stackKey = new Float64Array(STACK_SIZE);
  private readonly scratch = new Float64Array(5);
  private nodeCount = 0;

  constructor(mesh: Mesh) {
    checkMesh(mesh, 'TriangleBvh');
    const { positions: p, indices } = mesh;
    const n = indices.length / 3;
    const centroids = new Float64Array(3 * n);
    const triBounds = new Float64Array(6 * n);
    for (let t = 0; t < n; t++) {
      const a = 3 * indices[3 * t], b = 3 * indices[3 * t + 1], c = 3 * indices[3 * t + 2];
      for (let d = 0; d < 3; d++) {
        const x = p[a + d], y = p[b + d], z = p[c + d];
        triBounds[6 * t + d] = Math.min(x, y, z);
        triBounds[6 * t + 3 + d] = Math.max(x, y, z);
        centroids[3 * t + d] = (x + y + z) / 3;
      }
    }
    const order = new Uint32Array(n);
    for (let t = 0; t < n; t++) order[t] = t;
    // A binary tree with at most n leaves has at most 2n − 1 nodes.
    const maxNodes = Math.max(1, 2 * n - 1);
    this.bounds = new Float64Array(6 * maxNodes);
    this.first = new Int32Array(maxNodes);
    this.count = new Int32Array(maxNodes);
    this.nodeCount = 1;
    if (n > 0) this.buildNode(0, 0, n, order, centroids, triBounds);
    else this.bounds.set([Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity]);

    this.corners = new Float64Array(9 * n);
    this.vertices = new Uint32Array(3 * n);
    for (let s = 0; s < n; s++) {
      const t = order[s];
      for (let q = 0; q < 3; q++) {
        const v = indices[3 * t + q];
        this.vertices[3 * s + q] = v;
        this.corners[9 * s + 3 * q] = p[3 * v];
        this.corners[9 * s + 3 * q + 1] = p[3 * v + 1];
        this.corners[9 * s + 3 * q + 2] = p[3 * v + 2];
      }
    }
    this.triangleOf = order;
  }

  /** Triangles in the tree. */
  get triangleCount(): number {
    return this.triangleOf.length;
  }

  /** Vertex `corner` (0, 1, 2: a, b, c) of the triangle in leaf slot `slot`, as the mesh numbers it. */
  triangleVertex(slot: number, corner: number): number {
    return this.vertices[3 * slot + corner];
  }

  /**
   * The nearest point of the mesh to p closer than √maxDistanceSq: returns its leaf slot (−1 if
   * none) and writes the point (out[0 … 2]), the squared distance (out[3]) and the triangle
   * feature (out[4], `TRIANGLE_FEATURE`). `hintSlot`, e.g. the answer for the previous of a run
   * of nearby points, is tested first so that the search starts with a tight bound.
   */
  nearest(px: number, py: number, pz: number, maxDistanceSq: number, out: Float64Array, hintSlot = -1): number {
    const { bounds, first, count, corners, stack, stackKey, scratch } = this;
    let best = maxDistanceSq, bestSlot = -1;
    if (hintSlot >= 0 && hintSlot < this.triangleOf.length) {
      closestPointOnTriangle(px, py, pz, corners, 9 * hintSlot, scratch);
      if (scratch[3] < best) {
        best = scratch[3];
        bestSlot = hintSlot;
        out.set(scratch);
      }
    }
    if (this.triangleOf.length === 0) return -1;
    let sp = 0;
    stack[sp] = 0;
    stackKey[sp++] = boxDistanceSq(bounds, 0, px, py, pz);
    while (sp > 0) {
      const node = stack[--sp];
      if (stackKey[sp] >= best) continue;
      const c = count[node];
      if (c > 0) {
        for (let s = first[node], end = s + c; s < end; s++) {
          closestPointOnTriangle(px, py, pz, corners, 9 * s, scratch);
          if (scratch[3] < best) {
            best = scratch[3];
            bestSlot = s;
            out.set(scratch);
          }
        }
        continue;
      }
      const l = node + 1, r = first[node];
      sp = this.pushChildren(sp, l, r, boxDistanceSq(bounds, l, px, py, pz), boxDistanceSq(bounds, r, px, py, pz), best);
    }
    return bestSlot;
  }

  /**
   * Push a node's children that may still beat `best`, keyed by their distance (or ray entry),
   * the farther first so that the nearer one is searched first and tightens `best`. Returns the
   * new stack size.
   */
  private pushChildren(sp: number, l: number, r: number, kl: number, kr: number, best: number): number {
    const { stack, stackKey } = this;
    const far = kl <= kr ? r : l, near = kl <= kr ? l : r;
    const kFar = kl <= kr ? kr : kl, kNear = kl <= kr ? kl : kr;
    if (kFar < best) {
      stack[sp] = far;
      stackKey[sp++] = kFar;
    }
    if (kNear < best) {
      stack[sp] = near;
      stackKey[sp++] = kNear;
    }
    return sp;
  }

  /**
   * The first triangle hit by the ray o + t·d, 0 < t < tMax (d need not be unit; t is in its
   * units), either side facing, skipping triangles that use vertex `skipVertex` (the ray's own
   * vertex; −1: none). Returns the leaf slot (−1 if none) and writes t to out[0].
   */
  raycast(ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tMax: number, skipVertex: number, out: Float64Array): number {
    const { bounds, first, count, corners, vertices, stack, stackKey } = this;
    if (this.triangleOf.length === 0) return -1;
    const ix = 1 / (dx === 0 ? TINY : dx), iy = 1 / (dy === 0 ? TINY : dy), iz = 1 / (dz === 0 ? TINY : dz);
    let best = tMax, bestSlot = -1;
    let sp = 0;
    stack[sp] = 0;
    stackKey[sp++] = slabEntry(bounds, 0, ox, oy, oz, ix, iy, iz, best);
    while (sp > 0) {
      const node = stack[--sp];
      if (stackKey[sp] >= best) continue;
      const c = count[node];
      if (c > 0) {
        for (let s = first[node], end = s + c; s < end; s++) {
          if (vertices[3 * s] === skipVertex || vertices[3 * s + 1] === skipVertex || vertices[3 * s + 2] === skipVertex) continue;
          const t = rayTriangle(ox, oy, oz, dx, dy, dz, corners, 9 * s);
          if (t > 0 && t < best) {
            best = t;
            bestSlot = s;
          }
        }
        continue;
      }
      const l = node + 1, r = first[node];
      sp = this.pushChildren(sp, l, r, slabEntry(bounds, l, ox, oy, oz, ix, iy, iz, best), slabEntry(bounds, r, ox, oy, oz, ix, iy, iz, best), best);
    }
    out[0] = best;
    return bestSlot;
  }

  private buildNode(node: number, start: number, end: number, order: Uint32Array, centroids: Float64Array, triBounds: Float64Array): void {
    const b = this.bounds, o = 6 * node;
    let cx0 = Infinity, cy0 = Infinity, cz0 = Infinity, cx1 = -Infinity, cy1 = -Infinity, cz1 = -Infinity;
    b[o] = b[o + 1] = b[o + 2] = Infinity;
    b[o + 3] = b[o + 4] = b[o + 5] = -Infinity;
    for (let s = start; s < end; s++) {
      const t = order[s];
      for (let d = 0; d < 3; d++) {
        if (triBounds[6 * t + d] < b[o + d]) b[o + d] = triBounds[6 * t + d];
        if (triBounds[6 * t + 3 + d] > b[o + 3 + d]) b[o + 3 + d] = triBounds[6 * t + 3 + d];
      }
      const x = centroids[3 * t], y = centroids[3 * t + 1], z = centroids[3 * t + 2];
      if (x < cx0) cx0 = x;
      if (x > cx1) cx1 = x;
      if (y < cy0) cy0 = y;
      if (y > cy1) cy1 = y;
      if (z < cz0) cz0 = z;
      if (z > cz1) cz1 = z;
    }
    const ex = cx1 - cx0, ey = cy1 - cy0, ez = cz1 - cz0;
    if (end - start <= LEAF_SIZE || !(ex > 0 || ey > 0 || ez > 0)) {
      // Small, or all centroids coincide (no split separates them): a leaf, however many.
      this.first[node] = start;
      this.count[node] = end - start;
      return;
    }
    const axis = ex >= ey && ex >= ez ? 0 : ey >= ez ? 1 : 2;
    const mid = (start + end) >> 1;
    selectMedian(order, start, end, mid, centroids, axis);
    const left = this.nodeCount++;
    this.buildNode(left, start, mid, order, centroids, triBounds);
    const right = this.nodeCount++;
    this.first[node] = right;
    this.count[node] = 0;
    this.buildNode(right, mid, end, order, centroids, triBounds);
  }
}

/** Squared distance from p to node n's box (0 inside). */
function boxDistanceSq(b: Float64Array, n: number, px: number, py: number, pz: number): number {
  const o = 6 * n;
  const dx = px < b[o] ? b[o] - px : px > b[o + 3] ? px - b[o + 3] : 0;
  const dy = py < b[o + 1] ? b[o + 1] - py : py > b[o + 4] ? py - b[o + 4] : 0;
  const dz = pz < b[o + 2] ? b[o + 2] - pz : pz > b[o + 5] ? pz - b[o + 5] : 0;
  return dx * dx + dy * dy + dz * dz;
}

/** Where the ray enters node n's box (0 if it starts inside); Infinity if it misses it before tMax. */
function slabEntry(b: Float64Array, n: number, ox: number, oy: number, oz: number, ix: number, iy: number, iz: number, tMax: number): number {
  const o = 6 * n;
  let t0 = (b[o] - ox) * ix, t1 = (b[o + 3] - ox) * ix;
  let lo = t0 < t1 ? t0 : t1, hi = t0 < t1 ? t1 : t0;
  t0 = (b[o + 1] - oy) * iy;
  t1 = (b[o + 4] - oy) * iy;
  lo = Math.max(lo, t0 < t1 ? t0 : t1);
  hi = Math.min(hi, t0 < t1 ? t1 : t0);
  t0 = (b[o + 2] - oz) * iz;
  t1 = (b[o + 5] - oz) * iz;
  lo = Math.max(lo, t0 < t1 ? t0 : t1);
  hi = Math.min(hi, t0 < t1 ? t1 : t0);
  if (lo < 0) lo = 0;
  return lo <= hi && lo < tMax ? lo : Infinity;
}

/** Möller–Trumbore: the ray parameter of the hit with the triangle at `o` in `tri`, either side facing; NaN if none. */
function rayTriangle(ox: number, oy: number, oz: number, dx: number, dy: number, dz: number, tri: Float64Array, o: number): number {
  const ax = tri[o], ay = tri[o + 1], az = tri[o + 2];
  const e1x = tri[o + 3] - ax, e1y = tri[o + 4] - ay, e1z = tri[o + 5] - az;
  const e2x = tri[o + 6] - ax, e2y = tri[o + 7] - ay, e2z = tri[o + 8] - az;
  const px = dy * e2z - dz * e2y, py = dz * e2x - dx * e2z, pz = dx * e2y - dy * e2x;
  const det = e1x * px + e1y * py + e1z * pz;
  if (det === 0) return NaN;
  const inv = 1 / det;
  const sx = ox - ax, sy = oy - ay, sz = oz - az;
  const u = (sx * px + sy * py + sz * pz) * inv;
  if (u < 0 || u > 1) return NaN;
  const qx = sy * e1z - sz * e1y, qy = sz * e1x - sx * e1z, qz = sx * e1y - sy * e1x;
  const v = (dx * qx + dy * qy + dz * qz) * inv;
  if (v < 0 || u + v > 1) return NaN;
  return (e2x * qx + e2y * qy + e2z * qz) * inv;
}

/** Reorders order[start … end) so that order[k] has the k-th smallest centroid along `axis` (Hoare quickselect). */
function selectMedian(order: Uint32Array, start: number, end: number, k: number, centroids: Float64Array, axis: number): void {
  let lo = start, hi = end - 1;
  while (hi > lo) {
    const pivot = centroids[3 * order[(lo + hi) >> 1] + axis];
    let i = lo, j = hi;
    while (i <= j) {
      while (centroids[3 * order[i] + axis] < pivot) i++;
      while (centroids[3 * order[j] + axis] > pivot) j--;
      if (i <= j) {
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
