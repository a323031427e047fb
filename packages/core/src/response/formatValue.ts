/** Number formatting for the sentences of rule firings and issues. */

/** A number with at most `digits` decimals and no trailing zeros: 70, 70.5, 65.45. */
export function formatNumber(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return String(Number(x.toFixed(digits)));
}

/** A fraction as a signed percentage: −0.3 → '-30%', 0.2 → '+20%'. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '+∞%';
  const p = Number((fraction * 100).toFixed(1));
  return `${p > 0 ? '+' : ''}${p}%`;
}
