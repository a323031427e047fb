import type { Vec3 } from '@voxa/core';

/** Patient direction letters of an LPS direction, strongest first (e.g. "LP" for an oblique). */
export function orientationLabel(d: Vec3): string {
  const letters: [number, string][] = [
    [d[0], d[0] > 0 ? 'L' : 'R'], [d[1], d[1] > 0 ? 'P' : 'A'], [d[2], d[2] > 0 ? 'S' : 'I'],
  ];
  return letters.filter(([v]) => Math.abs(v) > 0.25).sort((a, b) => Math.abs(b[0]) - Math.abs(a[0])).map(([, l]) => l).join('');
}

/** A round scale-bar length (mm) about 100 CSS px long. */
export function scaleBarMm(mmPerCssPixel: number): number {
  const target = 100 * mmPerCssPixel;
  for (const l of [1, 2, 5, 10, 20, 50, 100, 200, 500]) if (l >= target * 0.6) return l;
  return 1000;
}
