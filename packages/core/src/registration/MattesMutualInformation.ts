import { mat4Invert } from '../math/Mat4.ts';
import type { Volume } from '../volume/Volume.ts';
import { intensityRange } from './intensityRange.ts';
import type { RegistrationSamples } from './RegistrationSamples.ts';

/** Options of {@link MattesMutualInformation}. */
export interface MattesMiOptions {
  /** Histogram bins per image (default 32, as elastix). */
  bins?: number;
}

export const MATTES_MI_DEFAULTS = { bins: 32 } as const satisfies MattesMiOptions;

/**
 * Mattes mutual information (Mattes et al., IEEE TMI 2003) between fixed samples and a moving
 * image seen through T(x) = A·(x − c) + o: a joint histogram with a box window on the fixed
 * values and a cubic B-spline Parzen window on the moving ones, so that MI is differentiable in
 * the transform. `evaluate` returns MI (nats; higher is better aligned) and, when asked, its
 * exact gradient with respect to the 12 entries of [A | o], from the trilinear interpolant's own
 * derivative. Scratch buffers are allocated once; an evaluation allocates nothing.
 *
 * @example
 * const mi = new MattesMutualInformation(samples, moving);
 * const value = mi.evaluate(matrix3x4, gradient12);
 */
export class MattesMutualInformation {
  /** Fraction of the samples that the last evaluation found inside the moving image. */
  validFraction = 0;
  private readonly bins: number;
  private readonly fixedBin: Uint8Array;
  private readonly movingLo: number;
  private readonly movingBinWidth: number;
  private readonly joint: Float64Array;
  private readonly marginalMoving: Float64Array;
  private readonly marginalFixed: Float64Array;
  private readonly logRatio: Float64Array;
  /** Per sample: moving bin coordinate (−1 when outside), then its world gradient. */
  private readonly binCoord: Float64Array;
  private readonly gradient: Float64Array;
  /** World → moving index, row-major 3×4. */
  private readonly worldToIndex = new Float64Array(12);
  private readonly toIndex = new Float64Array(12);

