/**
 * Curved planar reformation (CPR) along a centreline polyline in LPS mm: straightened and
 * stretched (Kanitsar et al., "CPR — Curved Planar Reformation", IEEE Visualization 2002).
 *
 * Both produce one image row per centreline sample, row 0 at the path's first point, and sample
 * exactly like `reslice` (trilinear, half-voxel edge clamp, `outside` beyond; see sampleLine.ts):
 *
 *   world(x, y) = positions[y] + (x − centreColumn[y]) · pixelMm · laterals[y]
 *   slab        = offsets ((m + 0.5) / S − 0.5) · t along normalize(laterals[y] × tangents[y])
 *
 * Straightened: rows at arc lengths 0, pixelMm, 2·pixelMm, … and the path's end (the last gap is
 * in (0, pixelMm]); the lateral direction is a rotation-minimising frame, so the centreline is the
 * constant column (width − 1)/2 and every row is a line perpendicular to the path.
 *
 * Stretched: a fixed lateral direction v for all rows; rows are spaced so that the path's length
 * measured perpendicular to v is preserved, and the centreline moves sideways by its excursion along
 * v. Lengths along the centreline are therefore preserved (|Δ image| = |Δ path|).
 */
import { VoxaError } from '../errors/VoxaError.ts';
import { transformDirection, transformPoint } from '../math/Mat4.ts';
import { type Vec3, cross, dot, length, normalize } from '../math/Vec3.ts';
import type { Volume } from '../volume/Volume.ts';
import type { Slab } from './ReslicePlane.ts';
import { principalAxes } from './principalAxes.ts';
import { resamplePath } from './resamplePath.ts';
import { rotationMinimisingFrame } from './rotationMinimisingFrame.ts';
import { type IndexLine, indexSampler, sampleLine, slabOffsetsIjk, slabOffsetsMm } from './sampleLine.ts';

/** Options shared by the curved reformats. */
export interface CurvedReformatOptions {
  /** Lateral extent of the image around the centreline, mm. */
  widthMm: number;
  /** Square pixel size, mm (also the arc-length step between rows). */
  pixelMm: number;
  /** Value of pixels outside the volume; default NaN. */
  outside?: number;
  /** Thick slab perpendicular to each row's surface; default none. */
  slab?: Slab;
}

/** Options of `straightenedReformat`. */
export interface StraightenedReformatOptions extends CurvedReformatOptions {
  /** Rotation of the lateral direction about the path (right-handed about the tangent), radians; default 0. */
  angleRad?: number;
  /** Start of the lateral direction, projected perpendicular to the first tangent; default LPS [1, 0, 0], or [0, 1, 0] when |t₀ · [1, 0, 0]| > 0.9. */
  referenceUp?: Vec3;
}

/** Options of `stretchedReformat`. */
export interface StretchedReformatOptions extends CurvedReformatOptions {
  /** View direction (into the screen); default the normal of the plane best fitting the path, or [0, 1, 0] for a straight path. */
  projectionDir?: Vec3;
}

/** Defaults of the curved reformat options. */
export const CURVED_REFORMAT_DEFAULTS = { outside: Number.NaN, angleRad: 0 } as const;

/** Where each image row lies in the volume. */
export interface CurvedReformatSamples {
  /** Centreline point of each row, LPS mm. */
  positions: Vec3[];
  /** Unit path tangent at each row. */
  tangents: Vec3[];
  /** Unit lateral direction of each row (screen right). */
  laterals: Vec3[];
  /** Column (fractional) where the centreline lies in each row. */
  centreColumn: Float64Array;
  /** Arc length along the path (3D) of each row's centreline point, mm. */
  arcLengthMm: Float64Array;
}

/** The rows of a curved reformat: where each lies, and the image width. */
export interface CurvedReformatGeometry {
  samples: CurvedReformatSamples;
  width: number;
}

