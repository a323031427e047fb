import { describe, expect, it } from 'vitest';
import { CHART_FRAME } from '../../src/report/chartFrame.ts';
import { escapeHtml } from '../../src/report/escapeHtml.ts';
import { renderResponseReportHtml } from '../../src/report/renderResponseReportHtml.ts';
import type { ResponseReport } from '../../src/report/ResponseReport.ts';
import { bestOverallResponse } from '../../src/response/bestOverallResponse.ts';
import { evaluateWho } from '../../src/response/who.ts';
import { bi, patient, target, weeks } from '../response/caseBuilder.ts';
import { HAND_SUMS_MM, recistReport } from './recistReportCase.ts';

/** The x,y pairs of the first polyline with this class. */
function polylinePoints(html: string, cls: string, extra = ''): [number, number][] {
  const m = new RegExp(`<polyline class="${cls}"${extra}[^>]* points="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no polyline.${cls}${extra}`);
  return m[1].trim().split(/\s+/).map((p) => p.split(',').map(Number) as [number, number]);
}

/** The cells' text of the summary row of time point i. */
function summaryRow(html: string, i: number): string[] {
  const row = new RegExp(`<table class="summary">.*?<tr data-time-point="${i}">(.*?)</tr>`, 's').exec(html)![1];
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
}

