import type { Vec3 } from '../math/Vec3.ts';
import type { RigidFrame } from './shapes/RigidFrame.ts';

/** Long and short axis (mm) of a lesion in the axial plane. */
export interface AxialDiameters {
  longAxisMm: number;
  shortAxisMm: number;
}

/**
 * RECIST diameters of an ellipsoid, analytically. With the ellipsoid as xᵀAx ≤ 1
 * (A = Σ eᵢeᵢᵀ/aᵢ² over its axes eᵢ in LPS), every axial section z = c + t is the central
 * section xyᵀ·B·xy ≤ 1 (B = the 2×2 xy block of A) shifted and shrunk by √(1 − κt²); so the
 * largest axial section is the one through the centre, its long axis is 2/√λmin(B) and its short
 * axis (the longest diameter perpendicular to it, in the same plane) is 2/√λmax(B).
 */
export function ellipsoidAxialDiameters(frame: RigidFrame, semiAxesMm: Vec3): AxialDiameters {
  let b00 = 0, b01 = 0, b11 = 0;
  const axes = [frame.u, frame.v, frame.w];
  for (let n = 0; n < 3; n++) {
    const e = axes[n], k = 1 / (semiAxesMm[n] * semiAxesMm[n]);
    b00 += k * e[0] * e[0];
    b01 += k * e[0] * e[1];
    b11 += k * e[1] * e[1];
  }
  const mean = (b00 + b11) / 2;
  const r = Math.sqrt(((b00 - b11) / 2) ** 2 + b01 * b01);
  return { longAxisMm: 2 / Math.sqrt(mean - r), shortAxisMm: 2 / Math.sqrt(mean + r) };
}
