import type { ManifoldToplevel } from 'manifold-3d';
import { checkMeshTopology } from '../checkMeshTopology.ts';
import { checkMesh, type Mesh } from '../Mesh.ts';
import { meshArea, meshVolume } from '../meshMeasures.ts';
import { findSelfIntersections } from './findSelfIntersections.ts';

/** Options of `printabilityReport`. */
export interface PrintabilityReportOptions {
  /** Most self-intersecting triangle pairs listed (all are counted; default 20). */
  maxListedIntersections?: number;
  /** The manifold-3d module, set up; default: loaded once with `loadManifold`. */
  manifold?: ManifoldToplevel;
}

/** Documented defaults of `printabilityReport`. */
export const PRINTABILITY_REPORT_DEFAULTS = { maxListedIntersections: 20 } as const;

/** What `printabilityReport` finds; JSON-serialisable. */
export interface PrintabilityReport {
  vertices: number;
  triangles: number;
  /** Every edge shared by exactly two triangles, none degenerate (our own count). */
  watertight: boolean;
  /** Edges of one triangle (holes). */
  boundaryEdges: number;
  /** Edges of three or more triangles. */
  nonManifoldEdges: number;
  /** Neighbouring triangles walk their shared edges in opposite directions. */
  consistentlyOriented: boolean;
  /** Enclosed volume is positive: normals point out (false for an inside-out surface). */
  outward: boolean;
  /**
   * Triangles without area (vertices coinciding or in a line, to 1e-6 of the mesh size): slicers
   * and admesh drop them ("degenerate facets"). Smoothing shrinks isolated single voxels to a point.
   */
  zeroAreaTriangles: number;
  /** manifold-3d accepted it as an oriented 2-manifold (status NoError). */
  manifold: boolean;
  /** manifold-3d's status: 'NoError', 'NotManifold', … */
  manifoldStatus: string;
  /** Triangle pairs that intersect (`findSelfIntersections`). */
  selfIntersections: number;
  /** The first few such pairs (triangle indices). */
  selfIntersectingPairs: [number, number][];
  /** Signed volume by the divergence theorem (mm³); meaningful when watertight. */
  volumeMm3: number;
  /** manifold-3d's volume (mm³) when it accepted the mesh; equals `volumeMm3` up to rounding. */
  manifoldVolumeMm3: number | null;
  areaMm2: number;
  /** Connected pieces. */
  components: number;
  /** Handles summed over the pieces (0 for sphere-like ones), from the Euler characteristic; null unless watertight. */
  genus: number | null;
  /** Watertight, manifold, outward, free of self-intersections and not empty. */
  printable: boolean;
  /** What stands in the way of printing, one sentence each; empty when printable. */
  problems: string[];
}

let manifoldModule: Promise<ManifoldToplevel> | undefined;

/**
 * manifold-3d's WebAssembly module, instantiated and set up once per process (or page) and
 * shared: it is stateless between calls, so this is a load cache, not a data cache. In browsers
 * the bundler serves `manifold.wasm` beside the module (it is located through `import.meta.url`).
 */
export function loadManifold(): Promise<ManifoldToplevel> {
  manifoldModule ??= import('manifold-3d').then(async ({ default: Module }) => {
    const wasm = await Module();
    wasm.setup();
    return wasm;
  });
  return manifoldModule;
}

/**
 * Whether a mesh can be 3D printed as it is, and its measures: topology from our own edge
 * count (`checkMeshTopology`), manifoldness as manifold-3d judges it (`Manifold` built from the
 * mesh's positions and triangles without merging anything), self-intersections from our
 * triangle–triangle test (manifold-3d assumes there are none, it does not look), volume and
 * area from the triangles, and manifold-3d's volume as a cross-check. Asynchronous because the
 * WebAssembly module loads on first use.
 */
