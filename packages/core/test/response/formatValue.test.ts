import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from '../../src/response/formatValue.ts';

describe('formatValue', () => {
  it('prints numbers without trailing zeros and percentages with a sign', () => {
    expect([formatNumber(70), formatNumber(70.04), formatNumber(65.449, 2)]).toEqual(['70', '70', '65.45']);
    expect([formatPercent(-0.3), formatPercent(0.2), formatPercent(0), formatPercent(Infinity)]).toEqual(['-30%', '+20%', '0%', '+∞%']);
  });
});
