import type { Lesion } from '../response/ResponseInput.ts';
import { CHART_FRAME, chartAxes, fmt, linearScale, niceTicks, timeAxis } from './chartFrame.ts';
import { escapeHtml } from './escapeHtml.ts';
import type { ReportMeasure } from './reportMeasure.ts';

/** Colours of the lesions' lines, in order (Okabe–Ito, readable in print and by colour-blind readers). */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

/** One lesion's change from its baseline value at each time point (percent; null when unknown). */
export interface LesionChangeSeries {
  lesionId: string;
  changePercent: (number | null)[];
}

/** Per-lesion % change from baseline for every target lesion with a positive baseline value. */
export function lesionChanges(lesions: readonly Lesion[], timePoints: number, measure: ReportMeasure): LesionChangeSeries[] {
  return lesions.filter((l) => l.kind === 'target').flatMap((lesion) => {
    const base = measure.valueAt(lesion, 0);
    if (base === null || !(base > 0)) return [];
    const changePercent = Array.from({ length: timePoints }, (_, t) => {
      const v = measure.valueAt(lesion, t);
      return v === null ? null : ((v - base) / base) * 100;
    });
    return [{ lesionId: lesion.id, changePercent }];
  });
}

/**
 * A spider plot as inline SVG: one `polyline.spider-line` per target lesion through its %
 * change from baseline at the time points where it was measured, a zero line, the criterion's
 * response and progression changes as reference lines, and a legend.
 */
export function spiderChartSvg(series: readonly LesionChangeSeries[], datesIso: readonly string[], measure: ReportMeasure): string {
  const f = CHART_FRAME;
  const xs = timeAxis(f, datesIso);
  const values = series.flatMap((s) => s.changePercent.filter((v): v is number => v !== null));
  const refs = [measure.responseChange, measure.progressionChange].filter((c): c is number => c !== null).map((c) => c * 100);
  const lo = Math.min(-10, ...values, ...refs);
  const hi = Math.max(10, ...values, ...refs);
  const yTicks = niceTicks(lo, hi);
  const y = linearScale([yTicks[0], yTicks[yTicks.length - 1]], [f.bottom, f.top]);
  const parts = [chartAxes(f, y, yTicks, (v) => `${v > 0 ? '+' : ''}${v}%`, datesIso.map((d, i) => ({ x: xs[i], label: d })), 'Change of each target lesion from baseline')];
  parts.push(`<line class="zero" x1="${f.left}" x2="${f.right}" y1="${fmt(y(0))}" y2="${fmt(y(0))}"/>`);
  for (const r of refs) {
    parts.push(`<line class="threshold" x1="${f.left}" x2="${f.right}" y1="${fmt(y(r))}" y2="${fmt(y(r))}"/>`
      + `<text class="note" x="${f.left + 4}" y="${fmt(y(r) - 4)}">${r > 0 ? '+' : '−'}${Number(Math.abs(r).toFixed(1))}%</text>`);
  }
  series.forEach((s, k) => {
    const colour = PALETTE[k % PALETTE.length];
    const pts = s.changePercent.flatMap((v, t) => (v === null ? [] : [`${fmt(xs[t])},${fmt(y(v))}`]));
    parts.push(`<polyline class="spider-line" data-lesion="${escapeHtml(s.lesionId)}" stroke="${colour}" points="${pts.join(' ')}"/>`);
    const lx = f.left + 8 + (k % 4) * 90, ly = f.height - 14 + Math.floor(k / 4) * 12;
    parts.push(`<line x1="${lx}" x2="${lx + 14}" y1="${ly - 3}" y2="${ly - 3}" stroke="${colour}" stroke-width="2"/>`
      + `<text class="legend" x="${lx + 18}" y="${ly}">${escapeHtml(s.lesionId)}</text>`);
  });
  const rows = Math.ceil(series.length / 4);
  const height = f.height + Math.max(0, rows - 1) * 12;
  return `<svg class="chart spider-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${height}" role="img" aria-label="Spider plot">${parts.join('')}</svg>`;
}