describe('renderResponseReportHtml: a RECIST 1.1 case, PR then PD by a new lesion', () => {
  const report = recistReport();
  const html = renderResponseReportHtml(report);

  it('states each follow-up category in the summary and in the time point heading', () => {
    expect(summaryRow(html, 1)[8]).toBe('PR');
    expect(summaryRow(html, 2)[8]).toBe('PD');
    expect(html).toMatch(/<h3>Time point 1 — 2024-02-26 — <span class="category cat-PR">PR<\/span><\/h3>/);
    expect(html).toMatch(/<h3>Time point 2 — 2024-04-22 — <span class="category cat-PD">PD<\/span><\/h3>/);
  });

  it('shows the hand-worked sums and their changes from baseline and nadir', () => {
    expect([0, 1, 2].map((i) => summaryRow(html, i)[2])).toEqual(HAND_SUMS_MM.map(String));
    // (67 − 110) / 110 = −39.09 %; (78 − 110) / 110 = −29.09 %; (78 − 67) / 67 = +16.42 %.
    expect(summaryRow(html, 1).slice(3, 5)).toEqual(['−39.1%', '−39.1%']);
    expect(summaryRow(html, 2).slice(3, 5)).toEqual(['−29.1%', '+16.4%']);
    expect(html).toContain('from nadir 67 mm: +16.4%');
  });

  it('explains each time point with the rule firings\' sentences and ids', () => {
    for (const tp of report.evaluation.timePoints) {
      for (const f of tp.firings) expect(html).toContain(`${escapeHtml(f.message)} <code>${f.ruleId}</code>`);
    }
    const pdIds = report.evaluation.timePoints[1].firings.map((f) => f.ruleId);
    expect(pdIds.some((id) => id.includes('new'))).toBe(true);
  });

  it('states the best overall response, PR at time point 1', () => {
    expect(report.bestOverallResponse?.category).toBe('PR');
    expect(html).toContain('Best overall response: <span class="category cat-PR">PR</span></b> at time point 1 (2024-02-26)');
  });

  it('lists every lesion with the diameter RECIST reads (short axis for the node)', () => {
    const section = /<section class="time-point" data-time-point="1">(.*?)<\/section>/s.exec(html)![1];
    const row = (id: string) => [...new RegExp(`<tr data-lesion="${id}">(.*?)</tr>`).exec(section)![1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    expect(row('L1')).toEqual(['L1', 'liver', 'target', '', 'measured', '30', '—']);
    expect(row('N1')).toEqual(['N1', 'lymph node', 'target', 'yes', 'measured', '12', '—']);
    expect(row('NT1').slice(2, 5)).toEqual(['non-target', '', 'present']);
    expect(section).not.toContain('data-lesion="NEW1"');
    expect(html).toMatch(/<section class="time-point" data-time-point="2">.*<tr data-lesion="NEW1"><td>NEW1<\/td><td>liver<\/td><td>new<\/td>/s);
  });

  it('escapes the patient name and id: no markup from them reaches the document', () => {
    expect(html).not.toContain('<script');
    expect(html).toContain('Doe &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien');
    expect(html).toContain('P&lt;001&gt;');
  });

  it('is self-contained: inline style and SVG, no scripts, links or external resources, A4 page', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/\s(src|href)=|url\(|@import|<link|<img|<iframe/i);
    expect(html).toContain('@page { size: A4;');
    expect(html.match(/<svg /g)).toHaveLength(2);
  });

  it('draws the sums at heights proportional to them, later dates further right', () => {
    const pts = polylinePoints(html, 'sum-line');
    expect(pts).toHaveLength(3);
    expect(pts[0][0]).toBeLessThan(pts[1][0]);
    expect(pts[1][0]).toBeLessThan(pts[2][0]);
    // SVG y grows downwards: the larger the sum, the smaller y (110 > 78 > 67).
    const order = (xs: number[]) => xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
    expect(order(pts.map((p) => -p[1]))).toEqual(order(HAND_SUMS_MM));
    // y = bottom − k · sum: the same k for every point, and a zero sum on the axis (2-decimal coordinates).
    const k = (pts[0][1] - pts[1][1]) / (HAND_SUMS_MM[1] - HAND_SUMS_MM[0]);
    expect(k).toBeGreaterThan(0);
    pts.forEach(([, y], i) => expect(y).toBeCloseTo(CHART_FRAME.bottom - k * HAND_SUMS_MM[i], 1));
    // Time by date: week 8 is halfway between weeks 0 and 16.
    expect(pts[1][0] - pts[0][0]).toBeCloseTo(pts[2][0] - pts[1][0], 1);
  });

  it('draws the PR line at 70 % of the baseline sum (77 mm), the PD threshold per follow-up, and marks the nadir', () => {
    const k = (CHART_FRAME.bottom - polylinePoints(html, 'sum-line')[0][1]) / 110;
    const line = /<line class="threshold response"[^>]* y1="([\d.]+)"/.exec(html)!;
    expect(Number(line[1])).toBeCloseTo(CHART_FRAME.bottom - k * 77, 1);
    expect(html).toContain('PR −30% of baseline');
    expect(html).toContain('PD at +20% and 5 mm from nadir');
    // Progression marks: week 8 max(110 × 1.2, 115) = 132 mm, week 16 max(67 × 1.2, 72) = 80.4 mm.
    const marks = [...html.matchAll(/<line class="threshold progression" x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(marks[0]).toBeCloseTo(CHART_FRAME.bottom - k * 132, 1);
    expect(marks[1]).toBeCloseTo(CHART_FRAME.bottom - k * 80.4, 1);
    expect(html).toMatch(/<circle class="nadir" cx="[\d.]+" cy="[\d.]+"/);
  });

  it('draws one spider line per target lesion, all starting at 0 % and L1 lowest at week 8 (−40 %)', () => {
    const lines = ['L1', 'L2', 'N1'].map((id) => polylinePoints(html, 'spider-line', ` data-lesion="${id}"`));
    for (const p of lines) expect(p).toHaveLength(3);
    expect(new Set(lines.map((p) => p[0][1])).size).toBe(1);
    // Week 8: L1 −40 %, N1 −40 %, L2 −37.5 %; week 16: L1 −28 %, L2 −30 %, N1 −30 %.
    expect(lines[0][1][1]).toBeCloseTo(lines[2][1][1], 2);
    expect(lines[0][1][1]).toBeGreaterThan(lines[1][1][1]);
    expect(lines[0][2][1]).toBeLessThan(lines[1][2][1]);
  });
});

describe('renderResponseReportHtml: other criteria', () => {
  it('shows WHO products in mm² with WHO\'s −50 % line', () => {
    // 20×10 + 30×20 = 800 mm² → 10×10 + 15×10 = 250 mm²: −68.75 % → PR.
    const input = patient(weeks(0, 8), target('A', 'liver', [bi(20, 10), bi(10, 10)]), target('B', 'lung', [bi(30, 20), bi(15, 10)]));
    const evaluation = evaluateWho(input);
    const report: ResponseReport = { patient: { id: 'w' }, criterion: 'WHO', input, evaluation, bestOverallResponse: bestOverallResponse(evaluation), generatedAtIso: '2024-05-01', softwareVersion: 'test' };
    const html = renderResponseReportHtml(report);
    expect(html).toContain('long × short axis (mm²)');
    expect(summaryRow(html, 1)[2]).toBe('250');
    expect(summaryRow(html, 1)[3]).toBe('−68.8%');
    expect(html).toContain('PR −50% of baseline');
  });
});
