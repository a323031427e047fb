import { describe, expect, it } from 'vitest';
import { type Vec3, cross, dot } from '../../src/math/Vec3.ts';
import { resamplePath } from '../../src/mpr/resamplePath.ts';
import { rotationMinimisingFrame } from '../../src/mpr/rotationMinimisingFrame.ts';
import { thrown } from '../util/thrown.ts';

describe('rotationMinimisingFrame', () => {
  it('keeps the binormal of a planar curve fixed', () => {
    const pts: Vec3[] = [];
    for (let d = 0; d <= 270; d += 3) pts.push([10 * Math.cos((d * Math.PI) / 180), 0, 10 * Math.sin((d * Math.PI) / 180)]);
    const { positions, tangents } = resamplePath(pts, 0.7);
    const frame = rotationMinimisingFrame(positions, tangents, [0, 1, 0]);
    for (const r of frame) expect(Math.abs(r[1])).toBeGreaterThan(1 - 1e-9);
  });

  it('turns against the Frenet frame of a helix at the rate −τ (Bishop frame)', () => {
    // Helix (R cos t, R sin t, c t): torsion τ = c / (R² + c²); an RMF vector U = cos φ N + sin φ B has φ′(s) = −τ.
    const R = 10, c = 3, speed = Math.hypot(R, c), tau = c / (R * R + c * c);
    const pts: Vec3[] = [];
    for (let t = 0; t <= 4 * Math.PI; t += 0.005) pts.push([R * Math.cos(t), R * Math.sin(t), c * t]);
    const { positions, tangents, arcLengthMm } = resamplePath(pts, 0.5);
    const frame = rotationMinimisingFrame(positions, tangents, [0, 0, 1]);
    let previous = 0, unwrapped = 0;
    const phi: number[] = [];
    for (let m = 0; m < positions.length; m++) {
      const t = arcLengthMm[m] / speed;
      const N: Vec3 = [-Math.cos(t), -Math.sin(t), 0];
      const T: Vec3 = [-R * Math.sin(t) / speed, R * Math.cos(t) / speed, c / speed];
      const B = cross(T, N);
      const a = Math.atan2(dot(frame[m], B), dot(frame[m], N));
      if (m > 0) unwrapped += ((a - previous + 3 * Math.PI) % (2 * Math.PI)) - Math.PI;
      else unwrapped = a;
      previous = a;
      phi.push(unwrapped);
      expect(Math.abs(dot(frame[m], tangents[m]))).toBeLessThan(1e-9);
    }
    const s = arcLengthMm[positions.length - 1];
    const slope = (phi[phi.length - 1] - phi[0]) / s;
    expect(slope).toBeCloseTo(-tau, 3);
    // A frame that is not rotation-minimising (e.g. Frenet) would have slope 0; τ here is 0.0275 rad/mm.
    expect(Math.abs(slope + tau) / tau).toBeLessThan(0.01);
  });

  it('refuses a reference vector parallel to the first tangent', () => {
    expect(thrown(() => rotationMinimisingFrame([[0, 0, 0], [1, 0, 0]], [[1, 0, 0], [1, 0, 0]], [2, 0, 0])).code).toBe('VOXA_ERR_BAD_ARGUMENT');
  });
});
