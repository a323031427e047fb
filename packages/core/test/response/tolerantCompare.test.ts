import { describe, expect, it } from 'vitest';
import { atLeast, atMost, fractionChange, greaterThan, lessThan } from '../../src/response/tolerantCompare.ts';

describe('tolerantCompare', () => {
  it('treats floating-point noise at a threshold as equal to it', () => {
    const change = fractionChange(21, 10.1 + 10.2 + 9.7); // −0.29999999999999993 in binary
    expect(change <= -0.3).toBe(false);
    expect(atMost(change, -0.3)).toBe(true);
    expect(atLeast(4.999999999999996, 5)).toBe(true);
  });

  it('still separates real differences of a hundredth of a percent', () => {
    expect(atMost(-0.2999, -0.3)).toBe(false);
    expect(greaterThan(0.3001, 0.3)).toBe(true);
    expect(greaterThan(0.3, 0.3)).toBe(false);
    expect(lessThan(9.99, 10)).toBe(true);
  });

  it('gives growth from 0 an infinite relative change', () => {
    expect(fractionChange(3, 0)).toBe(Infinity);
    expect(fractionChange(0, 0)).toBe(0);
  });
});