  constructor(private readonly samples: RegistrationSamples, private readonly moving: Volume, options: MattesMiOptions = {}) {
    const bins = options.bins ?? MATTES_MI_DEFAULTS.bins;
    if (!Number.isInteger(bins) || bins < 8 || bins > 255) throw new RangeError(`bins ${bins}: expected an integer 8 … 255`);
    this.bins = bins;
    const [flo, fhi] = intensityRange(samples.fixedValues);
    const fixedWidth = (fhi - flo) / bins;
    this.fixedBin = new Uint8Array(samples.count);
    for (let s = 0; s < samples.count; s++) {
      const b = Math.floor((samples.fixedValues[s] - flo) / fixedWidth);
      this.fixedBin[s] = b < 0 ? 0 : b >= bins ? bins - 1 : b;
    }
    const [mlo, mhi] = intensityRange(moving.voxels);
    // Moving values map to bin coordinates [2, bins − 2]: the B-spline's support stays inside.
    this.movingLo = mlo;
    this.movingBinWidth = (mhi - mlo) / (bins - 4);
    this.joint = new Float64Array(bins * bins);
    this.marginalMoving = new Float64Array(bins);
    this.marginalFixed = new Float64Array(bins);
    this.logRatio = new Float64Array(bins * bins);
    this.binCoord = new Float64Array(samples.count);
    this.gradient = new Float64Array(3 * samples.count);
    const w = mat4Invert(moving.indexToWorld);
    for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) this.worldToIndex[r * 4 + c] = w[c * 4 + r];
  }

  /**
   * MI for the transform M = [A | o] (row-major 3×4: moving LPS = A·offset + o); with `gradM`
   * (12 numbers), also dMI/dA (row-major) then dMI/do into it.
   */
  evaluate(matrix: Float64Array, gradM?: Float64Array): number {
    const { bins, joint, binCoord, gradient, fixedBin } = this;
    const { offsetsMm, count } = this.samples;
    const [nx, ny, nz] = this.moving.dimensions;
    const vox = this.moving.voxels;
    const W = this.worldToIndex, P = this.toIndex;
    // P = W·[A | o]: sample offset → moving index in one 3×4 product.
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 4; c++) {
        P[r * 4 + c] = W[r * 4] * matrix[c] + W[r * 4 + 1] * matrix[4 + c] + W[r * 4 + 2] * matrix[8 + c] + (c === 3 ? W[r * 4 + 3] : 0);
      }
    }
    joint.fill(0);
    const xmax = nx - 1, ymax = ny - 1, zmax = nz - 1;
    const ox = nx > 1 ? 1 : 0, oy = ny > 1 ? nx : 0, oz = nz > 1 ? nx * ny : 0;
    const lo = this.movingLo, width = this.movingBinWidth, top = bins - 2 - 1e-9;
    let valid = 0;
    for (let s = 0; s < count; s++) {
      const dx = offsetsMm[3 * s], dy = offsetsMm[3 * s + 1], dz = offsetsMm[3 * s + 2];
      const x = P[0] * dx + P[1] * dy + P[2] * dz + P[3];
      const y = P[4] * dx + P[5] * dy + P[6] * dz + P[7];
      const z = P[8] * dx + P[9] * dy + P[10] * dz + P[11];
      if (!(x >= 0 && x <= xmax && y >= 0 && y <= ymax && z >= 0 && z <= zmax)) {
        binCoord[s] = -1;
        continue;
      }
      const x0 = x >= xmax ? (xmax > 0 ? xmax - 1 : 0) : Math.floor(x);
      const y0 = y >= ymax ? (ymax > 0 ? ymax - 1 : 0) : Math.floor(y);
      const z0 = z >= zmax ? (zmax > 0 ? zmax - 1 : 0) : Math.floor(z);
      const fx = x - x0, fy = y - y0, fz = z - z0;
      const i = x0 + nx * (y0 + ny * z0);
      const v000 = vox[i], v100 = vox[i + ox], v010 = vox[i + oy], v110 = vox[i + oy + ox];
      const v001 = vox[i + oz], v101 = vox[i + oz + ox], v011 = vox[i + oz + oy], v111 = vox[i + oz + oy + ox];
      const a0 = v000 + (v100 - v000) * fx, a1 = v010 + (v110 - v010) * fx;
      const b0 = v001 + (v101 - v001) * fx, b1 = v011 + (v111 - v011) * fx;
      const c0 = a0 + (a1 - a0) * fy, c1 = b0 + (b1 - b0) * fy;
      const value = c0 + (c1 - c0) * fz;
      let u = (value - lo) / width + 2;
      let clamped = false;
      if (u < 2) { u = 2; clamped = true; } else if (u > top) { u = top; clamped = true; }
      binCoord[s] = u;
      if (gradM) {
        // The interpolant's derivative in index units, then to world (chain rule through W).
        const ez0 = 1 - fz, ey0 = 1 - fy;
        const gi = ((v100 - v000) * ey0 + (v110 - v010) * fy) * ez0 + ((v101 - v001) * ey0 + (v111 - v011) * fy) * fz;
        const gj = (a1 - a0) * ez0 + (b1 - b0) * fz;
        const gk = c1 - c0;
        const g = clamped ? 0 : 1;
        gradient[3 * s] = g * (gi * W[0] + gj * W[4] + gk * W[8]);
        gradient[3 * s + 1] = g * (gi * W[1] + gj * W[5] + gk * W[9]);
        gradient[3 * s + 2] = g * (gi * W[2] + gj * W[6] + gk * W[10]);
      }
      const k0 = Math.floor(u), t = u - k0;
      const row = fixedBin[s] * bins + k0 - 1;
      // Cubic B-spline weights at distances 1 + t, t, 1 − t, 2 − t.
      const t2 = t * t, t3 = t2 * t, r = 1 - t;
      joint[row] += (r * r * r) / 6;
      joint[row + 1] += 2 / 3 - t2 + t3 / 2;
      joint[row + 2] += 2 / 3 - r * r + (r * r * r) / 2;
      joint[row + 3] += t3 / 6;
      valid++;
    }
    this.validFraction = valid / Math.max(1, count);
    if (valid === 0) {
      gradM?.fill(0);
      return 0;
    }
    const { marginalFixed: pf, marginalMoving: pm, logRatio } = this;
    pf.fill(0);
    pm.fill(0);
    const norm = 1 / valid;
    for (let f = 0; f < bins; f++) {
      for (let m = 0; m < bins; m++) {
        const p = joint[f * bins + m] * norm;
        joint[f * bins + m] = p;
        pf[f] += p;
        pm[m] += p;
      }
    }
    let mi = 0;
    for (let f = 0; f < bins; f++) {
      for (let m = 0; m < bins; m++) {
        const p = joint[f * bins + m];
        if (p > 1e-16) {
          mi += p * Math.log(p / (pf[f] * pm[m]));
          logRatio[f * bins + m] = Math.log(p / pm[m]);
        } else logRatio[f * bins + m] = 0;
      }
    }
    if (gradM) this.gradientInto(gradM, norm / width);
    return mi;
  }

  /** dMI/dM = Σ_s w_s ∇m_s ⊗ [d_s, 1], w_s = −(1/(N·Δm)) Σ_κ β3′(κ − u_s) log(p(ι_s, κ)/p_M(κ)). */
  private gradientInto(gradM: Float64Array, scale: number): void {
    const { bins, binCoord, gradient, fixedBin, logRatio } = this;
    const { offsetsMm, count } = this.samples;
    let g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0, g8 = 0, g9 = 0, g10 = 0, g11 = 0;
    for (let s = 0; s < count; s++) {
      const u = binCoord[s];
      if (u < 0) continue;
      const k0 = Math.floor(u), t = u - k0, r = 1 - t;
      const row = fixedBin[s] * bins + k0 - 1;
      // β3′ at distances κ − u = −1 − t, −t, 1 − t, 2 − t.
      const d0 = (r * r) / 2;
      const d1 = 2 * t - 1.5 * t * t;
      const d2 = -2 * r + 1.5 * r * r;
      const d3 = -(t * t) / 2;
      const w = -scale * (d0 * logRatio[row] + d1 * logRatio[row + 1] + d2 * logRatio[row + 2] + d3 * logRatio[row + 3]);
      if (w === 0) continue;
      const gx = w * gradient[3 * s], gy = w * gradient[3 * s + 1], gz = w * gradient[3 * s + 2];
      const dx = offsetsMm[3 * s], dy = offsetsMm[3 * s + 1], dz = offsetsMm[3 * s + 2];
      g0 += gx * dx; g1 += gx * dy; g2 += gx * dz;
      g3 += gy * dx; g4 += gy * dy; g5 += gy * dz;
      g6 += gz * dx; g7 += gz * dy; g8 += gz * dz;
      g9 += gx; g10 += gy; g11 += gz;
    }
    gradM[0] = g0; gradM[1] = g1; gradM[2] = g2; gradM[3] = g3; gradM[4] = g4; gradM[5] = g5;
    gradM[6] = g6; gradM[7] = g7; gradM[8] = g8; gradM[9] = g9; gradM[10] = g10; gradM[11] = g11;
  }
}
