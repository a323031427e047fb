import { describe, expect, it } from 'vitest';
import { isValidUid, uidProblem } from '../../src/store/uid.ts';

describe('UID validation (PS3.5 §9.1)', () => {
  it('accepts digits and dots, 0 as a component, and exactly 64 characters', () => {
    for (const uid of ['1.2.840.10008.1.2.1', '1.2.0.3', '0', `1.${'2'.repeat(62)}`]) expect(isValidUid(uid)).toBe(true);
  });

  it('names what is wrong: characters, empty components, leading zeros, length', () => {
    expect(uidProblem('../../etc/passwd')).toBe('only digits and dots are allowed');
    expect(uidProblem('1.2.3 ')).toBe('only digits and dots are allowed');
    expect(uidProblem('1.2.03')).toBe('a component has a leading zero');
    expect(uidProblem('1..2')).toBe('a component is empty');
    expect(uidProblem('.1.2')).toBe('a component is empty');
    expect(uidProblem('1.2.')).toBe('a component is empty');
    expect(uidProblem('')).toBe('it is empty');
    expect(uidProblem(`1.${'2'.repeat(63)}`)).toBe('it has 65 characters, more than 64');
  });
});
