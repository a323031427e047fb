import { describe, expect, it } from 'vitest';
import { gaussianSmoothField } from '../../src/registration/gaussianSmoothField.ts';

describe('gaussianSmoothField', () => {
  it('keeps a uniform plane uniform (replicated edges) on every axis', () => {
    const p = new Float32Array(7 * 6 * 5).fill(2.5);
    gaussianSmoothField([p], [7, 6, 5], [1.5, 1, 2]);
    for (const v of p) expect(v).toBeCloseTo(2.5, 5);
  });

  it('spreads an impulse far from the edges into a normalised Gaussian of the given σ per axis', () => {
    const [nx, ny, nz] = [25, 25, 25];
    const p = new Float32Array(nx * ny * nz);
    const centre = 12 + nx * (12 + ny * 12);
    p[centre] = 1;
    gaussianSmoothField([p], [nx, ny, nz], [2, 1, 0]);
    let sum = 0, varX = 0, varY = 0, varZ = 0;
    for (let k = 0, n = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++, n++) {
      sum += p[n];
      varX += p[n] * (i - 12) ** 2;
      varY += p[n] * (j - 12) ** 2;
      varZ += p[n] * (k - 12) ** 2;
    }
    expect(sum).toBeCloseTo(1, 5);
    // Truncation at 3σ drops 0.3 % of the tails: the variance is σ² within 3 %.
    expect(varX).toBeCloseTo(4, 1);
    expect(varY).toBeCloseTo(1, 1);
    expect(varZ).toBe(0); // σ 0 leaves the axis alone
  });
});
