import { describe, expect, it } from 'vitest';
import { lengthMm } from '../../src/measure/lengthMm.ts';

describe('lengthMm', () => {
  it('is the Euclidean distance in mm (3-4-12-13 triangle)', () => {
    expect(lengthMm([1, 2, 3], [4, 6, 15])).toBe(13);
    expect(lengthMm([1, 2, 3], [1, 2, 3])).toBe(0);
  });
});
