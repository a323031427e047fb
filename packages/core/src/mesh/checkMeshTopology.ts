import { checkMesh, type Mesh } from './Mesh.ts';
import { vertexNeighbours } from './vertexNeighbours.ts';

/** What `checkMeshTopology` finds. */
export interface MeshTopology {
  /** Every edge is shared by exactly two triangles (and no triangle repeats a vertex). */
  watertight: boolean;
  /** Watertight, and every vertex's triangles form a single fan (a disk around it). */
  manifold: boolean;
  /** Every edge shared by two triangles is walked in opposite directions by them (consistent winding). */
  oriented: boolean;
  /** Edges of exactly one triangle (holes). */
  boundaryEdges: number;
  /** Edges of three or more triangles. */
  nonManifoldEdges: number;
  /** Vertices whose triangles form two or more fans (e.g. two cubes touching at a corner). */
  nonManifoldVertices: number;
  /** Triangles that name a vertex twice. */
  degenerateTriangles: number;
  /** Connected pieces (through shared vertices), counting only vertices used by triangles. */
  components: number;
  /** V − E + F over the vertices used by triangles: 2 per sphere-like piece, 0 per torus. */
  eulerCharacteristic: number;
}

/**
 * Combinatorial checks of a triangle mesh (positions are not looked at): edge multiplicities,
 * vertex fans, winding consistency, components and the Euler characteristic. Near-linear time:
 * the edges are the compressed vertex adjacency, found by binary search in each vertex's row.
 */
export function checkMeshTopology(mesh: Mesh): MeshTopology {
  checkMesh(mesh, 'checkMeshTopology');
  return analyseTopology(mesh.indices, mesh.positions.length / 3);
}

/**
 * The work of `checkMeshTopology` on checked arrays. When `defects` (one byte per vertex) is
 * given, the vertices of every boundary or non-manifold edge, every non-manifold vertex and
 * every degenerate triangle are set to 1 in it.
 */
export function analyseTopology(indices: Uint32Array, n: number, defects?: Uint8Array): MeshTopology {
  const { offsets, neighbours } = vertexNeighbours(indices, n);
  // Per adjacency entry (v, w) with v < w: triangles on the edge, and the sum of their
  // directions (+1 for v → w, −1 for w → v).
  const edgeUses = new Uint32Array(neighbours.length);
  const edgeTurn = new Int32Array(neighbours.length);
  let degenerateTriangles = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t], b = indices[t + 1], c = indices[t + 2];
    if (a === b || b === c || c === a) {
      degenerateTriangles++;
      if (defects) defects[a] = defects[b] = defects[c] = 1;
      continue;
    }
    countEdge(a, b); countEdge(b, c); countEdge(c, a);
  }
  function countEdge(from: number, to: number): void {
    const lo = from < to ? from : to, hi = from < to ? to : from;
    const q = find(neighbours, offsets[lo], offsets[lo + 1], hi);
    edgeUses[q]++;
    edgeTurn[q] += from < to ? 1 : -1;
  }
  let edges = 0, boundaryEdges = 0, nonManifoldEdges = 0, oriented = true;
  for (let v = 0; v < n; v++) {
    for (let q = offsets[v]; q < offsets[v + 1]; q++) {
      if (neighbours[q] < v || edgeUses[q] === 0) continue;
      edges++;
      if (edgeUses[q] === 2) {
        if (edgeTurn[q] !== 0) oriented = false;
        continue;
      }
      if (edgeUses[q] === 1) boundaryEdges++;
      else nonManifoldEdges++;
      if (defects) defects[v] = defects[neighbours[q]] = 1;
    }
  }

  // Triangles around each vertex, to find its fans: two triangles at v are in one fan when they
  // share an edge at v, i.e. their far edges meet in a neighbour of v (union-find on v's row).
  const triStart = new Uint32Array(n + 1);
  for (let q = 0; q < indices.length; q++) triStart[indices[q] + 1]++;
  for (let v = 0; v < n; v++) triStart[v + 1] += triStart[v];
  const triAt = new Uint32Array(indices.length);
  const fill = triStart.slice(0, n);
  for (let q = 0; q < indices.length; q++) triAt[fill[indices[q]]++] = q - (q % 3);
  let maxRow = 0;
  for (let v = 0; v < n; v++) maxRow = Math.max(maxRow, offsets[v + 1] - offsets[v]);
  const parent = new Int32Array(maxRow);
  const root = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  let nonManifoldVertices = 0, usedVertices = 0;
  for (let v = 0; v < n; v++) {
    const s = offsets[v], e = offsets[v + 1];
    if (triStart[v] === triStart[v + 1]) continue;
    usedVertices++;
    for (let q = 0; q < e - s; q++) parent[q] = q;
    for (let x = triStart[v]; x < triStart[v + 1]; x++) {
      const t = triAt[x];
      const a = indices[t], b = indices[t + 1], c = indices[t + 2];
      if (a === b || b === c || c === a) continue;
      const u = a === v ? b : a, w = c === v ? b : c;
      const ru = root(find(neighbours, s, e, u) - s), rw = root(find(neighbours, s, e, w) - s);
      if (ru !== rw) parent[ru] = rw;
    }
    let fans = 0;
    for (let q = 0; q < e - s; q++) if (parent[q] === q) fans++;
    if (fans > 1) {
      nonManifoldVertices++;
      if (defects) defects[v] = 1;
    }
  }

  // Components: union-find over vertices along triangle edges.
  const comp = new Int32Array(n);
  for (let v = 0; v < n; v++) comp[v] = v;
  const croot = (x: number): number => {
    while (comp[x] !== x) x = comp[x] = comp[comp[x]];
    return x;
  };
  for (let t = 0; t < indices.length; t += 3) {
    const ra = croot(indices[t]), rb = croot(indices[t + 1]), rc = croot(indices[t + 2]);
    comp[rb] = ra;
    comp[croot(rc)] = ra;
  }
  let components = 0;
  for (let v = 0; v < n; v++) if (triStart[v] !== triStart[v + 1] && croot(v) === v) components++;

  const faces = indices.length / 3;
  const watertight = boundaryEdges === 0 && nonManifoldEdges === 0 && degenerateTriangles === 0;
  return {
    watertight,
    manifold: watertight && nonManifoldVertices === 0,
    oriented,
    boundaryEdges,
    nonManifoldEdges,
    nonManifoldVertices,
    degenerateTriangles,
    components,
    eulerCharacteristic: usedVertices - edges + (faces - degenerateTriangles),
  };
}

/** Position of `value` in the sorted run a[s … e) (it is known to be there). */
function find(a: Uint32Array, s: number, e: number, value: number): number {
  let lo = s, hi = e - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
