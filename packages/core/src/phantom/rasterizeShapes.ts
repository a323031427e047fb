import type { Mat4 } from '../math/Mat4.ts';
import type { Dims3 } from '../math/Vec3.ts';
import { mat4Invert } from '../math/Mat4.ts';
import { VoxaError } from '../errors/VoxaError.ts';
import type { BoundsLps, PhantomShape, QuadricRows, RasterPiece, ZSeparable } from './shapes/PhantomShape.ts';

/** The voxel grid shapes are painted onto: dimensions and the index → LPS matrix. */
export interface RasterGrid {
  dimensions: Dims3;
  indexToWorld: Mat4;
}

/** How shapes are painted. */
export interface RasterizeOptions {
  /** Blend HU over a linear edge ramp (labels stay crisp either way). */
  partialVolume: boolean;
  /** Width of the edge ramp in mm; undefined: the cube root of the voxel volume. */
  edgeWidthMm: number | undefined;
}

/** Defaults: partial-volume edges one (geometric-mean) voxel wide. */
export const RASTERIZE_DEFAULTS: RasterizeOptions = { partialVolume: true, edgeWidthMm: undefined };

const EPS_AXIS = 1e-12;
/** Without partial volume, the shell evaluated voxel by voxel around a quadric is this thin (mm). */
const MIN_SHELL_MM = 1e-6;

/**
 * Paint shapes, in order, into a label map and a HU map on the same grid. Each piece is visited
 * over its bounding box in index space only. A voxel whose centre is inside (signed distance
 * ≤ 0) takes the shape's label; its HU moves towards the shape's HU by the coverage
 * α = clamp(½ − d/edge, 0, 1), so surfaces are anti-aliased while labels stay crisp.
 */
export function rasterizeShapes(
  grid: RasterGrid,
  labels: Uint8Array,
  hu: Int16Array,
  shapes: readonly PhantomShape[],
  options: Partial<RasterizeOptions> = {},
): void {
  const o = { ...RASTERIZE_DEFAULTS, ...options };
  const m = grid.indexToWorld;
  const [nx, ny, nz] = grid.dimensions;
  if (labels.length !== nx * ny * nz || hu.length !== nx * ny * nz) {
    throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { grid: `${nx}×${ny}×${nz}` }, `label map has ${labels.length} voxels and HU map ${hu.length}, ${nx * ny * nz} expected`);
  }
  const edge = o.edgeWidthMm ?? Math.cbrt(Math.abs(det3(m)));
  const ctx: PaintContext = {
    grid,
    labels,
    hu,
    worldToIndex: mat4Invert(m),
    pv: o.partialVolume,
    cutoff: o.partialVolume ? edge / 2 : 0,
    invEdge: 1 / edge,
    axial: Math.abs(m[2]) < EPS_AXIS && Math.abs(m[6]) < EPS_AXIS && Math.abs(m[8]) < EPS_AXIS && Math.abs(m[9]) < EPS_AXIS,
    scratch: new Float64Array(nx * ny),
    runs: new Int32Array(nx * ny + 2 * ny),
    edges: new Int32Array(nx * ny),
    span: new Float64Array(2),
  };
  for (const shape of shapes) {
    for (const piece of shape.pieces()) paintPiece(ctx, piece);
  }
}

interface PaintContext {
  grid: RasterGrid;
  labels: Uint8Array;
  hu: Int16Array;
  worldToIndex: Mat4;
  pv: boolean;
  /** Distances at or beyond this (mm) leave a voxel untouched. */
  cutoff: number;
  invEdge: number;
  /** i and j span the axial plane and k runs along z: prisms along z can be separated. */
  axial: boolean;
  /** Cross-section distances of a prism, per (i, j) in its bounds. */
  scratch: Float64Array;
  /** Runs of fully-inside voxels of a prism's cross-section: [start, end) offsets in a slice. */
  runs: Int32Array;
  /** Edge (partial-volume) voxels of a prism's cross-section, as offsets into scratch. */
  edges: Int32Array;
  /** Two-number scratch for a row interval. */
  span: Float64Array;
}

