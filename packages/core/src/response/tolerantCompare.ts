/**
 * Threshold comparisons that ignore floating-point noise: thresholds in response criteria are
 * inclusive ("at least 30 %"), and 10.1 + 10.2 + 9.7 is 29.999999999999996 in binary floating
 * point, which would turn an exact −30 % into −29.99999999999999 %. A value within a relative
 * 1e-9 of the threshold counts as equal to it; real measurements are never that close.
 */

/** Relative tolerance (of the larger magnitude, at least 1) within which two numbers are equal. */
export const RESPONSE_TOLERANCE = 1e-9;

function tolerance(a: number, b: number): number {
  return RESPONSE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** value ≥ threshold, allowing for rounding. */
export function atLeast(value: number, threshold: number): boolean {
  return value >= threshold - tolerance(value, threshold);
}

/** value ≤ threshold, allowing for rounding. */
export function atMost(value: number, threshold: number): boolean {
  return value <= threshold + tolerance(value, threshold);
}

/** value > threshold by more than rounding. */
export function greaterThan(value: number, threshold: number): boolean {
  return !atMost(value, threshold);
}

/** value < threshold by more than rounding. */
export function lessThan(value: number, threshold: number): boolean {
  return !atLeast(value, threshold);
}

/**
 * Relative change (value − reference) / reference as a fraction (−0.3 = −30 %); from a reference
 * of 0, any growth is +Infinity and no change is 0.
 */
export function fractionChange(value: number, reference: number): number {
  if (reference === 0) return value > 0 ? Infinity : 0;
  return (value - reference) / reference;
}
