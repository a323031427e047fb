import { VoxaError } from '../errors/VoxaError.ts';
import { analyseTopology } from './checkMeshTopology.ts';
import { computeNormals } from './computeNormals.ts';
import { checkMesh, type Mesh } from './Mesh.ts';
import { vertexNeighbours } from './vertexNeighbours.ts';

/** Options of `decimateMesh`. */
export interface DecimateMeshOptions {
  /** Fraction of the triangles to keep, in (0, 1] (default 0.25). */
  targetRatio?: number;
  /** Stop before a collapse that would move the surface more than this, in mm (default: no limit). */
  maxErrorMm?: number;
  /**
   * Keep a closed 2-manifold input closed and 2-manifold (default true). The simplifier can pinch
   * thin parts (an edge of four triangles, a vertex where two sheets touch, a hole); where it
   * does, the input's vertices within two edges of each defect are locked (farther, doubling,
   * when the defects recur at locked vertices) and the simplification is redone, up to
   * `MAX_LOCK_ROUNDS` passes. `DecimatedMesh.manifold` says whether it worked.
   */
  keepManifold?: boolean;
}

/** Documented defaults of `decimateMesh`. */
export const DECIMATE_MESH_DEFAULTS: Required<DecimateMeshOptions> = { targetRatio: 0.25, maxErrorMm: Infinity, keepManifold: true };

/** Most simplification passes `decimateMesh` makes to keep a mesh manifold. */
export const MAX_LOCK_ROUNDS = 8;

/** What `decimateMesh` returns. */
export interface DecimatedMesh {
  /** The simplified mesh, unused vertices removed; normals recomputed when the input had them. */
  mesh: Mesh;
  /** The largest distance the simplifier moved the surface, mm (meshoptimizer's error estimate). */
  errorMm: number;
  /** Whether the result is closed and 2-manifold (`checkMeshTopology(mesh).manifold`). */
  manifold: boolean;
  /** Input vertices that had to be locked to keep it so. */
  lockedVertices: number;
}

/**
 * Reduce a mesh to about `targetRatio` of its triangles with meshoptimizer's edge-collapse
 * simplifier (quadric error metric; `simplifyWithUpdate`, which also moves the kept vertices to
 * the quadric optimum, so closed surfaces keep their volume much better than by collapsing onto
 * existing vertices). More triangles than asked for remain where the error limit or the locks
 * stop it. Asynchronous because the WebAssembly module loads once.
 */
export async function decimateMesh(mesh: Mesh, options: DecimateMeshOptions = {}): Promise<DecimatedMesh> {
  checkMesh(mesh, 'decimateMesh');
  const targetRatio = options.targetRatio ?? DECIMATE_MESH_DEFAULTS.targetRatio;
  const maxErrorMm = options.maxErrorMm ?? DECIMATE_MESH_DEFAULTS.maxErrorMm;
  const keepManifold = options.keepManifold ?? DECIMATE_MESH_DEFAULTS.keepManifold;
  if (!(targetRatio > 0 && targetRatio <= 1)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'decimateMesh', targetRatio }, 'the target ratio must be in (0, 1]');
  }
  if (!(maxErrorMm >= 0)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { function: 'decimateMesh', maxErrorMm }, 'the error limit must be ≥ 0 mm');
  }
  const simplifier = await loadSimplifier();
  const n = mesh.positions.length / 3;
  const triangles = mesh.indices.length / 3;
  const target = 3 * Math.max(1, Math.round(triangles * targetRatio));
  if (triangles === 0 || target >= mesh.indices.length) {
    return { mesh: { ...mesh }, errorMm: 0, manifold: triangles > 0 && analyseTopology(mesh.indices, n).manifold, lockedVertices: 0 };
  }
  const guard = keepManifold && analyseTopology(mesh.indices, n).manifold;
  const source = separateCoincidentVertices(mesh.positions);
  const lock = new Uint8Array(n);
  let adjacency: ReturnType<typeof vertexNeighbours> | null = null;
  let positions = mesh.positions, indices = mesh.indices, errorMm = 0, manifold = false, radius = 2;
  for (let round = 0; round < MAX_LOCK_ROUNDS; round++) {
    positions = source.slice();
    indices = mesh.indices.slice();
    const [count, error] = simplifier.simplifyWithUpdate(
      indices, positions, 3, new Float32Array(0), 0, [], lock, target, maxErrorMm, ['ErrorAbsolute'],
    );
    indices = indices.subarray(0, count);
    errorMm = error;
    const defects = guard ? new Uint8Array(n) : undefined;
    manifold = analyseTopology(indices, n, defects).manifold;
    if (manifold || !defects) break;
    adjacency ??= vertexNeighbours(mesh.indices, n);
    // Collapses onto a locked vertex are still allowed, so a thin part can pinch again just
    // outside the locks: when every defect is already locked, lock twice as far around.
    let fresh = false;
    for (let v = 0; v < n && !fresh; v++) fresh = defects[v] === 1 && lock[v] === 0;
    if (!fresh) radius *= 2;
    lockAround(defects, adjacency, lock, radius);
  }
  let lockedVertices = 0;
  for (let v = 0; v < n; v++) lockedVertices += lock[v];
  const compact = compactMesh(positions, indices, n);
  return { mesh: mesh.normals ? computeNormals(compact) : compact, errorMm, manifold, lockedVertices };
}

