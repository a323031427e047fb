import { describe, expect, it } from 'vitest';
import { mat4FromColumns } from '../../src/math/Mat4.ts';
import { MattesMutualInformation } from '../../src/registration/MattesMutualInformation.ts';
import { drawSamples } from '../../src/registration/RegistrationSamples.ts';
import { createVolume, type Volume } from '../../src/volume/Volume.ts';

/** A smooth blob image (two Gaussians) on a 1.5 × 1.5 × 2 mm grid: a differentiable test scene. */
function blobs(shiftMm = 0, invert = false, margin = 0): Volume {
  const dims: [number, number, number] = [40 + 2 * margin, 40 + 2 * margin, 30 + 2 * margin];
  const o = -30 - 1.5 * margin, oz = -30 - 2 * margin;
  const m = mat4FromColumns([1.5, 0, 0], [0, 1.5, 0], [0, 0, 2], [o, o, oz]);
  const v = createVolume({ dimensions: dims, type: 'float32', indexToWorld: m });
  for (let k = 0, n = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++, n++) {
    const x = o + 1.5 * i - shiftMm, y = o + 1.5 * j, z = oz + 2 * k;
    const g = 100 * Math.exp(-((x - 5) ** 2 + y ** 2 + (z + 3) ** 2) / 120) + 60 * Math.exp(-((x + 8) ** 2 + (y - 6) ** 2 + z ** 2) / 60);
    v.voxels[n] = invert ? 200 - g : g;
  }
  return v;
}

const identityAt = (tx = 0) => new Float64Array([1, 0, 0, tx, 0, 1, 0, 0, 0, 0, 1, 0]);

describe('MattesMutualInformation', () => {
  it('gives an exact gradient: the analytic dMI/dM matches central differences', () => {
    // The moving grid extends 5 voxels beyond the fixed one, so no sample leaves it: a sample
    // that crosses the border changes MI by a jump that no gradient describes.
    const fixed = blobs(), moving = blobs(2, false, 5);
    const mi = new MattesMutualInformation(drawSamples(fixed, 8000, [0, 0, 0], 7), moving);
    const m = new Float64Array([1.01, 0.02, 0, 1.2, -0.02, 0.99, 0.01, -0.7, 0, -0.01, 1, 0.4]);
    const grad = new Float64Array(12);
    mi.evaluate(m, grad);
    let checked = 0;
    for (let p = 0; p < 12; p++) {
      const h = p % 4 === 3 ? 1e-3 : 1e-5;
      const a = new Float64Array(m); a[p] += h;
      const b = new Float64Array(m); b[p] -= h;
      const numeric = (mi.evaluate(a) - mi.evaluate(b)) / (2 * h);
      const analytic = p % 4 === 3 ? grad[9 + Math.floor(p / 4)] : grad[Math.floor(p / 4) * 3 + (p % 4)];
      expect(mi.validFraction).toBe(1);
      // Samples crossing a trilinear cell face make kinks; 1% of the largest component is the tolerance.
      expect(Math.abs(analytic - numeric)).toBeLessThan(0.01 * Math.max(...grad.map(Math.abs)));
      checked++;
    }
    expect(checked).toBe(12);
  });

  it('peaks at the true shift, also across a contrast inversion (mutual information, not difference)', () => {
    const fixed = blobs();
    for (const moving of [blobs(3), blobs(3, true)]) {
      const mi = new MattesMutualInformation(drawSamples(fixed, 8000, [0, 0, 0], 3), moving);
      // Fixed x maps to moving x + 3 mm at the truth.
      const values = [-1, 0, 1, 2, 3, 4, 5, 6, 7].map((t) => mi.evaluate(identityAt(t)));
      expect(values.indexOf(Math.max(...values))).toBe(4);
    }
  });

  it('counts only samples that land inside the moving image', () => {
    const fixed = blobs(), moving = blobs();
    const mi = new MattesMutualInformation(drawSamples(fixed, 4000, [0, 0, 0], 1), moving);
    mi.evaluate(identityAt(0));
    expect(mi.validFraction).toBe(1);
    // Shifted by 29.25 mm of a 58.5 mm wide grid: about half the samples fall outside.
    mi.evaluate(identityAt(29.25));
    expect(mi.validFraction).toBeGreaterThan(0.45);
    expect(mi.validFraction).toBeLessThan(0.55);
  });
});
