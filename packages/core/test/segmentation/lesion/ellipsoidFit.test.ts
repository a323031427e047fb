import { describe, expect, it } from 'vitest';
import type { Dims3, Vec3 } from '../../../src/math/Vec3.ts';
import { addGaussianNoise } from '../../../src/phantom/gaussianNoise.ts';
import { ellipsoidMask, fitEllipsoidEdge } from '../../../src/segmentation/lesion/ellipsoidFit.ts';

describe('fitEllipsoidEdge', () => {
  it('recovers an ellipsoid painted with a linear partial-volume edge under noise', () => {
    // Semi-axes 9, 7, 6 mm at (20.3, 19.6, 20.2) on a 1.5 mm grid, 40 HU in −100, edge 1.5 mm, σ 10 HU.
    const dims: Dims3 = [27, 27, 27];
    const s: Vec3 = [1.5, 1.5, 1.5];
    const c = [20.3, 19.6, 20.2], ax = [9, 7, 6];
    const hu = new Int16Array(27 ** 3);
    const truth = new Uint8Array(27 ** 3);
    for (let k = 0, p = 0; k < 27; k++) for (let j = 0; j < 27; j++) for (let i = 0; i < 27; i++, p++) {
      const q = [i * 1.5 - c[0], j * 1.5 - c[1], k * 1.5 - c[2]];
      const k0 = Math.hypot(q[0] / ax[0], q[1] / ax[1], q[2] / ax[2]);
      const k1 = Math.hypot(q[0] / ax[0] ** 2, q[1] / ax[1] ** 2, q[2] / ax[2] ** 2);
      const d = (k0 * (k0 - 1)) / k1;
      const a = Math.min(1, Math.max(0, 0.5 - d / 1.5));
      hu[p] = Math.round(-100 + 140 * a);
      truth[p] = k0 <= 1 ? 1 : 0;
    }
    addGaussianNoise(hu, 10, 5, 0);
    const init = new Uint8Array(hu.length);
    for (let p = 0; p < hu.length; p++) init[p] = hu[p] > -30 ? 1 : 0;
    const fit = fitEllipsoidEdge(Float32Array.from(hu), dims, s, { mask: init, insideHu: 40, outsideHu: -100 }, 10)!;
    expect(Math.abs(fit.volumeMm3 / ((4 / 3) * Math.PI * 9 * 7 * 6) - 1)).toBeLessThan(0.015);
    fit.centreMm.forEach((v, a) => expect(Math.abs(v - c[a])).toBeLessThan(0.2));
    expect(Math.abs(fit.insideHu - 40)).toBeLessThan(5);
    expect(fit.rmsNoiseUnits).toBeLessThan(1.3);
    const m = ellipsoidMask(fit, dims, s);
    let both = 0, sum = 0;
    for (let p = 0; p < m.length; p++) { both += m[p] & truth[p]; sum += m[p] + truth[p]; }
    expect((2 * both) / sum).toBeGreaterThanOrEqual(0.97);
  });
});
