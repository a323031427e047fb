import { VoxaError } from '../errors/VoxaError.ts';
import { type Vec3, dot, length } from '../math/Vec3.ts';

/**
 * Lateral unit vectors of a rotation-minimising frame along sampled positions with unit tangents,
 * by the double reflection method (Wang, Jüttler, Zheng, Liu, "Computation of rotation minimizing
 * frames", ACM Trans. Graph. 27(1), 2008, Algorithm 1). `first` is projected perpendicular to the
 * first tangent and normalised; each later vector is re-orthogonalised to its tangent.
 */
export function rotationMinimisingFrame(positions: readonly Vec3[], tangents: readonly Vec3[], first: Vec3): Vec3[] {
  const t0 = tangents[0];
  const r0 = orthonormalTo(first, t0);
  if (!r0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `reference vector ${first.join(', ')} is parallel to the first tangent ${t0.join(', ')}`);
  let r: Vec3 = r0;
  const frame: Vec3[] = [r];
  for (let i = 0; i + 1 < positions.length; i++) {
    const x0 = positions[i], x1 = positions[i + 1], ti = tangents[i], tn = tangents[i + 1];
    const v1: Vec3 = [x1[0] - x0[0], x1[1] - x0[1], x1[2] - x0[2]];
    const c1 = dot(v1, v1);
    let rL: Vec3 = r, tL: Vec3 = ti;
    if (c1 > 0) {
      // First reflection, in the plane bisecting x_i and x_{i+1}.
      const kr = (2 / c1) * dot(v1, r), kt = (2 / c1) * dot(v1, ti);
      rL = [r[0] - kr * v1[0], r[1] - kr * v1[1], r[2] - kr * v1[2]];
      tL = [ti[0] - kt * v1[0], ti[1] - kt * v1[1], ti[2] - kt * v1[2]];
    }
    // Second reflection maps the reflected tangent onto t_{i+1}.
    const v2: Vec3 = [tn[0] - tL[0], tn[1] - tL[1], tn[2] - tL[2]];
    const c2 = dot(v2, v2);
    if (c2 > 1e-24) {
      const k = (2 / c2) * dot(v2, rL);
      rL = [rL[0] - k * v2[0], rL[1] - k * v2[1], rL[2] - k * v2[2]];
    }
    r = orthonormalTo(rL, tn) ?? frame[frame.length - 1];
    frame.push(r);
  }
  return frame;
}

/** v made perpendicular to the unit vector t and normalised; undefined when v is (nearly) parallel to t. */
export function orthonormalTo(v: Vec3, t: Vec3): Vec3 | undefined {
  const k = dot(v, t);
  const p: Vec3 = [v[0] - k * t[0], v[1] - k * t[1], v[2] - k * t[2]];
  const n = length(p);
  if (!(n > 1e-6 * (length(v) || 1))) return undefined;
  return [p[0] / n, p[1] / n, p[2] / n];
}
