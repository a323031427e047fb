import type { Mat4 } from '../math/Mat4.ts';
import type { Vec3 } from '../math/Vec3.ts';
import { mat4Identity } from '../math/Mat4.ts';

/** A rigid patient motion: a rotation about the superior (z) axis through the body origin, then a shift. */
export interface RigidMotion {
  rotationDeg: number;
  translationMm: Vec3;
}

/** The patient's position at each time point relative to baseline (index 0 does not move). */
export const FOLLOW_UP_MOTIONS: readonly RigidMotion[] = [
  { rotationDeg: 0, translationMm: [0, 0, 0] },
  { rotationDeg: 3, translationMm: [4, -3, 6] },
  { rotationDeg: -2.5, translationMm: [-5, 2, -4.5] },
];

/**
 * The 4×4 (column-major, LPS mm) that moves the patient from the baseline position to the time
 * point's: p_tp = R_z(θ)·p_baseline + t. Maps a baseline landmark to where it is at the time point.
 */
export function baselineToTimePoint(index: number): Mat4 {
  const { rotationDeg, translationMm: t } = FOLLOW_UP_MOTIONS[index];
  const a = (rotationDeg * Math.PI) / 180;
  const c = Math.cos(a), s = Math.sin(a);
  const m = mat4Identity();
  m[0] = c; m[1] = s; m[4] = -s; m[5] = c;
  m[12] = t[0]; m[13] = t[1]; m[14] = t[2];
  return m;
}

/** The inverse rigid transform, built exactly (Rᵀ, −Rᵀt): maps a time point's LPS to baseline LPS. */
export function timePointToBaseline(index: number): Mat4 {
  const f = baselineToTimePoint(index);
  const m = mat4Identity();
  m[0] = f[0]; m[1] = f[4]; m[4] = f[1]; m[5] = f[5];
  m[12] = -(f[0] * f[12] + f[1] * f[13]);
  m[13] = -(f[4] * f[12] + f[5] * f[13]);
  m[14] = -f[14];
  return m;
}
