import { describe, expect, it } from 'vitest';
import { cohortRows } from '../../src/report/cohortRows.ts';
import { REPORT_CSS } from '../../src/report/reportStyle.ts';
import { WATERFALL_FRAME, waterfallChartSvg, waterfallColour } from '../../src/report/waterfallChartSvg.ts';
import { COHORT, HAND_BEST_CHANGE } from './cohortCase.ts';

/** The attributes of every `<tag class="cls…" …>` in the SVG, in document order. */
function elements(svg: string, tag: string, cls: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${tag} class="${cls}[^"]*"[^>]*>`, 'g'))]
    .map((m) => Object.fromEntries([...m[0].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
}

describe('waterfallChartSvg', () => {
  const rows = cohortRows(COHORT);
  const svg = waterfallChartSvg(rows.map((r) => ({ label: r.label, changePercent: r.bestChangePercent, category: r.bestOverallResponse })));
  const bars = elements(svg, 'rect', 'bar');
  const zeroY = Number(elements(svg, 'line', 'zero')[0].y1);

  it('takes each patient\'s best change as the lowest change of the sum from baseline over the follow-ups', () => {
    for (const r of rows) {
      const hand = HAND_BEST_CHANGE[r.label];
      if (hand === null) expect(r.bestChangePercent).toBeNull();
      else expect(r.bestChangePercent).toBeCloseTo(hand, 9);
    }
  });

  it('draws one bar per patient with a follow-up, from the largest increase to the largest decrease', () => {
    expect(bars.map((b) => b['data-patient'])).toEqual(['P5', 'P2', 'P4', 'P1', 'P3']);
    const xs = bars.map((b) => Number(b.x));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(svg).toContain('1 patient(s) without a follow-up measure not shown'); // P6
  });

  it('makes bar heights proportional to the change, up from the zero line for growth and down for shrinkage', () => {
    // Drawn change: P5's +150 % capped at +100 %.
    const drawn = bars.map((b) => Math.min(100, Number(b['data-change'])));
    const k = Number(bars[1].height) / 20; // P2: +20 %
    expect(k).toBeGreaterThan(0);
    bars.forEach((b, i) => {
      expect(Number(b.height)).toBeCloseTo(k * Math.abs(drawn[i]), 1);
      const top = Number(b.y), bottom = top + Number(b.height);
      if (drawn[i] > 0) expect(bottom).toBeCloseTo(zeroY, 1);
      else expect(top).toBeCloseTo(zeroY, 1);
    });
    expect(Number(bars[4].y) + Number(bars[4].height)).toBeLessThanOrEqual(WATERFALL_FRAME.bottom + 0.01); // −100 % fits
  });

  it('caps a bar above +100 % and marks it with its real value', () => {
    expect(bars[0].class).toBe('bar capped');
    expect(bars.slice(1).every((b) => b.class === 'bar')).toBe(true);
    expect(svg).toMatch(/<text class="note cap-mark"[^>]*>▲ \+150%<\/text>/);
  });

  it('draws dashed lines at −30 % and +20 % at the heights of those changes', () => {
    const k = Number(bars[1].height) / 20;
    const response = elements(svg, 'line', 'threshold response')[0];
    const progression = elements(svg, 'line', 'threshold progression')[0];
    expect(Number(response.y1)).toBeCloseTo(zeroY + 30 * k, 1);
    expect(Number(progression.y1)).toBeCloseTo(zeroY - 20 * k, 1);
    expect(REPORT_CSS).toMatch(/\.chart \.threshold \{[^}]*stroke-dasharray/); // dashed by the report's stylesheet
  });

  it('colours each bar by its best overall response and shows a legend of those present', () => {
    expect(bars.map((b) => b['data-category'])).toEqual(['PD', 'PD', 'SD', 'PR', 'CR']);
    bars.forEach((b) => expect(b.fill).toBe(waterfallColour(b['data-category'])));
    expect(new Set(['CR', 'PR', 'SD', 'PD'].map(waterfallColour)).size).toBe(4);
    const legend = [...svg.matchAll(/<text class="legend"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(legend).toEqual(['CR', 'PR', 'SD', 'PD']);
  });

  it('labels the value axis in percent', () => {
    const ticks = [...svg.matchAll(/<text class="tick" [^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(ticks).toContain('0%');
    expect(ticks).toContain('+100%');
    expect(ticks).toContain('−100%');
  });
});
