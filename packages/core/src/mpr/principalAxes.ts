import type { Vec3 } from '../math/Vec3.ts';

/** Centroid and principal axes of a point set. */
export interface PrincipalAxes {
  centroidLps: Vec3;
  /** Unit axes, by decreasing variance; the last is the normal of the best-fitting plane. */
  axes: [Vec3, Vec3, Vec3];
  /** Variances (mm²) along the axes, decreasing. */
  variances: [number, number, number];
}

/** Principal axes of points (equal weights) from the eigenvectors of their covariance (cyclic Jacobi). */
export function principalAxes(points: readonly Vec3[]): PrincipalAxes {
  const n = points.length || 1;
  const c: Vec3 = [0, 0, 0];
  for (const p of points) for (let a = 0; a < 3; a++) c[a] += p[a] / n;
  const A = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (const p of points) {
    for (let r = 0; r < 3; r++) for (let s = 0; s < 3; s++) A[r][s] += ((p[r] - c[r]) * (p[s] - c[s])) / n;
  }
  const V = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = Math.abs(A[0][1]) + Math.abs(A[0][2]) + Math.abs(A[1][2]);
    if (off <= 1e-300 || off < 1e-15 * (Math.abs(A[0][0]) + Math.abs(A[1][1]) + Math.abs(A[2][2]))) break;
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]]) {
      if (A[p][q] === 0) continue;
      // Rotation zeroing A[p][q] (Golub & Van Loan, Algorithm 8.4.1).
      const theta = (A[q][q] - A[p][p]) / (2 * A[p][q]);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const cs = 1 / Math.sqrt(t * t + 1), sn = t * cs;
      for (let k = 0; k < 3; k++) {
        const akp = A[k][p], akq = A[k][q];
        A[k][p] = cs * akp - sn * akq;
        A[k][q] = sn * akp + cs * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = A[p][k], aqk = A[q][k];
        A[p][k] = cs * apk - sn * aqk;
        A[q][k] = sn * apk + cs * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = V[k][p], vkq = V[k][q];
        V[k][p] = cs * vkp - sn * vkq;
        V[k][q] = sn * vkp + cs * vkq;
      }
    }
  }
  const order = [0, 1, 2].sort((a, b) => A[b][b] - A[a][a]);
  const axis = (e: number): Vec3 => [V[0][e], V[1][e], V[2][e]];
  return {
    centroidLps: c,
    axes: [axis(order[0]), axis(order[1]), axis(order[2])],
    variances: [Math.max(0, A[order[0]][order[0]]), Math.max(0, A[order[1]][order[1]]), Math.max(0, A[order[2]][order[2]])],
  };
}
