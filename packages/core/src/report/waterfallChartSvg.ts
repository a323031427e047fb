import { chartAxes, fmt, linearScale, niceTicks, type ChartFrame } from './chartFrame.ts';
import { escapeHtml } from './escapeHtml.ts';
import { formatReportPercent } from './reportFormat.ts';

/** One patient's bar: the best change from baseline (percent, null: none) and the response that colours it. */
export interface WaterfallBar {
  label: string;
  changePercent: number | null;
  /** Best overall response (RECIST CR, PR, SD, PD, NE … or the iRECIST and PERCIST names); null: not given. */
  category: string | null;
}

/** Options of `waterfallChartSvg`. */
export interface WaterfallOptions {
  /** Bars above this change are drawn at it, marked with ▲ and their value. */
  capPercent: number;
  /** Dashed reference lines: partial response at or below… */
  responsePercent: number;
  /** …and progression at or above (RECIST 1.1 measures it from the nadir; the line from baseline is the waterfall convention). */
  progressionPercent: number;
  title: string;
}

/** Defaults: RECIST 1.1's −30 % and +20 %, bars capped at +100 %. */
export const WATERFALL_DEFAULTS: Readonly<WaterfallOptions> = {
  capPercent: 100, responsePercent: -30, progressionPercent: 20, title: 'Best change of the target sum from baseline',
};

/** The waterfall's frame: an A4 text width, room below the axis for the patients' labels. */
export const WATERFALL_FRAME: ChartFrame = { width: 760, height: 330, left: 52, right: 744, top: 44, bottom: 250 };

/** Bar colours by response group (Okabe–Ito: readable in print and by colour-blind readers). */
const GROUPS = [
  { name: 'CR', colour: '#0072B2', categories: ['CR', 'iCR', 'CMR'] },
  { name: 'PR', colour: '#009E73', categories: ['PR', 'iPR', 'PMR'] },
  { name: 'SD', colour: '#E69F00', categories: ['SD', 'iSD', 'SMD'] },
  { name: 'non-CR/non-PD', colour: '#CC79A7', categories: ['NON_CR_NON_PD', 'NON_iCR_NON_iUPD'] },
  { name: 'PD', colour: '#D55E00', categories: ['PD', 'iUPD', 'iCPD', 'PMD'] },
  { name: 'NE', colour: '#999999', categories: ['NE'] },
];
const NOT_GIVEN = { name: 'not given', colour: '#c8c8c8', categories: [] as string[] };

/** The colour of a bar with this best overall response. */
export function waterfallColour(category: string | null): string {
  return groupOf(category).colour;
}

/**
 * A waterfall plot as inline SVG: one `rect.bar` per patient with a change, sorted from the
 * largest increase on the left to the largest decrease on the right, its height proportional to
 * the change (`data-change` holds the value), coloured by best overall response; bars above
 * `capPercent` are cut there and marked. A zero line, dashed lines at the response and
 * progression changes, a % axis, the patients' labels and a legend of the responses shown.
 */
export function waterfallChartSvg(bars: readonly WaterfallBar[], options: Partial<WaterfallOptions> = {}): string {
  const o = { ...WATERFALL_DEFAULTS, ...options };
  const f = WATERFALL_FRAME;
  const shown = bars.filter((b): b is WaterfallBar & { changePercent: number } => b.changePercent !== null && Number.isFinite(b.changePercent))
    .map((b, n) => ({ ...b, n }))
    .sort((a, b) => b.changePercent - a.changePercent || a.n - b.n);
  const drawn = shown.map((b) => Math.min(b.changePercent, o.capPercent));
  const yTicks = niceTicks(Math.min(o.responsePercent - 10, ...drawn), Math.max(o.progressionPercent + 10, ...drawn));
  const y = linearScale([yTicks[0], yTicks[yTicks.length - 1]], [f.bottom, f.top]);
  const parts = [chartAxes(f, y, yTicks, (v) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v)}%`, [], o.title)];
  for (const [cls, v] of [['response', o.responsePercent], ['progression', o.progressionPercent]] as const) {
    parts.push(`<line class="threshold ${cls}" x1="${f.left}" x2="${f.right}" y1="${fmt(y(v))}" y2="${fmt(y(v))}"/>`
      + `<text class="note" x="${f.right - 2}" y="${fmt(y(v) - 3)}" text-anchor="end">${formatReportPercent(v)}</text>`);
  }
  const slot = (f.right - f.left) / Math.max(1, shown.length);
  const width = Math.min(36, slot * 0.72);
  const y0 = y(0);
  shown.forEach((b, i) => {
    const x = f.left + slot * i + (slot - width) / 2, cx = x + width / 2, yv = y(drawn[i]);
    const capped = b.changePercent > o.capPercent;
    parts.push(`<rect class="bar${capped ? ' capped' : ''}" data-patient="${escapeHtml(b.label)}" data-change="${b.changePercent}" data-category="${escapeHtml(b.category ?? '')}" `
      + `x="${fmt(x)}" y="${fmt(Math.min(y0, yv))}" width="${fmt(width)}" height="${fmt(Math.abs(yv - y0))}" fill="${waterfallColour(b.category)}"><title>${escapeHtml(`${b.label}: ${formatReportPercent(b.changePercent)}, ${b.category ?? 'best response not given'}`)}</title></rect>`);
    if (capped) {
      parts.push(`<text class="note cap-mark" x="${fmt(cx)}" y="${fmt(yv - 3)}" text-anchor="middle">▲ ${formatReportPercent(b.changePercent)}</text>`);
    }
    if (shown.length <= 40) {
      parts.push(`<text class="tick patient" transform="translate(${fmt(cx + 3)},${f.bottom + 8}) rotate(-60)" text-anchor="end">${escapeHtml(b.label)}</text>`);
    }
  });
  parts.push(`<line class="zero" x1="${f.left}" x2="${f.right}" y1="${fmt(y0)}" y2="${fmt(y0)}"/>`);
  parts.push(legendSvg(shown.map((b) => b.category), f));
  const missing = bars.length - shown.length;
  if (missing > 0) parts.push(`<text class="note" x="${f.left}" y="${f.height - 4}">${missing} patient(s) without a follow-up measure not shown</text>`);
  return `<svg class="chart waterfall-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${escapeHtml(`Waterfall plot: ${o.title}`)}">${parts.join('')}</svg>`;
}

function groupOf(category: string | null): typeof NOT_GIVEN {
  return (category === null ? undefined : GROUPS.find((g) => g.categories.includes(category))) ?? NOT_GIVEN;
}

/** A swatch and name for each response group among the bars, in response order, at the top right. */
function legendSvg(categories: readonly (string | null)[], f: ChartFrame): string {
  const present = [...GROUPS, NOT_GIVEN].filter((g) => categories.some((c) => groupOf(c) === g));
  const widthOf = (g: typeof NOT_GIVEN) => 14 + g.name.length * 6 + 10;
  let x = f.right - present.reduce((w, g) => w + widthOf(g), 0);
  return present.map((g) => {
    const item = `<rect class="swatch" x="${x}" y="${f.top - 22}" width="10" height="10" fill="${g.colour}"/><text class="legend" x="${x + 14}" y="${f.top - 13}">${escapeHtml(g.name)}</text>`;
    x += widthOf(g);
    return item;
  }).join('');
}
