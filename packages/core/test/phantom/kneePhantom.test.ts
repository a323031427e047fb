import { describe, expect, it } from 'vitest';
import { generateKneePhantom } from '../../src/phantom/generateKneePhantom.ts';
import { KNEE_LABEL, KNEE_SIGNAL } from '../../src/phantom/kneeLabels.ts';
import { kneeCartilagePlates } from '../../src/phantom/kneeAnatomy.ts';
import type { CartilagePlate } from '../../src/phantom/shapes/CartilagePlate.ts';
import { CylinderCartilage } from '../../src/phantom/shapes/CylinderCartilage.ts';
import { PlaneCartilage } from '../../src/phantom/shapes/PlaneCartilage.ts';
import { trueCartilageThicknessMm } from '../../src/phantom/trueCartilageThickness.ts';
import { thrownMessage } from '../util/thrown.ts';


describe('generateKneePhantom', () => {
  const knee = generateKneePhantom({ seed: 4 });
  const labels = knee.labels.voxels as Uint8Array;
  const [nx, ny, nz] = knee.labels.dimensions;
  const m = knee.labels.indexToWorld;
  let cleanMr: Int16Array | undefined;
  const clean = (): Int16Array => (cleanMr ??= generateKneePhantom({ seed: 4, noise: 0 }).mr.voxels as Int16Array);

  it('is a sagittal 0.45 × 0.45 × 0.9 mm grid under 10 M voxels', () => {
    expect(nx * ny * nz).toBeLessThan(10e6);
    expect(knee.truth.grid.spacingMm).toEqual([0.45, 0.45, 0.9]);
    // Rows run anterior → posterior, columns superior → inferior: Image Orientation 0\1\0\0\0\−1.
    expect(Array.from(m.subarray(0, 3))).toEqual([0, 0.45, 0]);
    expect(Array.from(m.subarray(4, 7))).toEqual([0, 0, -0.45]);
    expect(knee.mr.meta.modality).toBe('MR');
  });

  it('is deterministic: the same seed gives byte-identical images; another seed changes the noise only', () => {
    const again = generateKneePhantom({ seed: 4 });
    expect(Buffer.from(again.mr.voxels.buffer).equals(Buffer.from(knee.mr.voxels.buffer))).toBe(true);
    expect(Buffer.from(again.labels.voxels.buffer).equals(Buffer.from(knee.labels.voxels.buffer))).toBe(true);
    const other = generateKneePhantom({ seed: 5 });
    expect(Buffer.from(other.labels.voxels.buffer).equals(Buffer.from(knee.labels.voxels.buffer))).toBe(true);
    expect(Buffer.from(other.mr.voxels.buffer).equals(Buffer.from(knee.mr.voxels.buffer))).toBe(false);
  });

  it('adds Gaussian noise of the stated σ over tissue (magnitude image: non-negative everywhere)', () => {
    const noisy = knee.mr.voxels as Int16Array;
    const noiseFree = clean();
    let sum = 0, sq = 0, n = 0, negative = 0;
    for (let p = 0; p < noisy.length; p++) {
      if (noisy[p] < 0) negative++;
      // Muscle interior: far above σ, so the magnitude does not fold the noise.
      if (labels[p] !== KNEE_LABEL.muscle || noiseFree[p] !== KNEE_SIGNAL.muscle) continue;
      const d = noisy[p] - noiseFree[p];
      sum += d;
      sq += d * d;
      n++;
    }
    const mean = sum / n, sd = Math.sqrt(sq / n - mean * mean);
    expect(negative).toBe(0);
    // ~1.7 M samples of N(0, 25) rounded: mean within 0.2, SD within 0.5 of 25.
    expect(Math.abs(mean)).toBeLessThan(0.2);
    expect(Math.abs(sd - 25)).toBeLessThan(0.5);
  });

  it('paints each cartilage label within 2% of the analytic volume of its plates (measured ≈ 0.1%)', () => {
    for (const c of knee.truth.cartilage) {
      const error = c.labelVolumeMm3 / c.analyticVolumeMm3 - 1;
      console.log(`[knee phantom] ${c.name}: label ${c.labelVolumeMm3.toFixed(0)} mm³, analytic ${c.analyticVolumeMm3.toFixed(0)} mm³ (${(100 * error).toFixed(2)}%)`);
      expect(c.voxelCount).toBeGreaterThan(10_000);
      expect(Math.abs(error)).toBeLessThan(0.02);
    }
  });

  it('gives a true thickness within the designed 1.5–3.5 mm at every cartilage voxel, reaching both ends', () => {
    let lo = Infinity, hi = -Infinity;
    for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
      const label = labels[i + nx * (j + ny * k)];
      if (label !== KNEE_LABEL.femoralCartilage && label !== KNEE_LABEL.tibialCartilage) continue;
      const p: [number, number, number] = [m[0] * i + m[4] * j + m[8] * k + m[12], m[1] * i + m[5] * j + m[9] * k + m[13], m[2] * i + m[6] * j + m[10] * k + m[14]];
      const t = trueCartilageThicknessMm(p, label);
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    expect(lo).toBeGreaterThanOrEqual(1.5);
    expect(hi).toBeLessThanOrEqual(3.5);
    expect(lo).toBeLessThan(1.55);
    expect(hi).toBeGreaterThan(3.45);
  });

  it("agrees with the plates' own geometry: a point at height h over the bone is inside exactly when 0 ≤ h ≤ t", () => {
    const local = new Float64Array(3);
    for (const plate of kneeCartilagePlates()) {
      const f = plate.footprint;
      // Walk along a ray of the footprint's centre, just inside and just outside the cartilage.
      for (const h of [-0.05, 0.05]) {
        for (const outer of [false, true]) {
          const point = pointAbove(plate, f.centreMm[0], f.centreMm[1], 0);
          const t = plate.thicknessMm(point[0], point[1], point[2]);
          const at = pointAbove(plate, f.centreMm[0], f.centreMm[1], outer ? t + h : h);
          plate.surfaceCoordinates(at[0], at[1], at[2], local);
          expect(local[2]).toBeCloseTo(outer ? t + h : h, 9);
          const inside = outer ? h < 0 : h > 0;
          expect(plate.signedDistanceMm(at[0], at[1], at[2]) <= 0).toBe(inside);
          expect(trueCartilageThicknessMm(at, plate.paint.label)).toBeCloseTo(t, 6);
        }
      }
    }
  });

  it('leaves a joint space between femoral and tibial cartilage: no voxel of one touches the other', () => {
    let touching = 0;
    const f = KNEE_LABEL.femoralCartilage, t = KNEE_LABEL.tibialCartilage;
    for (let p = 0; p < labels.length - nx * ny; p++) {
      if (labels[p] !== f && labels[p] !== t) continue;
      const other = labels[p] === f ? t : f;
      if (labels[p + 1] === other || labels[p + nx] === other || labels[p + nx * ny] === other) touching++;
    }
    expect(touching).toBe(0);
  });

  it('shows the PD contrast: fat and marrow bright, fluid above cartilage above muscle (noise-free medians)', () => {
    const median = (label: number): number => {
      const v: number[] = [];
      const mr = clean();
      for (let p = 0; p < labels.length; p++) if (labels[p] === label) v.push(mr[p]);
      return v.sort((a, b) => a - b)[v.length >> 1];
    };
    expect(median(KNEE_LABEL.subcutaneousFat)).toBe(KNEE_SIGNAL.fat);
    expect(median(KNEE_LABEL.femur)).toBe(KNEE_SIGNAL.marrow);
    expect(median(KNEE_LABEL.jointFluid)).toBe(KNEE_SIGNAL.fluid);
    expect(median(KNEE_LABEL.femoralCartilage)).toBe(KNEE_SIGNAL.cartilage);
    expect(median(KNEE_LABEL.muscle)).toBe(KNEE_SIGNAL.muscle);
  });

  it('refuses bad options and points far from any cartilage plate of a label', () => {
    expect(thrownMessage(() => generateKneePhantom({ seed: -1 }))).toMatch(/VOXA_ERR_BAD_ARGUMENT: .*seed -1/);
    expect(thrownMessage(() => generateKneePhantom({ noise: Number.NaN }))).toMatch(/noise NaN/);
    expect(thrownMessage(() => trueCartilageThicknessMm([0, 0, 0], KNEE_LABEL.femur))).toMatch(/no cartilage plate/);
    expect(thrownMessage(() => trueCartilageThicknessMm([Number.NaN, 0, 0]))).toMatch(/no cartilage plate/);
  });
});

/** The LPS point at height h above footprint point (s₁, s₂) of a plate, from the plate's documented coordinates. */
function pointAbove(plate: CartilagePlate, s1: number, s2: number, h: number): [number, number, number] {
  if (plate instanceof PlaneCartilage) {
    const { origin: o, u, v, w } = plate.frame;
    return [0, 1, 2].map((d) => o[d] + s1 * u[d] + s2 * v[d] + h * w[d]) as [number, number, number];
  }
  if (!(plate instanceof CylinderCartilage)) throw new Error(`unexpected plate ${plate.name}`);
  const { origin: o, u, v, w } = plate.frame;
  const theta = s1 / plate.boneRadiusMm, r = plate.boneRadiusMm + h;
  return [0, 1, 2].map((d) => o[d] + s2 * u[d] + r * (Math.sin(theta) * v[d] + Math.cos(theta) * w[d])) as [number, number, number];
}
