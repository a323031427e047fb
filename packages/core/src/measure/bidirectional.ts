import { VoxaError } from '../errors/VoxaError.ts';
import type { Vec3 } from '../math/Vec3.ts';
import { cobbAngleDeg } from './cobbAngleDeg.ts';
import { lengthMm } from './lengthMm.ts';

/** A bidirectional measurement (RECIST 1.1 / WHO): long axis, short axis and the angle between them. */
export interface Bidirectional {
  longMm: number;
  shortMm: number;
  /** Acute angle between the two axes, degrees; 90 when perpendicular. */
  perpendicularityDeg: number;
}

/** A bidirectional measurement with the axes' end points (LPS mm). */
export interface BidirectionalAxes extends Bidirectional {
  longA: Vec3;
  longB: Vec3;
  shortA: Vec3;
  shortB: Vec3;
}

/** Most contour vertices `bidirectionalFromPoints` accepts (it is O(n²)). */
export const MAX_BIDIRECTIONAL_POINTS = 4096;

/** Lengths of the two axes drawn by the user and how perpendicular they are. */
export function bidirectional(longA: Vec3, longB: Vec3, shortA: Vec3, shortB: Vec3): Bidirectional {
  return { longMm: lengthMm(longA, longB), shortMm: lengthMm(shortA, shortB), perpendicularityDeg: cobbAngleDeg([longA, longB], [shortA, shortB]) };
}

/**
 * Bidirectional axes of a closed, (nearly) planar contour (LPS mm, ≥ 3 vertices, last joined to
 * first): the long axis joins the two vertices farthest apart; the short axis is the longest
 * segment inside the contour (even-odd rule) perpendicular to it, within the contour's plane
 * (Newell normal). The maximum is exact for the polygon: chord lengths are linear in the position
 * along the long axis between vertices, so only vertex positions (from either side) are tried.
 */
export function bidirectionalFromPoints(contour: readonly Vec3[]): BidirectionalAxes {
  const n = contour.length;
  if (n < 3 || n > MAX_BIDIRECTIONAL_POINTS) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `a contour needs 3 to ${MAX_BIDIRECTIONAL_POINTS} points, got ${n}`);
  }
  let best = -1, ia = 0, ib = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const d = lengthMm(contour[i], contour[j]);
    if (d > best) { best = d; ia = i; ib = j; }
  }
  const A = contour[ia], B = contour[ib];
  const normal: Vec3 = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const p = contour[i], q = contour[(i + 1) % n];
    normal[0] += (p[1] - q[1]) * (p[2] + q[2]);
    normal[1] += (p[2] - q[2]) * (p[0] + q[0]);
    normal[2] += (p[0] - q[0]) * (p[1] + q[1]);
  }
  const u: Vec3 = [(B[0] - A[0]) / best, (B[1] - A[1]) / best, (B[2] - A[2]) / best];
  const w: Vec3 = [normal[1] * u[2] - normal[2] * u[1], normal[2] * u[0] - normal[0] * u[2], normal[0] * u[1] - normal[1] * u[0]];
  const wl = Math.hypot(...w);
  if (!(best > 0) || !(wl > 1e-12 * best * best)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'the contour encloses no area');
  for (let k = 0; k < 3; k++) w[k] /= wl;
  const s = new Float64Array(n), t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d: Vec3 = [contour[i][0] - A[0], contour[i][1] - A[1], contour[i][2] - A[2]];
    s[i] = d[0] * u[0] + d[1] * u[1] + d[2] * u[2];
    t[i] = d[0] * w[0] + d[1] * w[1] + d[2] * w[2];
  }
  let shortLen = 0, shortS = 0, shortT0 = 0, shortT1 = 0;
  const cuts: number[] = [];
  for (let v = 0; v < n; v++) {
    for (const fromRight of [true, false]) {
      const at = s[v];
      cuts.length = 0;
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        const lo = Math.min(s[i], s[j]), hi = Math.max(s[i], s[j]);
        // Half-open edges: [lo, hi) gives the limit from the right of `at`, (lo, hi] from the left.
        if (fromRight ? at >= lo && at < hi : at > lo && at <= hi) cuts.push(t[i] + ((t[j] - t[i]) * (at - s[i])) / (s[j] - s[i]));
      }
      cuts.sort((x, y) => x - y);
      for (let c = 0; c + 1 < cuts.length; c += 2) {
        if (cuts[c + 1] - cuts[c] > shortLen) { shortLen = cuts[c + 1] - cuts[c]; shortS = at; shortT0 = cuts[c]; shortT1 = cuts[c + 1]; }
      }
    }
  }
  const point = (a: number, b: number): Vec3 => [A[0] + a * u[0] + b * w[0], A[1] + a * u[1] + b * w[1], A[2] + a * u[2] + b * w[2]];
  const shortA = point(shortS, shortT0), shortB = point(shortS, shortT1);
  return { ...bidirectional(A, B, shortA, shortB), longA: [...A], longB: [...B], shortA, shortB };
}