/** A curved reformat image and its geometry. */
export interface CurvedReformat {
  /** Row-major, width·height. */
  image: Float32Array;
  width: number;
  height: number;
  pixelMm: number;
  samples: CurvedReformatSamples;
}

/** A straightened CPR: the centreline is column `centreColumn` in every row. */
export interface StraightenedReformat extends CurvedReformat {
  centreColumn: number;
}

/** A stretched CPR, with the fixed view and lateral directions it used. */
export interface StretchedReformat extends CurvedReformat {
  projectionDir: Vec3;
  lateralDir: Vec3;
}

/**
 * Straightened CPR: row y is the path sample at arc length min(y·pixelMm, length); column x lies
 * at lateral offset (x − centreColumn)·pixelMm, centreColumn = (width − 1)/2, width =
 * round(widthMm / pixelMm) made odd. The lateral direction follows a rotation-minimising frame
 * (double reflection) started from `referenceUp`, then turned by `angleRad` about the tangent.
 *
 * @example const cpr = straightenedReformat(cta, centreline, { widthMm: 40, pixelMm: 0.5 });
 */
export function straightenedReformat(volume: Volume, path: readonly Vec3[], options: StraightenedReformatOptions): StraightenedReformat {
  const g = straightenedGeometry(path, options);
  return { ...sampleRows(volume, g.samples, g.width, options), centreColumn: g.centreColumn };
}

/** Where the rows of a straightened CPR lie, without sampling a volume (the GPU samples them). */
export function straightenedGeometry(path: readonly Vec3[], options: StraightenedReformatOptions): CurvedReformatGeometry & { centreColumn: number } {
  const { pixelMm } = checkOptions(options);
  const { positions, tangents, arcLengthMm } = resamplePath(path, pixelMm);
  const t0 = tangents[0];
  const up = options.referenceUp ?? (Math.abs(t0[0]) > 0.9 ? [0, 1, 0] : [1, 0, 0]);
  const frame = rotationMinimisingFrame(positions, tangents, up);
  const angle = options.angleRad ?? CURVED_REFORMAT_DEFAULTS.angleRad;
  const c = Math.cos(angle), s = Math.sin(angle);
  const laterals = frame.map((r, m) => {
    const b = cross(tangents[m], r);
    return normalize([c * r[0] + s * b[0], c * r[1] + s * b[1], c * r[2] + s * b[2]]);
  });
  let width = Math.max(1, Math.round(options.widthMm / pixelMm));
  if (width % 2 === 0) width++;
  const centre = (width - 1) / 2;
  const samples: CurvedReformatSamples = { positions, tangents, laterals, centreColumn: new Float64Array(positions.length).fill(centre), arcLengthMm };
  return { samples, width, centreColumn: centre };
}

/**
 * Stretched CPR (Kanitsar 2002). With view direction d and the path's main direction a (its first
 * principal axis, pointing from the first towards the last point), the lateral direction is the
 * fixed v = normalize(a × d) (radiological: screen right = patient left for a head-to-foot path
 * seen from the front). Along the path, X(s) = v · (p(s) − p₀) and Y(s) = ∫ |p′ − (p′ · v) v| ds,
 * the arc length of the path projected onto the plane perpendicular to v. Row y is the path point
 * with Y = min(y·pixelMm, Y_end) (linear on each polyline segment; the last row is the end); column x
 * lies at X = X_mid + (x − (width − 1)/2)·pixelMm, X_mid the middle of the path's X range and width =
 * round((X_max − X_min + widthMm) / pixelMm) made odd; the centreline is at column
 * (X(s) − X_mid)/pixelMm + (width − 1)/2. For a path in a plane perpendicular to d that runs
 * monotonically down the screen, the image is exactly the planar MPR of that plane.
 */
export function stretchedReformat(volume: Volume, path: readonly Vec3[], options: StretchedReformatOptions): StretchedReformat {
  const g = stretchedGeometry(path, options);
  return { ...sampleRows(volume, g.samples, g.width, options), projectionDir: g.projectionDir, lateralDir: g.lateralDir };
}