/** Inclusive index bounds [i0, j0, k0, i1, j1, k1], or undefined when outside the grid. */
function indexBounds(ctx: PaintContext, b: BoundsLps): number[] | undefined {
  const w = ctx.worldToIndex, dims = ctx.grid.dimensions, margin = ctx.cutoff;
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (let n = 0; n < 8; n++) {
    const x = n & 1 ? b[3] + margin : b[0] - margin;
    const y = n & 2 ? b[4] + margin : b[1] - margin;
    const z = n & 4 ? b[5] + margin : b[2] - margin;
    for (let d = 0; d < 3; d++) {
      const v = w[d] * x + w[4 + d] * y + w[8 + d] * z + w[12 + d];
      if (v < lo[d]) lo[d] = v;
      if (v > hi[d]) hi[d] = v;
    }
  }
  const out = [0, 0, 0, 0, 0, 0];
  for (let d = 0; d < 3; d++) {
    out[d] = Math.max(0, Math.floor(lo[d]));
    out[d + 3] = Math.min(dims[d] - 1, Math.ceil(hi[d]));
    if (out[d] > out[d + 3]) return undefined;
  }
  return out;
}

function paintPiece(ctx: PaintContext, piece: RasterPiece): void {
  const ib = indexBounds(ctx, piece.boundsLps());
  if (!ib) return;
  const separable = ctx.axial ? piece.zSeparable() : undefined;
  if (separable) return paintZSeparable(ctx, piece, separable, ib);
  const quadric = piece.quadricRows();
  if (quadric) return paintQuadric(ctx, piece, quadric, ib);
  const m = ctx.grid.indexToWorld;
  const [nx, ny] = ctx.grid.dimensions;
  const [i0, j0, k0, i1, j1, k1] = ib;
  for (let k = k0; k <= k1; k++) {
    for (let j = j0; j <= j1; j++) {
      const bx = m[12] + j * m[4] + k * m[8];
      const by = m[13] + j * m[5] + k * m[9];
      const bz = m[14] + j * m[6] + k * m[10];
      let n = i0 + nx * (j + ny * k);
      for (let i = i0; i <= i1; i++, n++) {
        paintVoxel(ctx, piece, n, piece.signedDistanceMm(bx + i * m[0], by + i * m[1], bz + i * m[2]));
      }
    }
  }
}

/** Paint one voxel at signed distance d (mm) from the piece's surface. */
function paintVoxel(ctx: PaintContext, piece: RasterPiece, n: number, d: number): void {
  if (ctx.pv ? d >= ctx.cutoff : d > 0) return;
  const label = piece.paint.label;
  if (label !== undefined && d <= 0) ctx.labels[n] = label;
  const target = piece.paint.hu;
  const alpha = ctx.pv ? 0.5 - d * ctx.invEdge : 1;
  ctx.hu[n] = alpha >= 1 ? target : Math.round(ctx.hu[n] + (target - ctx.hu[n]) * alpha);
}

/** Fill voxels n0 … n1 − 1, all fully inside. */
function fillRun(ctx: PaintContext, piece: RasterPiece, n0: number, n1: number): void {
  if (n1 <= n0) return;
  if (piece.paint.label !== undefined) ctx.labels.fill(piece.paint.label, n0, n1);
  ctx.hu.fill(piece.paint.hu, n0, n1);
}

/**
 * Ellipsoids: per index row, the quadratic for the outer level bounds the voxels that can be
 * touched, the one for the inner level the voxels that are fully inside (filled as a run); only
 * the shell between is evaluated voxel by voxel.
 */
