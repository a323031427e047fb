import { escapeHtml } from './escapeHtml.ts';

/** A chart's plot area inside its SVG viewBox, in SVG user units (y grows downwards). */
export interface ChartFrame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The frame every report chart uses: 420 × 250 units (half an A4 text width at about 1:1), room on the left for the value axis. */
export const CHART_FRAME: ChartFrame = { width: 420, height: 250, left: 46, right: 404, top: 30, bottom: 210 };

/** Maps a data interval linearly onto a pixel interval. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** About `count` round tick values from at or below lo to at or above hi (steps of 1, 2, 2.5 or 5 × 10ⁿ). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  const last = Math.ceil(hi / step - 1e-9) * step;
  for (let v = Math.floor(lo / step + 1e-9) * step; v <= last + step * 1e-6; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

/** The value axis with grid lines and labels, the time axis with one tick per date, and the title. */
export function chartAxes(frame: ChartFrame, y: (v: number) => number, yTicks: number[], yLabel: (v: number) => string, xs: { x: number; label: string }[], title: string): string {
  const grid = yTicks.map((v) => `<line class="grid" x1="${frame.left}" x2="${frame.right}" y1="${fmt(y(v))}" y2="${fmt(y(v))}"/>`
    + `<text class="tick" x="${frame.left - 6}" y="${fmt(y(v) + 3)}" text-anchor="end">${escapeHtml(yLabel(v))}</text>`).join('');
  const xTicks = xs.map((t) => `<line class="axis" x1="${fmt(t.x)}" x2="${fmt(t.x)}" y1="${frame.bottom}" y2="${frame.bottom + 4}"/>`
    + `<text class="tick" x="${fmt(t.x)}" y="${frame.bottom + 16}" text-anchor="middle">${escapeHtml(t.label)}</text>`).join('');
  return `<text class="title" x="${frame.left}" y="14">${escapeHtml(title)}</text>${grid}`
    + `<line class="axis" x1="${frame.left}" x2="${frame.right}" y1="${frame.bottom}" y2="${frame.bottom}"/>`
    + `<line class="axis" x1="${frame.left}" x2="${frame.left}" y1="${frame.top}" y2="${frame.bottom}"/>${xTicks}`;
}

/** An SVG coordinate with at most two decimals. */
export function fmt(v: number): string {
  return String(Number(v.toFixed(2)));
}

/** Days from the baseline date to each time point: the charts' time axis. */
export function daysFromBaseline(datesIso: readonly string[]): number[] {
  const t0 = Date.parse(datesIso[0]);
  return datesIso.map((d) => (Date.parse(d) - t0) / 86_400_000);
}

/** The time axis: x for each time point, by date when dates increase, else evenly spaced. */
export function timeAxis(frame: ChartFrame, datesIso: readonly string[]): number[] {
  const days = daysFromBaseline(datesIso);
  const increasing = days.every((d, i) => Number.isFinite(d) && (i === 0 || d > days[i - 1]));
  const pad = 16;
  if (!increasing || days.length < 2) {
    const step = days.length < 2 ? 0 : (frame.right - frame.left - 2 * pad) / (days.length - 1);
    return days.map((_, i) => frame.left + pad + i * step);
  }
  const x = linearScale([0, days[days.length - 1]], [frame.left + pad, frame.right - pad]);
  return days.map(x);
}
