/**
 * The surface inside one grid cube for each of its 256 inside/outside corner patterns, for
 * marching cubes on a binary mask, built so that the whole surface is closed and 2-manifold for
 * any mask:
 *
 * - On each cube face the surface crosses the face in segments between the face's cut edges.
 *   A face with two diagonal inside corners (the ambiguous case) always cuts both inside corners
 *   off, whichever cube looks at it, so the two cubes sharing a face agree on it (no holes).
 * - The segments close into loops; each loop becomes one disk: a fan from its first vertex, or,
 *   when the loop crosses one face twice, a fan around a new vertex at its centre (then a fan
 *   diagonal could also be an edge of the neighbouring cube, and the edge would have four
 *   triangles). Disks of different loops share no vertex.
 *
 * So every edge lies on two triangles and the triangles around a surface vertex (on a cube edge,
 * in the four cubes around it) form one disk. Unlike the classic 15-case table (Lorensen &
 * Cline 1987) nothing can be left open, and the table is built here rather than typed in.
 *
 * Corners are numbered by bits (x = 1, y = 2, z = 4). A surface vertex lies on the cube edge
 * from corner `a` along axis bit `d` (1, 2 or 4), coded `a * 8 + d`. Loops are ordered so that
 * the right-hand normal of each fan triangle points from the inside corners to the outside.
 */
export interface MarchingCubesCases {
  /** Loops of case c: loop indices `caseStart[c] … caseStart[c + 1]`. */
  caseStart: Uint16Array;
  /** Edge codes of loop l: `edges[loopStart[l] … loopStart[l + 1]]`. */
  loopStart: Uint16Array;
  edges: Uint8Array;
  /** 1 when loop l is fanned around a new centre vertex, 0 when from its first vertex. */
  centred: Uint8Array;
  /**
   * The case of a cube from its two x-columns of corners: index `left | right << 4`, a column's
   * 4 bits being its corners (y, z) = (0, 0), (1, 0), (0, 1), (1, 1).
   */
  fromColumns: Uint8Array;
}

type V3 = [number, number, number];
const corner = (c: number): V3 => [c & 1, (c >> 1) & 1, (c >> 2) & 1];
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: V3, b: V3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
/** Code of the cube edge between two corners one axis apart. */
const edgeCode = (u: number, v: number) => Math.min(u, v) * 8 + (u ^ v);
const edgeMid = (u: number, v: number): V3 => corner(u).map((x, i) => (x + corner(v)[i]) / 2) as V3;

function buildCases(): MarchingCubesCases {
  // Faces as 4 corners in cyclic order, with their outward normals.
  const faces: { cyc: number[]; normal: V3 }[] = [];
  for (const [ax, u, w] of [[1, 2, 4], [2, 4, 1], [4, 1, 2]]) {
    for (const s of [0, ax]) {
      const normal: V3 = [0, 0, 0];
      normal[Math.log2(ax)] = s ? 1 : -1;
      faces.push({ cyc: [s, s | u, s | u | w, s | w], normal });
    }
  }
  const caseStart = new Uint16Array(257);
  const loopStart: number[] = [0];
  const edges: number[] = [];
  const centred: number[] = [];
  for (let c = 0; c < 256; c++) {
    const inside = (k: number) => (c >> k) & 1;
    // Directed segments: next[p] = q, and the face each segment lies on.
    const next = new Map<number, number>();
    const faceOf = new Map<number, number>();
    faces.forEach(({ cyc, normal }, f) => {
      const cut: [number, number][] = [];
      for (let i = 0; i < 4; i++) if (inside(cyc[i]) !== inside(cyc[(i + 1) % 4])) cut.push([cyc[i], cyc[(i + 1) % 4]]);
      const pairs: [[number, number], [number, number]][] = [];
      if (cut.length === 2) pairs.push([cut[0], cut[1]]);
      else if (cut.length === 4) {
        // Ambiguous face: cut off each inside corner with the two face edges that meet at it.
        for (let i = 0; i < 4; i++) {
          if (!inside(cyc[i])) continue;
          pairs.push([[cyc[(i + 3) % 4], cyc[i]], [cyc[i], cyc[(i + 1) % 4]]]);
        }
      }
      for (const [e1, e2] of pairs) {
        let p = e1, q = e2;
        // From p's inside corner to its outside one is towards the outside; the boundary of a
        // patch wound outward runs along (in→out) × (face normal).
        const [pin, pout] = inside(p[0]) ? [p[0], p[1]] : [p[1], p[0]];
        const along = cross(sub(corner(pout), corner(pin)), normal);
        if (dot(sub(edgeMid(...q), edgeMid(...p)), along) < 0) [p, q] = [q, p];
        const a = edgeCode(...p), b = edgeCode(...q);
        if (next.has(a)) throw new Error(`marching cubes table: case ${c} edge ${a} has two successors`);
        next.set(a, b);
        faceOf.set(a, f);
      }
    });
    const seen = new Set<number>();
    let loops = 0;
    for (const first of next.keys()) {
      if (seen.has(first)) continue;
      const loop: number[] = [];
      const facesCrossed = new Set<number>();
      let twice = false;
      for (let e = first; !seen.has(e); e = next.get(e)!) {
        seen.add(e);
        loop.push(e);
        const f = faceOf.get(e)!;
        if (facesCrossed.has(f)) twice = true;
        facesCrossed.add(f);
      }
      edges.push(...loop);
      loopStart.push(edges.length);
      centred.push(twice ? 1 : 0);
      loops++;
    }
    caseStart[c + 1] = caseStart[c] + loops;
  }
  const fromColumns = new Uint8Array(256);
  for (let lr = 0; lr < 256; lr++) {
    let c = 0;
    for (let yz = 0; yz < 4; yz++) {
      const left = ((yz & 1) << 1) | ((yz >> 1) << 2); // column bit 0 → y (2), bit 1 → z (4)
      if ((lr >> yz) & 1) c |= 1 << left;
      if ((lr >> (4 + yz)) & 1) c |= 1 << (left | 1);
    }
    fromColumns[lr] = c;
  }
  return {
    caseStart,
    loopStart: Uint16Array.from(loopStart),
    edges: Uint8Array.from(edges),
    centred: Uint8Array.from(centred),
    fromColumns,
  };
}

/** The case table, built at module load (a few thousand operations). */
export const MARCHING_CUBES_CASES: Readonly<MarchingCubesCases> = buildCases();
