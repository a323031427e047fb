/**
 * The shortest decimal (at most 9 significant digits) that reads back as the same float32: what
 * text mesh formats write, so a file round-trips our Float32Array positions exactly.
 */
export function shortestFloat32(x: number): string {
  const f = Math.fround(x);
  for (let digits = 6; digits < 9; digits++) {
    const s = f.toPrecision(digits);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(Number(f.toPrecision(9)));
}
