/** Vertex adjacency in compressed sparse rows: the neighbours of v are `neighbours[offsets[v] … offsets[v + 1])`. */
export interface VertexNeighbours {
  offsets: Uint32Array;
  neighbours: Uint32Array;
}

/**
 * The vertices joined to each vertex by a triangle edge, each once, in increasing order. Built
 * with two passes over the triangles and no per-vertex allocation.
 */
export function vertexNeighbours(indices: Uint32Array, vertexCount: number): VertexNeighbours {
  // Every triangle edge counted from both ends: an upper bound of each row (a closed mesh lists
  // every neighbour twice, once per triangle on either side of the edge).
  const bound = new Uint32Array(vertexCount + 1);
  for (let t = 0; t < indices.length; t++) bound[indices[t] + 1] += 2;
  for (let v = 0; v < vertexCount; v++) bound[v + 1] += bound[v];
  const raw = new Uint32Array(bound[vertexCount]);
  const fill = bound.slice(0, vertexCount);
  for (let t = 0; t < indices.length; t += 3) {
    const a = indices[t], b = indices[t + 1], c = indices[t + 2];
    raw[fill[a]++] = b; raw[fill[a]++] = c;
    raw[fill[b]++] = c; raw[fill[b]++] = a;
    raw[fill[c]++] = a; raw[fill[c]++] = b;
  }
  const offsets = new Uint32Array(vertexCount + 1);
  let out = 0;
  for (let v = 0; v < vertexCount; v++) {
    const s = bound[v], e = bound[v + 1];
    // Insertion sort of a short row (a dozen entries), then keep the first of each run.
    for (let x = s + 1; x < e; x++) {
      const key = raw[x];
      let y = x - 1;
      while (y >= s && raw[y] > key) { raw[y + 1] = raw[y]; y--; }
      raw[y + 1] = key;
    }
    offsets[v] = out;
    for (let x = s; x < e; x++) if (x === s || raw[x] !== raw[x - 1]) raw[out++] = raw[x];
  }
  offsets[vertexCount] = out;
  return { offsets, neighbours: raw.slice(0, out) };
}
