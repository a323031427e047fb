import { VoxaError } from '../errors/VoxaError.ts';
import { type Vec3, normalize } from '../math/Vec3.ts';

/** Most samples `resamplePath` will make. */
export const MAX_PATH_SAMPLES = 1_000_000;

/** A polyline resampled by arc length. */
export interface PathSamples {
  /** Sample positions, LPS mm. */
  positions: Vec3[];
  /** Unit tangents (central differences of the resampled polyline; one-sided at the ends). */
  tangents: Vec3[];
  /** Arc length (mm) of each sample from the first point: min(m·stepMm, lengthMm). */
  arcLengthMm: Float64Array;
  /** Total length of the polyline, mm. */
  lengthMm: number;
}

/**
 * Points along a polyline (LPS mm, ≥ 2 points) at arc lengths 0, step, 2·step, … plus the end
 * point: all gaps are `stepMm` except the last, which is in (0, stepMm]. The tangent of sample m
 * is normalize(p[m+1] − p[m−1]) (forward / backward difference at the ends; at a hairpin where
 * that vanishes, the forward then backward difference).
 */
export function resamplePath(points: readonly Vec3[], stepMm: number): PathSamples {
  if (points.length < 2) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `a path needs at least 2 points, got ${points.length}`);
  if (!(stepMm > 0) || !Number.isFinite(stepMm)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `path step ${stepMm} mm must be positive`);
  const cumulative = new Float64Array(points.length);
  for (let n = 1; n < points.length; n++) {
    const a = points[n - 1], b = points[n];
    if (![...a, ...b].every(Number.isFinite)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `path point ${n} is not finite`);
    cumulative[n] = cumulative[n - 1] + Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
  }
  const total = cumulative[points.length - 1];
  if (!(total > 0)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'the path has zero length');
  const regular = Math.floor(total / stepMm + 1e-9) + 1;
  const withEnd = total - (regular - 1) * stepMm > 1e-6 * stepMm ? regular + 1 : regular;
  if (withEnd > MAX_PATH_SAMPLES) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `a ${total} mm path at ${stepMm} mm steps needs ${withEnd} samples; at most ${MAX_PATH_SAMPLES}`);
  }
  const arcLengthMm = new Float64Array(withEnd);
  const positions: Vec3[] = [];
  let segment = 1;
  for (let m = 0; m < withEnd; m++) {
    const s = Math.min(m * stepMm, total);
    arcLengthMm[m] = m === withEnd - 1 ? total : s;
    while (segment < points.length - 1 && cumulative[segment] < s) segment++;
    const a = points[segment - 1], b = points[segment];
    const len = cumulative[segment] - cumulative[segment - 1];
    const f = len > 0 ? Math.min(1, Math.max(0, (s - cumulative[segment - 1]) / len)) : 0;
    positions.push([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
  }
  return { positions, tangents: pathTangents(positions), arcLengthMm, lengthMm: total };
}

/** Unit tangents of a polyline by central differences (see `resamplePath`). */
export function pathTangents(positions: readonly Vec3[]): Vec3[] {
  const n = positions.length;
  const tangents: Vec3[] = [];
  const diff = (a: number, b: number): Vec3 => {
    const p = positions[Math.max(0, Math.min(n - 1, b))], q = positions[Math.max(0, Math.min(n - 1, a))];
    return [p[0] - q[0], p[1] - q[1], p[2] - q[2]];
  };
  for (let m = 0; m < n; m++) {
    let t = diff(m - 1, m + 1);
    if (Math.hypot(...t) === 0) t = diff(m, m + 1);
    if (Math.hypot(...t) === 0) t = diff(m - 1, m);
    tangents.push(Math.hypot(...t) > 0 ? normalize(t) : m > 0 ? [...tangents[m - 1]] : [0, 0, 1]);
  }
  return tangents;
}
