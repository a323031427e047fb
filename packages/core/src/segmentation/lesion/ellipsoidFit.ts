import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import { cholesky3, invert3, solveDamped } from './smallLinearAlgebra.ts';

/** An ellipsoid with a partial-volume edge, fitted to the HU around a lesion. */
export interface EllipsoidEdgeModel {
  /** Centre in crop index units × spacing (mm from the crop's first voxel, along i, j, k). */
  centreMm: Vec3;
  /** A (row-major 3×3, 1/mm²): inside where (x − c)ᵀ A (x − c) ≤ 1. */
  a: Float64Array;
  insideHu: number;
  outsideHu: number;
  /** Width of the linear edge ramp (mm): the scanner's blur plus the voxel's extent. */
  edgeMm: number;
  /** Root-mean-square of the robustly weighted residuals in the edge band, in units of the noise σ. */
  rmsNoiseUnits: number;
  volumeMm3: number;
}

const P = 12;
const TUKEY_C = 4.685;

/**
 * Fit an ellipsoid whose edge is a linear ramp of the HU (value = outside + (inside − outside)·α,
 * α = clamp(½ − d/edge, 0, 1), d the signed distance to the surface) to the voxels in a band
 * around the surface, by Levenberg–Marquardt with Tukey weights (other structures nearby are
 * outliers). Every voxel of the band, not only the ones a threshold would flip, places the
 * surface, so its position, and the volume, are precise well below a voxel and unbiased by noise.
 * 12 parameters: centre, the Cholesky factor of A, both levels and the edge width.
 */
export function fitEllipsoidEdge(hu: Float32Array, dims: Dims3, spacingMm: Vec3, init: { mask: Uint8Array; insideHu: number; outsideHu: number }, noiseHu: number): EllipsoidEdgeModel | null {
  const th = initialParams(init.mask, dims, spacingMm, init.insideHu, init.outsideHu);
  if (!th) return null;
  const sigma = Math.max(noiseHu, 1);
  const hMax = Math.max(...spacingMm);
  let lambda = 1e-2;
  let rms = Infinity;
  for (let outer = 0; outer < 4; outer++) {
    const band = bandVoxels(th, dims, spacingMm, hMax);
    if (band.length < P * 3) return null;
    const r = new Float64Array(band.length), w = new Float64Array(band.length);
    residuals(th, band, hu, dims, spacingMm, r);
    for (let it = 0; it < 10; it++) {
      for (let b = 0; b < band.length; b++) {
        const u = r[b] / (TUKEY_C * sigma);
        w[b] = Math.abs(u) < 1 ? (1 - u * u) ** 2 : 0;
      }
      const { jtj, jtr } = normalEquations(th, band, hu, dims, spacingMm, r, w);
      let improved = false;
      for (let tries = 0; tries < 8 && !improved; tries++) {
        const step = solveDamped(jtj, jtr, lambda);
        if (!step) { lambda *= 10; continue; }
        const trial = th.map((v, i) => v + step[i]);
        const rt = new Float64Array(band.length);
        residuals(trial, band, hu, dims, spacingMm, rt);
        if (weightedCost(rt, w) < weightedCost(r, w)) {
          th.splice(0, P, ...trial);
          r.set(rt);
          lambda = Math.max(lambda / 3, 1e-7);
          improved = true;
        } else lambda *= 10;
      }
      if (!improved) break;
    }
    let sw = 0, swr = 0;
    for (let b = 0; b < band.length; b++) { sw += w[b]; swr += w[b] * r[b] * r[b]; }
    rms = sw > 0 ? Math.sqrt(swr / sw) / sigma : Infinity;
  }
  const a = aMatrix(th);
  const det = a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
  if (!(det > 0)) return null;
  return {
    centreMm: [th[0], th[1], th[2]], a, insideHu: th[9], outsideHu: th[10], edgeMm: Math.exp(th[11]),
    rmsNoiseUnits: rms, volumeMm3: (4 / 3) * Math.PI / Math.sqrt(det),
  };
}

/** 0/1 mask of the voxels whose centre lies inside the fitted ellipsoid. */
export function ellipsoidMask(m: EllipsoidEdgeModel, dims: Dims3, spacingMm: Vec3): Uint8Array {
  const out = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const [c0, c1, c2] = m.centreMm, a = m.a;
  for (let k = 0, p = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++, p++) {
        const x = i * spacingMm[0] - c0, y = j * spacingMm[1] - c1, z = k * spacingMm[2] - c2;
        const f = x * (a[0] * x + a[1] * y + a[2] * z) + y * (a[3] * x + a[4] * y + a[5] * z) + z * (a[6] * x + a[7] * y + a[8] * z);
        out[p] = f <= 1 ? 1 : 0;
      }
    }
  }
  return out;
}

