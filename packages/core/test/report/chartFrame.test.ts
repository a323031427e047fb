import { describe, expect, it } from 'vitest';
import { linearScale, niceTicks, timeAxis, CHART_FRAME } from '../../src/report/chartFrame.ts';

describe('chartFrame', () => {
  it('niceTicks covers the range with round steps, outward', () => {
    expect(niceTicks(0, 118.8)).toEqual([0, 25, 50, 75, 100, 125]);
    expect(niceTicks(-40, 20)).toEqual([-40, -20, 0, 20]);
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('linearScale maps the domain ends onto the range ends', () => {
    const y = linearScale([0, 120], [210, 30]);
    expect(y(0)).toBe(210);
    expect(y(120)).toBe(30);
    expect(y(60)).toBe(120);
  });

  it('timeAxis spaces time points by date, evenly when dates do not increase', () => {
    const [a, b, c] = timeAxis(CHART_FRAME, ['2024-01-01', '2024-01-11', '2024-01-31']);
    expect((b - a) / (c - a)).toBeCloseTo(10 / 30, 9);
    const [d, e, f] = timeAxis(CHART_FRAME, ['2024-01-01', '2023-12-01', '2024-01-31']);
    expect(e - d).toBeCloseTo(f - e, 9);
  });
});
