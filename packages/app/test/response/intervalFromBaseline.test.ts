import { describe, expect, it } from 'vitest';
import { intervalFromBaseline } from '../../src/response/intervalFromBaseline.ts';

describe('intervalFromBaseline', () => {
  it('says baseline, days under two weeks, then weeks and days', () => {
    expect(intervalFromBaseline('2024-01-08', '2024-01-08')).toEqual({ days: 0, label: 'baseline' });
    expect(intervalFromBaseline('2024-01-08', '2024-01-18')).toEqual({ days: 10, label: '+10 d' });
    expect(intervalFromBaseline('2024-01-08', '2024-03-04')).toEqual({ days: 56, label: '+8 wk (+56 d)' });
    expect(intervalFromBaseline('2024-01-08', '2024-04-29')).toEqual({ days: 112, label: '+16 wk (+112 d)' });
  });

  it('counts whole days across a daylight-saving change and a leap day, and signs a prior study', () => {
    expect(intervalFromBaseline('2024-02-28', '2024-03-31').days).toBe(32);
    expect(intervalFromBaseline('2024-01-08', '2023-12-18')).toEqual({ days: -21, label: '−3 wk (−21 d)' });
    expect(intervalFromBaseline('2024-01-08', 'not a date').label).toBe('');
  });
});
