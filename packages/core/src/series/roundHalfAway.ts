/** Round half away from zero (C's round()), so integer resampling matches dcm2niix bit for bit. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
