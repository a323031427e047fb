import { describe, expect, it } from 'vitest';
import { RegistrationCache } from '../../src/registration/RegistrationCache.ts';

describe('RegistrationCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new RegistrationCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('defaults to 32 entries and refuses a size below 1', () => {
    expect(new RegistrationCache().maxEntries).toBe(32);
    expect(() => new RegistrationCache(0)).toThrow(RangeError);
  });
});
