import { CHART_FRAME, chartAxes, fmt, linearScale, niceTicks, timeAxis } from './chartFrame.ts';
import { escapeHtml } from './escapeHtml.ts';
import type { ReportMeasure } from './reportMeasure.ts';
import type { ReportTimePoint } from './reportTimeline.ts';

const pct = (f: number) => `${f > 0 ? '+' : '−'}${Number(Math.abs(f * 100).toFixed(1))}%`;

/**
 * The target measure over time as an inline SVG: one `polyline.sum-line` through the time
 * points that have a value (x by date, y = value, larger values higher), baseline and nadir
 * marked, and the criterion's thresholds: a line at baseline × (1 + PR change), and at each
 * follow-up a mark at max(nadir × (1 + PD change), nadir + minimum) (RECIST: −30 %, +20 % and 5 mm).
 */
export function sumChartSvg(timeline: readonly ReportTimePoint[], measure: ReportMeasure): string {
  const f = CHART_FRAME;
  const unit = timeline[0]?.measure.unit ?? measure.unit;
  const xs = timeAxis(f, timeline.map((t) => t.dateIso));
  const pts = timeline.flatMap((t, i) => (t.measure.value === null ? [] : [{ i, value: t.measure.value }]));
  const baseline = timeline[0]?.measure.value ?? null;
  const responseLine = baseline !== null && measure.responseChange !== null ? baseline * (1 + measure.responseChange) : null;
  const progression = measure.progressionChange === null ? [] : timeline.flatMap((t, i) => {
    const ref = measure.progressionFrom === 'baseline' ? baseline : t.measure.nadir;
    return i === 0 || ref === null ? [] : [{ i, value: Math.max(ref * (1 + measure.progressionChange!), ref + measure.progressionMinAbsolute) }];
  });
  const hi = Math.max(1e-9, ...pts.map((p) => p.value), ...progression.map((p) => p.value), responseLine ?? 0) * 1.08;
  const yTicks = niceTicks(0, hi);
  const y = linearScale([0, yTicks[yTicks.length - 1]], [f.bottom, f.top]);
  const title = `${measure.summed ? 'Sum of target lesions' : 'Hottest lesion'} (${unit})`;
  const parts = [chartAxes(f, y, yTicks, (v) => String(v), timeline.map((t, i) => ({ x: xs[i], label: t.dateIso })), title)];
  if (responseLine !== null) {
    parts.push(`<line class="threshold response" x1="${f.left}" x2="${f.right}" y1="${fmt(y(responseLine))}" y2="${fmt(y(responseLine))}"/>`
      + `<text class="note" x="${f.left + 4}" y="${fmt(y(responseLine) + 11)}">PR ${pct(measure.responseChange!)} of baseline</text>`);
  }
  if (progression.length > 0) {
    const marks = progression.map((p) => `<line class="threshold progression" x1="${fmt(xs[p.i] - 14)}" x2="${fmt(xs[p.i] + 14)}" y1="${fmt(y(p.value))}" y2="${fmt(y(p.value))}"/>`);
    const minimum = measure.progressionMinAbsolute > 0 ? ` and ${Number(measure.progressionMinAbsolute.toFixed(2))} ${unit}` : '';
    parts.push(`${marks.join('')}<line class="threshold progression" x1="${f.right - 190}" x2="${f.right - 176}" y1="${f.top - 4}" y2="${f.top - 4}"/>`
      + `<text class="note" x="${f.right - 172}" y="${f.top - 1}">PD at ${pct(measure.progressionChange!)}${minimum} from ${measure.progressionFrom}</text>`);
  }
  parts.push(`<polyline class="sum-line" points="${pts.map((p) => `${fmt(xs[p.i])},${fmt(y(p.value))}`).join(' ')}"/>`);
  const nadir = pts.reduce<{ i: number; value: number } | null>((m, p) => (m === null || p.value < m.value ? p : m), null);
  for (const p of pts) {
    const kind = p.i === 0 ? 'baseline' : p === nadir ? 'nadir' : 'point';
    parts.push(`<circle class="${kind}" cx="${fmt(xs[p.i])}" cy="${fmt(y(p.value))}" r="${kind === 'point' ? 3 : 4.5}"/>`
      + `<text class="value" x="${fmt(xs[p.i])}" y="${fmt(y(p.value) - 8)}" text-anchor="middle">${escapeHtml(String(Number(p.value.toFixed(1))))}</text>`);
  }
  if (nadir && nadir.i !== 0) parts.push(`<text class="note nadir-label" x="${fmt(xs[nadir.i])}" y="${fmt(y(nadir.value) + 16)}" text-anchor="middle">nadir</text>`);
  if (baseline !== null) parts.push(`<text class="note" x="${fmt(xs[0])}" y="${fmt(y(baseline) + 16)}" text-anchor="middle">baseline</text>`);
  return `<svg class="chart sum-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`;
}
