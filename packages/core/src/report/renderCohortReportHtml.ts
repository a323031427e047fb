import { cohortRows, type CohortRow } from './cohortRows.ts';
import { escapeHtml } from './escapeHtml.ts';
import { categoryHtml, formatReportPercent } from './reportFormat.ts';
import { REPORT_CSS } from './reportStyle.ts';
import type { ResponseReport } from './ResponseReport.ts';
import { WATERFALL_DEFAULTS, waterfallChartSvg, type WaterfallOptions } from './waterfallChartSvg.ts';

/** Options of `renderCohortReportHtml`. */
export interface CohortReportOptions {
  /** Default: 'Tumour response — cohort of n patients'. */
  title: string;
  /** Default: the first report's. */
  generatedAtIso?: string;
  /** Default: the first report's. */
  softwareVersion?: string;
  /** Default `WATERFALL_DEFAULTS` (RECIST −30 %, +20 %, cap +100 %). */
  waterfall: Partial<WaterfallOptions>;
}

/**
 * A cohort's tumour response as one self-contained HTML page (inline CSS and SVG, no scripts,
 * A4 print): a waterfall plot of each patient's best change of the target measure from
 * baseline, coloured by best overall response, and a table per patient (criterion, time points,
 * best change and when, best overall response, last response). Every text is HTML-escaped.
 *
 * @example await writeFileAtomic('cohort.html', renderCohortReportHtml([reportA, reportB, reportC]));
 */
export function renderCohortReportHtml(reports: readonly ResponseReport[], options: Partial<CohortReportOptions> = {}): string {
  const rows = cohortRows(reports);
  const e = escapeHtml;
  const title = options.title ?? `Tumour response — cohort of ${reports.length} patient${reports.length === 1 ? '' : 's'}`;
  const generated = options.generatedAtIso ?? reports[0]?.generatedAtIso ?? '';
  const software = options.softwareVersion ?? reports[0]?.softwareVersion ?? '';
  const criteria = [...new Set(rows.map((r) => r.criterion))];
  const facts: [string, string][] = [
    ['Patients', String(reports.length)], ['Criteria', criteria.join(', ') || '—'],
    ['With a follow-up measure', String(rows.filter((r) => r.bestChangePercent !== null).length)], ['Generated', generated],
  ];
  const waterfall = { ...WATERFALL_DEFAULTS, ...options.waterfall };
  const bars = rows.map((r) => ({ label: r.label, changePercent: r.bestChangePercent, category: r.bestOverallResponse }));
  const body = [
    `<header><h1>${e(title)}</h1><dl class="facts">${facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl></header>`,
    `<h2>Waterfall plot</h2><div class="waterfall">${waterfallChartSvg(bars, waterfall)}</div>`,
    '<p class="note">Each bar is one patient: the lowest change of the target measure from baseline over the follow-ups (complete measures only), '
      + `coloured by best overall response. Dashed lines: response at ${formatReportPercent(waterfall.responsePercent)} and progression at ${formatReportPercent(waterfall.progressionPercent)} `
      + '(RECIST 1.1 judges progression from the nadir, not from baseline).</p>',
    `<h2>Patients</h2>${cohortTableHtml(rows)}`,
    `<footer>Made by ${e(software)} on ${e(generated)} from ${reports.length} response report(s), with the criteria's rules as implemented in Voxa. `
      + 'The categories are computed, not read by a physician: check them against the images.</footer>',
  ];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title>`
    + `<meta name="generator" content="${e(software)}"><style>${REPORT_CSS}</style></head>\n<body class="cohort">\n${body.join('\n')}\n</body></html>\n`;
}

/** One row per patient, in the reports' order. */
function cohortTableHtml(rows: readonly CohortRow[]): string {
  const body = rows.map((r, n) => {
    const name = r.patient.name && r.patient.name !== r.label ? ` <span class="name">(${escapeHtml(r.patient.name)})</span>` : '';
    const cells = [
      `<td>${escapeHtml(r.label)}${name}</td>`, `<td>${escapeHtml(r.criterion)}</td>`, `<td class="num">${r.timePoints}</td>`,
      `<td class="num best-change">${formatReportPercent(r.bestChangePercent)}</td>`,
      `<td>${r.bestChangeTimePoint === null ? '' : r.bestChangeTimePoint}</td>`,
      `<td>${categoryHtml(r.bestOverallResponse)}</td>`,
      `<td>${categoryHtml(r.lastResponse)}${r.lastDateIso ? ` <span class="date">${escapeHtml(r.lastDateIso)}</span>` : ''}</td>`,
    ];
    return `<tr data-patient="${n}">${cells.join('')}</tr>`;
  });
  const head = ['Patient', 'Criterion', 'Time points', 'Best change', 'At time point', 'Best overall response', 'Last response']
    .map((h, i) => `<th${i === 2 || i === 3 ? ' class="num"' : ''}>${h}</th>`).join('');
  return `<table class="cohort"><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}
