import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../src/registration/withDefaults.ts';

describe('withDefaults', () => {
  it('fills keys left out or undefined, keeps given values (also falsy ones) and keys without a default, and leaves both inputs as they were', () => {
    const defaults = { levels: [4, 2, 1] as readonly number[], seed: 1, matchIntensities: true };
    const options = { levels: undefined, seed: 0, matchIntensities: false, signal: 'abort' };
    const o = withDefaults(options, defaults);
    expect(o).toEqual({ levels: [4, 2, 1], seed: 0, matchIntensities: false, signal: 'abort' });
    expect(withDefaults({}, defaults)).toEqual(defaults);
    expect(options.levels).toBeUndefined();
    expect(defaults).toEqual({ levels: [4, 2, 1], seed: 1, matchIntensities: true });
  });
});