export async function printabilityReport(mesh: Mesh, options: PrintabilityReportOptions = {}): Promise<PrintabilityReport> {
  checkMesh(mesh, 'printabilityReport');
  const wasm = options.manifold ?? await loadManifold();
  const topology = checkMeshTopology(mesh);
  const volumeMm3 = meshVolume(mesh);
  const areaMm2 = meshArea(mesh);
  const maxListed = options.maxListedIntersections ?? PRINTABILITY_REPORT_DEFAULTS.maxListedIntersections;
  const intersections = findSelfIntersections(mesh, { maxListed });
  const { status, volume: manifoldVolumeMm3 } = manifoldCheck(wasm, mesh);
  const triangles = mesh.indices.length / 3;
  const report: PrintabilityReport = {
    vertices: mesh.positions.length / 3,
    triangles,
    watertight: topology.watertight,
    boundaryEdges: topology.boundaryEdges,
    nonManifoldEdges: topology.nonManifoldEdges,
    consistentlyOriented: topology.oriented,
    outward: volumeMm3 > 0,
    zeroAreaTriangles: countZeroAreaTriangles(mesh),
    manifold: status === 'NoError' && triangles > 0,
    manifoldStatus: status,
    selfIntersections: intersections.count,
    selfIntersectingPairs: Array.from({ length: intersections.pairs.length / 2 }, (_, k) => [intersections.pairs[2 * k], intersections.pairs[2 * k + 1]]),
    volumeMm3,
    manifoldVolumeMm3,
    areaMm2,
    components: topology.components,
    genus: topology.watertight ? topology.components - topology.eulerCharacteristic / 2 : null,
    printable: false,
    problems: [],
  };
  report.problems = problemsOf(report, topology.nonManifoldVertices, topology.degenerateTriangles);
  report.printable = report.problems.length === 0;
  return report;
}

function manifoldCheck(wasm: ManifoldToplevel, mesh: Mesh): { status: string; volume: number | null } {
  if (mesh.indices.length === 0) return { status: 'NoError', volume: null };
  const input = new wasm.Mesh({ numProp: 3, vertProperties: mesh.positions, triVerts: mesh.indices });
  let solid;
  try {
    solid = new wasm.Manifold(input);
  } catch (e) {
    // manifold-3d throws a ManifoldError whose code is the status ('NotManifold', …).
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return { status: code, volume: null };
    throw e;
  }
  try {
    const status = solid.status();
    return { status, volume: status === 'NoError' ? solid.volume() : null };
  } finally {
    solid.delete();
  }
}

function countZeroAreaTriangles(mesh: Mesh): number {
  const { positions: p, indices } = mesh;
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (let v = 0; v < p.length; v += 3) {
    for (let a = 0; a < 3; a++) { lo[a] = Math.min(lo[a], p[v + a]); hi[a] = Math.max(hi[a], p[v + a]); }
  }
  // Twice the area against (1e-6 · size)²: float32 positions resolve ~1e-7 of the coordinates.
  const size = Math.hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
  const limit = (1e-6 * size) ** 2;
  let count = 0;
  for (let t = 0; t < indices.length; t += 3) {
    const a = 3 * indices[t], b = 3 * indices[t + 1], c = 3 * indices[t + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    if (Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx) <= limit) count++;
  }
  return count;
}

function problemsOf(r: PrintabilityReport, nonManifoldVertices: number, degenerateTriangles: number): string[] {
  const problems: string[] = [];
  if (r.triangles === 0) problems.push('the mesh is empty');
  if (r.boundaryEdges) problems.push(`${r.boundaryEdges} edge(s) belong to one triangle only: the surface has holes`);
  if (r.nonManifoldEdges) problems.push(`${r.nonManifoldEdges} edge(s) are shared by three or more triangles`);
  if (nonManifoldVertices) problems.push(`${nonManifoldVertices} vertex(es) join surfaces that touch at a point`);
  if (degenerateTriangles) problems.push(`${degenerateTriangles} triangle(s) name a vertex twice`);
  if (r.zeroAreaTriangles) problems.push(`${r.zeroAreaTriangles} triangle(s) have no area (collapsed to a line or a point)`);
  if (!r.consistentlyOriented) problems.push('neighbouring triangles are wound in opposite directions');
  if (r.triangles > 0 && r.watertight && !r.outward) problems.push(`the enclosed volume is ${r.volumeMm3.toPrecision(4)} mm³: the surface is inside out`);
  if (r.triangles > 0 && r.manifoldStatus !== 'NoError') problems.push(`manifold-3d rejects it: ${r.manifoldStatus}`);
  if (r.selfIntersections) problems.push(`${r.selfIntersections} pair(s) of triangles intersect each other`);
  return problems;
}
