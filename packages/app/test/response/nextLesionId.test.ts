import { describe, expect, it } from 'vitest';
import { nextLesionId } from '../../src/response/nextLesionId.ts';

describe('nextLesionId', () => {
  it('gives the next number after the highest of the kind, not reusing gaps', () => {
    expect(nextLesionId('target', [])).toBe('T1');
    expect(nextLesionId('target', ['T1', 'T3', 'NT1'])).toBe('T4');
    expect(nextLesionId('non-target', ['T1', 'NT2'])).toBe('NT3');
  });

  it('keeps N (new) and NT (non-target) apart, and ignores ids of other forms', () => {
    expect(nextLesionId('new', ['NT1', 'NT2', 'N1', 'liver-3', 'T9x'])).toBe('N2');
    expect(nextLesionId('non-target', ['N5'])).toBe('NT1');
  });
});