function paintQuadric(ctx: PaintContext, piece: RasterPiece, q: QuadricRows, ib: number[]): void {
  const m = ctx.grid.indexToWorld;
  const [nx, ny] = ctx.grid.dimensions;
  const [i0, j0, k0, i1, j1, k1] = ib;
  const [inner, outer] = q.levelsForCutoff(Math.max(ctx.cutoff, MIN_SHELL_MM));
  const span = ctx.span;
  for (let k = k0; k <= k1; k++) {
    for (let j = j0; j <= j1; j++) {
      const bx = m[12] + j * m[4] + k * m[8];
      const by = m[13] + j * m[5] + k * m[9];
      const bz = m[14] + j * m[6] + k * m[10];
      if (!q.lineInterval(bx, by, bz, m[0], m[1], m[2], outer, span)) continue;
      const lo = Math.max(i0, Math.ceil(span[0])), hi = Math.min(i1, Math.floor(span[1]));
      if (lo > hi) continue;
      // The filled run [fillLo, fillHi]; empty (fillLo > hi) when the row misses the deep inside.
      let fillLo = hi + 1, fillHi = hi;
      if (q.lineInterval(bx, by, bz, m[0], m[1], m[2], inner, span)) {
        const a = Math.max(lo, Math.ceil(span[0])), b = Math.min(hi, Math.floor(span[1]));
        if (a <= b) {
          fillLo = a;
          fillHi = b;
        }
      }
      const row = nx * (j + ny * k);
      for (let i = lo; i < fillLo; i++) {
        paintVoxel(ctx, piece, row + i, piece.signedDistanceMm(bx + i * m[0], by + i * m[1], bz + i * m[2]));
      }
      fillRun(ctx, piece, row + fillLo, row + fillHi + 1);
      for (let i = Math.max(fillHi + 1, lo); i <= hi; i++) {
        paintVoxel(ctx, piece, row + i, piece.signedDistanceMm(bx + i * m[0], by + i * m[1], bz + i * m[2]));
      }
    }
  }
}

/**
 * Prisms along z: the cross-section distance once per (i, j) column; slices entirely inside the
 * prism's height reuse per-row runs (fully inside: filled) and a list of edge voxels; the end
 * slices combine max(cross-section, height) voxel by voxel.
 */
function paintZSeparable(ctx: PaintContext, piece: RasterPiece, sep: ZSeparable, ib: number[]): void {
  const m = ctx.grid.indexToWorld;
  const [nx, ny] = ctx.grid.dimensions;
  const [i0, j0, k0, i1, j1, k1] = ib;
  const { pv, cutoff } = ctx;
  const dxy = ctx.scratch, runs = ctx.runs, edges = ctx.edges;
  const w = i1 - i0 + 1;
  let runCount = 0, edgeCount = 0;
  for (let j = j0; j <= j1; j++) {
    let runStart = -1;
    for (let i = i0; i <= i1 + 1; i++) {
      const d = i <= i1 ? sep.crossSectionMm(m[12] + i * m[0] + j * m[4], m[13] + i * m[1] + j * m[5]) : Infinity;
      if (i <= i1) dxy[(j - j0) * w + i - i0] = d;
      const full = pv ? d <= -cutoff : d <= 0;
      if (full && runStart < 0) runStart = i;
      if (!full && runStart >= 0) {
        runs[runCount++] = nx * j + runStart;
        runs[runCount++] = nx * j + i;
        runStart = -1;
      }
      if (!full && i <= i1 && (pv ? d < cutoff : false)) edges[edgeCount++] = (j - j0) * w + i - i0;
    }
  }
  const slice = nx * ny;
  for (let k = k0; k <= k1; k++) {
    const dz = sep.heightMm(m[14] + k * m[10]);
    if (pv ? dz >= cutoff : dz > 0) continue;
    const base = slice * k;
    if (pv ? dz <= -cutoff : true) {
      for (let r = 0; r < runCount; r += 2) fillRun(ctx, piece, base + runs[r], base + runs[r + 1]);
      for (let e = 0; e < edgeCount; e++) {
        const s = edges[e];
        const i = i0 + (s % w), j = j0 + Math.floor(s / w);
        paintVoxel(ctx, piece, base + nx * j + i, dxy[s]);
      }
      continue;
    }
    for (let j = j0; j <= j1; j++) {
      let n = base + nx * j + i0;
      for (let i = i0; i <= i1; i++, n++) {
        const a = dxy[(j - j0) * w + i - i0];
        paintVoxel(ctx, piece, n, a > dz ? a : dz);
      }
    }
  }
}

function det3(m: Mat4): number {
  return m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
}
