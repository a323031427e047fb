import { describe, expect, it } from 'vitest';
import { measureLesion, tooSmallValue } from '../../src/response/lesionMeasure.ts';
import { node, target } from './caseBuilder.ts';

describe('measureLesion', () => {
  it('reads the long axis of a lesion and the short axis of a node', () => {
    expect(measureLesion(target('L1', 'liver', [0]), { longAxisMm: 30, shortAxisMm: 20 }, 'diameter', 5)).toEqual({ ok: true, value: 30 });
    expect(measureLesion(node('N1', [0]), { longAxisMm: 30, shortAxisMm: 20 }, 'diameter', 5)).toEqual({ ok: true, value: 20 });
  });

  it('multiplies the axes for products and reads volumes', () => {
    expect(measureLesion(target('L1', 'brain', [0]), { longAxisMm: 30, shortAxisMm: 20 }, 'product', 5)).toEqual({ ok: true, value: 600 });
    expect(measureLesion(target('L1', 'liver', [0]), { volumeMm3: 4000 }, 'volume', 5)).toEqual({ ok: true, value: 4000 });
  });

  it('gives too-small lesions a 5 mm diameter, a 5 × 5 mm product or a 5 mm sphere, and disappeared ones 0', () => {
    expect(tooSmallValue('diameter', 5)).toBe(5);
    expect(tooSmallValue('product', 5)).toBe(25);
    // π/6 · 5³ = 65.45 mm³.
    expect(tooSmallValue('volume', 5)).toBeCloseTo(65.45, 2);
    expect(measureLesion(target('L1', 'liver', [0]), { presence: 'disappeared' }, 'product', 5)).toEqual({ ok: true, value: 0 });
  });

  it('says why a lesion has no measure', () => {
    const l = target('L1', 'liver', [0]);
    expect(measureLesion(l, null, 'diameter', 5)).toEqual({ ok: false, reason: 'not assessed' });
    expect(measureLesion(l, { presence: 'NE' }, 'diameter', 5)).toEqual({ ok: false, reason: 'marked not evaluable' });
    expect(measureLesion(l, { longAxisMm: 30 }, 'product', 5)).toEqual({ ok: false, reason: 'no shortAxisMm recorded' });
  });
});