/** Where the rows of a stretched CPR lie, without sampling a volume (the GPU samples them). */
export function stretchedGeometry(path: readonly Vec3[], options: StretchedReformatOptions): CurvedReformatGeometry & { projectionDir: Vec3; lateralDir: Vec3 } {
  const { pixelMm } = checkOptions(options);
  const even = resamplePath(path, pixelMm);
  const pca = principalAxes(even.positions);
  const first = path[0], last = path[path.length - 1];
  const a = pca.axes[0];
  if (dot(a, [last[0] - first[0], last[1] - first[1], last[2] - first[2]]) < 0) for (let k = 0; k < 3; k++) a[k] = -a[k];
  if (options.projectionDir && !(length(options.projectionDir) > 0)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'projectionDir has zero length');
  const d = normalize(options.projectionDir ?? defaultProjection(pca.axes, pca.variances, a));
  const vRaw = cross(a, d);
  if (!(length(vRaw) > 1e-6)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `projectionDir ${d.join(', ')} is parallel to the path's main direction ${a.join(', ')}`);
  }
  const v = normalize(vRaw);
  // Per polyline vertex: lateral coordinate X, stretched coordinate Y, 3D arc length.
  const n = path.length;
  const X = new Float64Array(n), Y = new Float64Array(n), S = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const dp: Vec3 = [path[i][0] - path[i - 1][0], path[i][1] - path[i - 1][1], path[i][2] - path[i - 1][2]];
    const along = dot(dp, v);
    X[i] = X[i - 1] + along;
    Y[i] = Y[i - 1] + Math.sqrt(Math.max(0, dot(dp, dp) - along * along));
    S[i] = S[i - 1] + length(dp);
  }
  const yEnd = Y[n - 1];
  if (!(yEnd > 1e-9)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'the path runs only along the lateral direction; nothing to stretch');
  const regular = Math.floor(yEnd / pixelMm + 1e-9) + 1;
  const rows = yEnd - (regular - 1) * pixelMm > 1e-6 * pixelMm ? regular + 1 : regular;
  let xMin = Infinity, xMax = -Infinity;
  for (let i = 0; i < n; i++) { xMin = Math.min(xMin, X[i]); xMax = Math.max(xMax, X[i]); }
  let width = Math.max(1, Math.round((xMax - xMin + options.widthMm) / pixelMm));
  if (width % 2 === 0) width++;
  const xMid = (xMin + xMax) / 2;
  const samples: CurvedReformatSamples = {
    positions: [], tangents: [], laterals: [], centreColumn: new Float64Array(rows), arcLengthMm: new Float64Array(rows),
  };
  let seg = 1;
  for (let y = 0; y < rows; y++) {
    const target = y === rows - 1 ? yEnd : Math.min(y * pixelMm, yEnd);
    while (seg < n - 1 && (Y[seg] < target || Y[seg] === Y[seg - 1])) seg++;
    const dY = Y[seg] - Y[seg - 1];
    const f = dY > 0 ? Math.min(1, Math.max(0, (target - Y[seg - 1]) / dY)) : 0;
    const p = path[seg - 1], q = path[seg];
    samples.positions.push([p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f, p[2] + (q[2] - p[2]) * f]);
    samples.tangents.push(normalize([q[0] - p[0], q[1] - p[1], q[2] - p[2]]));
    samples.laterals.push([...v]);
    samples.centreColumn[y] = (X[seg - 1] + (X[seg] - X[seg - 1]) * f - xMid) / pixelMm + (width - 1) / 2;
    samples.arcLengthMm[y] = S[seg - 1] + (S[seg] - S[seg - 1]) * f;
  }
  return { samples, width, projectionDir: d, lateralDir: v };
}