type Simplifier = typeof import('meshoptimizer/simplifier').MeshoptSimplifier;
let simplifierReady: Promise<Simplifier> | null = null;

/** meshoptimizer's simplifier, imported and its WebAssembly compiled on first use only. */
function loadSimplifier(): Promise<Simplifier> {
  simplifierReady ??= import('meshoptimizer/simplifier').then(async ({ MeshoptSimplifier }) => {
    await MeshoptSimplifier.ready;
    return MeshoptSimplifier;
  });
  return simplifierReady;
}

/** Lock every vertex within `radius` edges (in the input) of a defect vertex: a breadth-first search. */
function lockAround(defects: Uint8Array, { offsets, neighbours }: ReturnType<typeof vertexNeighbours>, lock: Uint8Array, radius: number): void {
  const n = defects.length;
  const depth = new Int32Array(n).fill(-1);
  const queue = new Uint32Array(n);
  let size = 0;
  for (let v = 0; v < n; v++) {
    if (defects[v]) {
      depth[v] = 0;
      queue[size++] = v;
    }
  }
  for (let head = 0; head < size; head++) {
    const v = queue[head];
    lock[v] = 1;
    if (depth[v] === radius) continue;
    for (let q = offsets[v]; q < offsets[v + 1]; q++) {
      const u = neighbours[q];
      if (depth[u] >= 0) continue;
      depth[u] = depth[v] + 1;
      queue[size++] = u;
    }
  }
}

/**
 * A copy of the positions in which vertices that sit exactly on another one (smoothing shrinks
 * a component of a few voxels to a point) are moved by a hundred-thousandth of the mesh's size:
 * meshoptimizer takes vertices at one position for the two sides of an attribute seam and
 * collapses them together, which would tear or pinch the surface there. Open addressing on the
 * coordinates' bits; no per-vertex allocation.
 */
function separateCoincidentVertices(positions: Float32Array): Float32Array {
  const out = positions.slice();
  const n = positions.length / 3;
  const bits = new Uint32Array(out.buffer);
  let size = 1;
  while (size < 2 * n) size *= 2;
  const table = new Int32Array(size).fill(-1);
  let lo = Infinity, hi = -Infinity;
  for (let q = 0; q < out.length; q++) {
    if (out[q] < lo) lo = out[q];
    if (out[q] > hi) hi = out[q];
  }
  const step = Math.max(1e-5 * (hi - lo), 1e-4);
  let moved = 0;
  for (let v = 0; v < n; v++) {
    for (;;) {
      const x = bits[3 * v], y = bits[3 * v + 1], z = bits[3 * v + 2];
      let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77) ^ Math.imul(z, 0xc2b2ae3d)) >>> 0;
      let found = -1;
      for (;; h++) {
        const w = table[h & (size - 1)];
        if (w < 0) {
          table[h & (size - 1)] = v;
          break;
        }
        if (bits[3 * w] === x && bits[3 * w + 1] === y && bits[3 * w + 2] === z) {
          found = w;
          break;
        }
      }
      if (found < 0) break;
      // Taken: step along one of the eight diagonals (varied so that a cluster spreads) and retry.
      moved++;
      out[3 * v] += moved & 1 ? step : -step;
      out[3 * v + 1] += moved & 2 ? step : -step;
      out[3 * v + 2] += moved & 4 ? step : -step;
    }
  }
  return out;
}

/** The vertices the triangles use, in their original order, and the triangles renumbered. */
function compactMesh(positions: Float32Array, indices: Uint32Array, n: number): Mesh {
  const isUsed = new Uint8Array(n);
  for (let q = 0; q < indices.length; q++) isUsed[indices[q]] = 1;
  const remap = new Int32Array(n).fill(-1);
  let used = 0;
  for (let v = 0; v < n; v++) if (isUsed[v]) remap[v] = used++;
  const out = new Float32Array(3 * used);
  for (let v = 0; v < n; v++) {
    const w = remap[v];
    if (w >= 0) out.set(positions.subarray(3 * v, 3 * v + 3), 3 * w);
  }
  const outIndices = new Uint32Array(indices.length);
  for (let q = 0; q < indices.length; q++) outIndices[q] = remap[indices[q]];
  return { positions: out, indices: outIndices };
}
