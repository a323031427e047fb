import { describe, expect, it } from 'vitest';
import type { Mat4 } from '../../src/math/Mat4.ts';
import type { Vec3 } from '../../src/math/Vec3.ts';
import { mat4Identity, mat4Multiply, transformPoint } from '../../src/math/Mat4.ts';
import { worldToIndexPoint } from '../../src/volume/Volume.ts';
import { PHANTOM_LABEL } from '../../src/phantom/phantomLabels.ts';
import { lesionsAtTimePoint } from '../../src/phantom/phantomLesions.ts';
import { phantomTimePointModel } from '../../src/phantom/phantomModel.ts';
import { ellipsoidAxialDiameters } from '../../src/phantom/recistDiameters.ts';
import type { RigidFrame } from '../../src/phantom/shapes/RigidFrame.ts';
import { smallTimePoint } from './phantomFixtures.ts';

const tps = () => [0, 1, 2].map((i) => smallTimePoint(i));

function maxAbsDiff(a: Mat4, b: Mat4): number {
  let m = 0;
  for (let n = 0; n < 16; n++) m = Math.max(m, Math.abs(a[n] - b[n]));
  return m;
}

function distance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

function labelAt(tp: ReturnType<typeof smallTimePoint>, worldLps: Vec3): number {
  const ijk = worldToIndexPoint(tp.labels, worldLps).map(Math.round);
  const [nx, ny] = tp.labels.dimensions;
  return tp.labels.voxels[ijk[0] + nx * (ijk[1] + ny * ijk[2])];
}

describe('phantom ground truth', () => {
  it("each lesion's volume is its label's voxel count × voxel volume, exactly", () => {
    for (const tp of tps()) {
      expect(tp.truth.grid.voxelVolumeMm3).toBeCloseTo(2.8 * 2.8 * 3, 12);
      const counts = new Map<number, number>();
      for (const l of tp.labels.voxels) counts.set(l, (counts.get(l) ?? 0) + 1);
      for (const lesion of tp.truth.lesions) {
        expect(lesion.voxelCount).toBe(counts.get(lesion.labelId));
        expect(lesion.labelVolumeMm3).toBe(lesion.voxelCount * tp.truth.grid.voxelVolumeMm3);
      }
    }
  });

  it('label volumes are within 5% of the analytic ellipsoid volumes at the small size', () => {
    // 2.8×2.8×3 mm voxels; the smallest lesion (new liver lesion, 1 759 mm³) is ~75 voxels.
    for (const tp of tps()) {
      for (const lesion of tp.truth.lesions) {
        const ratio = lesion.labelVolumeMm3 / lesion.analyticVolumeMm3;
        expect(Math.abs(ratio - 1), `${lesion.id} at tp${tp.index}: ${ratio.toFixed(3)}`).toBeLessThan(0.05);
      }
    }
  });

  it('has the designed RECIST diameters at baseline: liver 40 mm LD, lung 24 mm LD, node 18 mm SA', () => {
    const [baseline] = tps();
    const byId = new Map(baseline.truth.lesions.map((l) => [l.id, l]));
    expect(byId.get('liver-1')?.recistDiameterMm).toBeCloseTo(40, 9);
    expect(byId.get('lung-1')?.recistDiameterMm).toBeCloseTo(24, 9);
    expect(byId.get('node-1')?.recistDiameterMm).toBeCloseTo(18, 9);
    expect(byId.get('node-1')?.longAxisMm).toBeCloseTo(28, 9);
    expect(baseline.truth.response.sumOfDiametersMm).toBeCloseTo(82, 9);
  });

  it('partial response: every target and the sum of diameters shrink by ≥ 30%', () => {
    const [baseline, pr] = tps();
    for (const lesion of pr.truth.lesions) {
      const before = baseline.truth.lesions.find((l) => l.id === lesion.id);
      expect(lesion.recistDiameterMm / (before?.recistDiameterMm ?? 0)).toBeLessThanOrEqual(0.7);
    }
    expect(pr.truth.response.sumOfDiametersMm).toBeLessThanOrEqual(0.7 * baseline.truth.response.sumOfDiametersMm);
    expect(pr.truth.response.changeFromBaselinePercent).toBeLessThanOrEqual(-30);
    expect(pr.truth.response.newLesionIds).toEqual([]);
    expect(pr.truth.response.expected).toBe('PR');
  });

  it('progression: the sum grows ≥ 20% and ≥ 5 mm from the nadir, and a new liver lesion appears', () => {
    const [baseline, pr, pd] = tps();
    const nadir = Math.min(baseline.truth.response.sumOfDiametersMm, pr.truth.response.sumOfDiametersMm);
    expect(pd.truth.response.nadirSumMm).toBeCloseTo(nadir, 9);
    expect(pd.truth.response.sumOfDiametersMm).toBeGreaterThanOrEqual(1.2 * nadir);
    expect(pd.truth.response.sumOfDiametersMm - nadir).toBeGreaterThanOrEqual(5);
    expect(pd.truth.response.changeFromNadirPercent).toBeGreaterThanOrEqual(20);
    const fresh = pd.truth.lesions.filter((l) => l.isNew);
    expect(fresh.map((l) => l.id)).toEqual(['liver-2']);
    expect(fresh[0].target).toBe(false);
    expect(fresh[0].voxelCount).toBeGreaterThan(0);
    expect(labelAt(pd, fresh[0].centreLps)).toBe(PHANTOM_LABEL.liverLesion2);
    for (const earlier of [baseline, pr]) expect(earlier.truth.labelVoxelCounts.liver_lesion_2).toBe(0);
  });

  it('follow-up → baseline transform maps each lesion centre onto its baseline centre within 1e-6 mm', () => {
    const [baseline, ...followUps] = tps();
    for (const tp of followUps) {
      for (const lesion of tp.truth.lesions) {
        const before = baseline.truth.lesions.find((l) => l.id === lesion.id);
        if (!before) continue;
        expect(distance(transformPoint(tp.truth.timePointToBaseline, lesion.centreLps), before.centreLps)).toBeLessThan(1e-6);
        expect(distance(transformPoint(tp.truth.baselineToTimePoint, before.centreLps), lesion.centreLps)).toBeLessThan(1e-6);
      }
      // The patient really moved: the centres differ by millimetres in the image frame.
      expect(distance(tp.truth.lesions[0].centreLps, baseline.truth.lesions[0].centreLps)).toBeGreaterThan(3);
    }
  });

  it('the transforms are rigid, inverse to each other, a few degrees about the superior axis plus a few mm', () => {
    for (const tp of tps()) {
      const f = tp.truth.baselineToTimePoint, b = tp.truth.timePointToBaseline;
      expect(maxAbsDiff(mat4Multiply(f, b), mat4Identity())).toBeLessThan(1e-12);
      expect([f[2], f[6], f[8], f[9]]).toEqual([0, 0, 0, 0]);
      expect(f[10]).toBe(1);
      const angleDeg = (Math.atan2(f[1], f[0]) * 180) / Math.PI;
      expect(Math.abs(angleDeg)).toBeLessThanOrEqual(5);
      expect(Math.hypot(f[12], f[13], f[14])).toBeLessThanOrEqual(10);
      expect(angleDeg).toBeCloseTo(tp.truth.motion.rotationDeg, 12);
    }
  });

  it('follow-up images are evaluated in the moved frame: moved landmarks carry their labels', () => {
    for (const tp of tps()) {
      for (const lesion of tp.truth.lesions) expect(labelAt(tp, lesion.centreLps), `${lesion.id} tp${tp.index}`).toBe(lesion.labelId);
      // The aorta label surrounds the exported centreline wherever it is inside the field of view.
      let inside = 0;
      for (const p of tp.truth.aorta.centrelineLps) {
        if (Math.abs(p[2]) > 220) continue;
        expect(labelAt(tp, p)).toBe(PHANTOM_LABEL.aorta);
        inside++;
      }
      expect(inside).toBeGreaterThan(15);
    }
  });

  it('the aorta centreline of each follow-up maps back onto the baseline centreline within 1e-6 mm', () => {
    const [baseline, ...followUps] = tps();
    for (const tp of followUps) {
      const line = tp.truth.aorta.centrelineLps;
      expect(line).toHaveLength(baseline.truth.aorta.centrelineLps.length);
      line.forEach((p, n) => expect(distance(transformPoint(tp.truth.timePointToBaseline, p), baseline.truth.aorta.centrelineLps[n])).toBeLessThan(1e-6));
    }
  });

  it('analytic model and truth agree: lesions present per time point, same centres', () => {
    for (const tp of tps()) {
      const model = phantomTimePointModel(tp.index);
      expect(tp.truth.lesions.map((l) => l.id)).toEqual(lesionsAtTimePoint(tp.index).map((l) => l.spec.id));
      model.lesions.forEach((l, n) => expect(distance(l.shape.frame.origin, tp.truth.lesions[n].centreLps)).toBe(0));
    }
  });
});