/** Parameters from the mask's moments: a solid ellipsoid's variance along an axis is a²/5. */
function initialParams(mask: Uint8Array, dims: Dims3, s: Vec3, inside: number, outside: number): number[] | null {
  let n = 0;
  const m1 = [0, 0, 0], m2 = new Float64Array(9);
  forVoxels(dims, s, (p, x, y, z) => {
    if (!mask[p]) return;
    n++;
    m1[0] += x; m1[1] += y; m1[2] += z;
    const v = [x, y, z];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m2[3 * r + c] += v[r] * v[c];
  });
  if (n < 4) return null;
  const c = m1.map((v) => v / n);
  const voxel = s[0] * s[1] * s[2];
  // Covariance, plus each voxel's own extent (h²/12), times 5.
  const cov = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let q = 0; q < 3; q++) cov[3 * r + q] = 5 * (m2[3 * r + q] / n - c[r] * c[q] + (r === q ? (s[r] * s[r]) / 12 : 0));
  const a = invert3(cov);
  const l = a && cholesky3(a);
  if (!l) return null;
  return [c[0], c[1], c[2], ...l, inside, outside, Math.log(Math.cbrt(voxel))];
}

/** Visit every voxel with its position in mm (crop index × spacing). */
function forVoxels(dims: Dims3, s: Vec3, f: (p: number, x: number, y: number, z: number) => void): void {
  for (let k = 0, p = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++, p++) f(p, i * s[0], j * s[1], k * s[2]);
}

/** A = L·Lᵀ with L lower-triangular [l0; l1 l2; l3 l4 l5]. */
function aMatrix(th: ArrayLike<number>): Float64Array {
  const [l0, l1, l2, l3, l4, l5] = [th[3], th[4], th[5], th[6], th[7], th[8]];
  return new Float64Array([
    l0 * l0, l0 * l1, l0 * l3,
    l1 * l0, l1 * l1 + l2 * l2, l1 * l3 + l2 * l4,
    l3 * l0, l3 * l1 + l4 * l2, l3 * l3 + l4 * l4 + l5 * l5,
  ]);
}

/** Signed distance (mm, first order: k0(k0 − 1)/|A q|, k0² = qᵀAq) of a point to the ellipsoid. */
function signedDistance(a: Float64Array, x: number, y: number, z: number): number {
  const ax = a[0] * x + a[1] * y + a[2] * z, ay = a[3] * x + a[4] * y + a[5] * z, az = a[6] * x + a[7] * y + a[8] * z;
  const k0 = Math.sqrt(Math.max(0, x * ax + y * ay + z * az));
  const k1 = Math.sqrt(ax * ax + ay * ay + az * az);
  return k1 > 0 ? (k0 * (k0 - 1)) / k1 : -1 / Math.sqrt(Math.max(a[0], a[4], a[8]));
}

/** Voxels within edge/2 + 1.5 voxels of the current surface. */
function bandVoxels(th: number[], dims: Dims3, s: Vec3, hMax: number): Int32Array {
  const a = aMatrix(th);
  const half = Math.exp(th[11]) / 2 + 1.5 * hMax;
  const out: number[] = [];
  forVoxels(dims, s, (p, x, y, z) => {
    if (Math.abs(signedDistance(a, x - th[0], y - th[1], z - th[2])) <= half) out.push(p);
  });
  return Int32Array.from(out);
}

/** Residuals HU − model at the band's voxels, into `out`. */
function residuals(th: ArrayLike<number>, band: Int32Array, hu: Float32Array, dims: Dims3, s: Vec3, out: Float64Array): void {
  const a = aMatrix(th);
  const w = Math.exp(th[11]);
  const [nx, ny] = dims;
  for (let b = 0; b < band.length; b++) {
    const p = band[b];
    const i = p % nx, j = ((p - i) / nx) % ny, k = (p - i - nx * j) / (nx * ny);
    const d = signedDistance(a, i * s[0] - th[0], j * s[1] - th[1], k * s[2] - th[2]);
    const al = Math.min(1, Math.max(0, 0.5 - d / w));
    out[b] = hu[p] - (th[10] + (th[9] - th[10]) * al);
  }
}

function weightedCost(r: Float64Array, w: Float64Array): number {
  let c = 0;
  for (let b = 0; b < r.length; b++) c += w[b] * r[b] * r[b];
  return c;
}

/** JᵀWJ and JᵀWr with a forward-difference Jacobian of the prediction (= −∂r). */
function normalEquations(th: number[], band: Int32Array, hu: Float32Array, dims: Dims3, s: Vec3, r: Float64Array, w: Float64Array) {
  const jac: Float64Array[] = [];
  const rt = new Float64Array(band.length);
  for (let q = 0; q < P; q++) {
    const h = q < 3 ? 1e-3 : q < 9 ? 1e-5 + 1e-4 * Math.abs(th[q]) : q < 11 ? 0.05 : 1e-4;
    const t = th.slice();
    t[q] += h;
    residuals(t, band, hu, dims, s, rt);
    const col = new Float64Array(band.length);
    for (let b = 0; b < band.length; b++) col[b] = (r[b] - rt[b]) / h;
    jac.push(col);
  }
  const jtj = new Float64Array(P * P), jtr = new Float64Array(P);
  for (let q = 0; q < P; q++) {
    for (let b = 0; b < band.length; b++) jtr[q] += jac[q][b] * w[b] * r[b];
    for (let u = q; u < P; u++) {
      let sum = 0;
      for (let b = 0; b < band.length; b++) sum += jac[q][b] * w[b] * jac[u][b];
      jtj[q * P + u] = jtj[u * P + q] = sum;
    }
  }
  return { jtj, jtr };
}
