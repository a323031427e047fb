/** A round scale-bar length (mm) about 100 CSS px long. */
export function scaleBarMm(mmPerCssPixel: number): number {
  const target = 100 * mmPerCssPixel;
  for (const l of [1, 2, 5, 10, 20, 50, 100, 200, 500]) if (l >= target * 0.6) return l;
  return 1000;
}
