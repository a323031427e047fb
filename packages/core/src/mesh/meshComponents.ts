/** What `meshComponents` finds. */
export interface MeshComponents {
  /** Connected pieces, counting a vertex in no triangle as a piece of its own. */
  count: number;
  /** The piece of each vertex, 0 … count − 1, numbered in the order of each piece's first vertex. */
  component: Uint32Array;
  /** Vertices of each piece. */
  vertexCounts: Uint32Array;
}

/**
 * The connected pieces of a triangle mesh, joined through shared vertices: union-find over the
 * triangles' vertices (path halving, the smaller root kept), on typed arrays; near-linear time.
 * Unlike `checkMeshTopology`'s `components`, a vertex that no triangle uses is a piece of its
 * own here, so that every vertex has one. Indices are not checked (see `checkMesh`).
 */
export function meshComponents(indices: Uint32Array, vertexCount: number): MeshComponents {
  const parent = new Uint32Array(vertexCount);
  for (let v = 0; v < vertexCount; v++) parent[v] = v;
  const root = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  };
  const join = (a: number, b: number): number => {
    if (a === b) return a;
    if (a < b) { parent[b] = a; return a; }
    parent[a] = b;
    return b;
  };
  for (let t = 0; t + 2 < indices.length; t += 3) {
    join(join(root(indices[t]), root(indices[t + 1])), root(indices[t + 2]));
  }
  // Roots are the smallest vertex of their piece, so numbering in vertex order visits each root
  // before the rest of its piece.
  const component = new Uint32Array(vertexCount);
  const counts: number[] = [];
  for (let v = 0; v < vertexCount; v++) {
    const r = root(v);
    const c = r === v ? counts.push(0) - 1 : component[r];
    component[v] = c;
    counts[c]++;
  }
  return { count: counts.length, component, vertexCounts: Uint32Array.from(counts) };
}