describe('ellipsoidAxialDiameters', () => {
  it('matches a brute-force search over directions of the central axial section of a tilted ellipsoid', () => {
    const c = Math.cos(0.4), s = Math.sin(0.4), t = Math.cos(0.3), r = Math.sin(0.3);
    // u, v, w: rotated about z by 0.4 rad, then tilted about x by 0.3 rad.
    const frame: RigidFrame = {
      origin: [1, 2, 3],
      u: [c, s * t, s * r],
      v: [-s, c * t, c * r],
      w: [0, -r, t],
    };
    const semi: Vec3 = [20, 11, 7];
    const { longAxisMm, shortAxisMm } = ellipsoidAxialDiameters(frame, semi);
    let lo = Infinity, hi = 0;
    for (let a = 0; a < 36000; a++) {
      const th = (a * Math.PI) / 36000;
      const d: Vec3 = [Math.cos(th), Math.sin(th), 0];
      let q = 0;
      for (const [e, k] of [[frame.u, semi[0]], [frame.v, semi[1]], [frame.w, semi[2]]] as [Vec3, number][]) {
        q += ((d[0] * e[0] + d[1] * e[1]) / k) ** 2;
      }
      const diameter = 2 / Math.sqrt(q);
      lo = Math.min(lo, diameter);
      hi = Math.max(hi, diameter);
    }
    expect(longAxisMm).toBeCloseTo(hi, 6);
    expect(shortAxisMm).toBeCloseTo(lo, 6);
  });

  it('gives 2a and 2b for an ellipsoid turned about the superior axis only', () => {
    const d = ellipsoidAxialDiameters({ origin: [0, 0, 0], u: [0.6, 0.8, 0], v: [-0.8, 0.6, 0], w: [0, 0, 1] }, [9, 14, 30]);
    expect(d.longAxisMm).toBeCloseTo(28, 12);
    expect(d.shortAxisMm).toBeCloseTo(18, 12);
  });
});