/** LPS mm of pixel (x, y) of a curved reformat; fractional y interpolates between rows. */
export function curvedPixelToWorld(cpr: CurvedReformat, x: number, y: number, out: Vec3 = [0, 0, 0]): Vec3 {
  const { positions, laterals, centreColumn } = cpr.samples;
  const last = positions.length - 1;
  const y0 = Math.max(0, Math.min(last, Math.floor(y))), y1 = Math.min(last, y0 + 1);
  const f = Math.max(0, Math.min(1, y - y0));
  for (let k = 0; k < 3; k++) {
    const a = positions[y0][k] + (x - centreColumn[y0]) * cpr.pixelMm * laterals[y0][k];
    const b = positions[y1][k] + (x - centreColumn[y1]) * cpr.pixelMm * laterals[y1][k];
    out[k] = a + (b - a) * f;
  }
  return out;
}

/** Sample every row: world(x, y) = positions[y] + (x − centreColumn[y])·pixelMm·laterals[y]. */
function sampleRows(volume: Volume, samples: CurvedReformatSamples, width: number, options: CurvedReformatOptions): CurvedReformat {
  const sampler = indexSampler(volume, 'curved reformat');
  const m = sampler.worldToIndex;
  const { pixelMm } = options;
  const height = samples.positions.length;
  const image = new Float32Array(width * height);
  const offsetsMm = slabOffsetsMm(options.slab, volume);
  const line: IndexLine = {
    start: [0, 0, 0], step: [0, 0, 0], count: width,
    slabOffsets: new Float64Array(offsetsMm.length * 3),
    mode: options.slab?.mode ?? 'average',
    outside: options.outside ?? CURVED_REFORMAT_DEFAULTS.outside,
  };
  const w: Vec3 = [0, 0, 0], normal: Vec3 = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    const p = samples.positions[y], l = samples.laterals[y], back = samples.centreColumn[y] * pixelMm;
    w[0] = p[0] - back * l[0]; w[1] = p[1] - back * l[1]; w[2] = p[2] - back * l[2];
    transformPoint(m, w, line.start);
    transformDirection(m, [l[0] * pixelMm, l[1] * pixelMm, l[2] * pixelMm], line.step);
    normalize(cross(l, samples.tangents[y], normal), normal);
    slabOffsetsIjk(offsetsMm, transformDirection(m, normal), line.slabOffsets);
    sampleLine(sampler, line, image, y * width);
  }
  return { image, width, height, pixelMm, samples };
}

function checkOptions(o: CurvedReformatOptions): { pixelMm: number } {
  if (!(o.pixelMm > 0) || !Number.isFinite(o.pixelMm)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `pixelMm ${o.pixelMm} must be positive`);
  if (!(o.widthMm >= 0) || !Number.isFinite(o.widthMm)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `widthMm ${o.widthMm} must be a non-negative number`);
  if (o.widthMm / o.pixelMm > 65536) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `widthMm / pixelMm = ${o.widthMm / o.pixelMm}; at most 65536 columns`);
  return { pixelMm: o.pixelMm };
}

/**
 * Default view direction: the best-fit plane's normal, signed like the nearest radiological view
 * (x-dominant → −x as sagittal, y → +y as coronal, z → +z as axial); for a straight path [0, 1, 0]
 * (or [−1, 0, 0] when the path runs along y).
 */
function defaultProjection(axes: [Vec3, Vec3, Vec3], variances: [number, number, number], a: Vec3): Vec3 {
  if (variances[1] <= 1e-9 * variances[0]) return Math.abs(a[1]) > 0.9 ? [-1, 0, 0] : [0, 1, 0];
  const nrm: Vec3 = [...axes[2]];
  const big = [0, 1, 2].reduce((b, k) => (Math.abs(nrm[k]) > Math.abs(nrm[b]) ? k : b), 0);
  const wantPositive = big !== 0;
  if ((nrm[big] > 0) !== wantPositive) for (let k = 0; k < 3; k++) nrm[k] = -nrm[k];
  return nrm;
}
