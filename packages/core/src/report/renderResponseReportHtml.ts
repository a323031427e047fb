import type { RuleFiring } from '../response/ResponseResult.ts';
import { escapeHtml } from './escapeHtml.ts';
import { keyImageGalleryHtml } from './keyImageGalleryHtml.ts';
import { lesionTableHtml } from './lesionTableHtml.ts';
import { categoryHtml, formatReportNumber, formatReportPercent } from './reportFormat.ts';
import { reportMeasure, type ReportMeasure } from './reportMeasure.ts';
import { REPORT_CSS } from './reportStyle.ts';
import { reportTimeline, type ReportTimePoint } from './reportTimeline.ts';
import type { ResponseReport } from './ResponseReport.ts';
import { lesionChanges, spiderChartSvg } from './spiderChartSvg.ts';
import { sumChartSvg } from './sumChartSvg.ts';

/**
 * A tumour-response report as one self-contained HTML document: inline CSS and SVG, no
 * scripts, nothing fetched, laid out for A4 print. It shows the patient and criterion, a
 * summary per time point (measure, change from baseline and nadir, category), the best overall
 * response, the measure over time and a spider plot, the key images (lesions by time points)
 * when the report has them, then each time point's lesions and the rules that fired, with their numbers. Every text from the report is HTML-escaped.
 *
 * @example await writeFileAtomic('report.html', renderResponseReportHtml(report));
 */
export function renderResponseReportHtml(report: ResponseReport): string {
  const measure = reportMeasure(report.evaluation.criterion);
  const timeline = reportTimeline(report);
  const dates = timeline.map((t) => t.dateIso);
  const e = escapeHtml;
  const name = report.patient.name ?? '';
  const title = `Tumour response (${report.criterion})${name ? ` — ${name}` : ''}`;
  const facts: [string, string][] = [
    ['Patient', name || '—'], ['Patient ID', report.patient.id || '—'],
    ['Criterion', report.criterion], ['Baseline', dates[0] ?? '—'],
    ['Follow-ups', String(Math.max(0, dates.length - 1))], ['Last scan', dates[dates.length - 1] ?? '—'],
    ['Generated', report.generatedAtIso], ['Software', report.softwareVersion],
  ];
  const body = [
    `<header><h1>${e(title)}</h1><dl class="facts">${facts.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl></header>`,
    bestResponseHtml(report),
    `<h2>Response by time point</h2>${summaryTableHtml(timeline)}`,
    `<div class="charts">${sumChartSvg(timeline, measure)}${spiderChartSvg(lesionChanges(report.input.lesions, dates.length, measure), dates, measure)}</div>`,
    issuesHtml(report),
    keyImageGalleryHtml(report),
    `<h2>Lesions and rules by time point</h2>`,
    ...timeline.map((tp) => timePointHtml(report, tp, measure)),
    `<footer>Made by ${e(report.softwareVersion)} on ${e(report.generatedAtIso)} from the measurements listed above, with the ${e(report.criterion)} rules as implemented in Voxa. `
      + 'The categories are computed, not read by a physician: check them against the images.</footer>',
  ];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title>`
    + `<meta name="generator" content="${e(report.softwareVersion)}"><style>${REPORT_CSS}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}

function summaryTableHtml(timeline: readonly ReportTimePoint[]): string {
  const unit = escapeHtml(timeline[0]?.measure.unit ?? '');
  const rows = timeline.map((tp) => {
    const m = tp.measure, r = tp.response;
    const value = `${formatReportNumber(m.value)}${m.value !== null && !m.complete ? ' (incomplete)' : ''}`;
    const cells = [
      `<td>${tp.index === 0 ? 'baseline' : tp.index}</td>`, `<td class="date">${escapeHtml(tp.dateIso)}</td>`,
      `<td class="num sum">${value}</td>`,
      `<td class="num">${tp.index === 0 ? '' : atLeast(m) + formatReportPercent(m.changeFromBaselinePercent)}</td>`,
      `<td class="num">${tp.index === 0 ? '' : atLeast(m) + formatReportPercent(m.changeFromNadirPercent)}</td>`,
      `<td>${escapeHtml(r?.target ?? '')}</td>`, `<td>${escapeHtml(r?.nonTarget ?? '')}</td>`, `<td>${escapeHtml(r?.newLesions ?? '')}</td>`,
      `<td>${tp.index === 0 ? '' : categoryHtml(r?.category ?? null)}</td>`,
    ];
    return `<tr data-time-point="${tp.index}">${cells.join('')}</tr>`;
  });
  const head = ['Time point', 'Date', `Measure (${unit})`, 'From baseline', 'From nadir', 'Target', 'Non-target', 'New lesions', 'Response']
    .map((h, i) => `<th${i >= 2 && i <= 4 ? ' class="num"' : ''}>${h}</th>`).join('');
  return `<table class="summary"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function firingsHtml(firings: readonly RuleFiring[]): string {
  if (firings.length === 0) return '';
  const items = firings.map((f) => {
    const values = Object.entries(f.values).map(([k, v]) => `${escapeHtml(k)} ${formatReportNumber(v, 2)}`).join(', ');
    return `<li>${escapeHtml(f.message)} <code>${escapeHtml(f.ruleId)}</code>${values ? ` <span class="values">(${values})</span>` : ''}</li>`;
  });
  return `<ol class="why">${items.join('')}</ol>`;
}

function timePointHtml(report: ResponseReport, tp: ReportTimePoint, measure: ReportMeasure): string {
  const m = tp.measure;
  const heading = tp.index === 0
    ? `Baseline — ${escapeHtml(tp.dateIso)}`
    : `Time point ${tp.index} — ${escapeHtml(tp.dateIso)} — ${categoryHtml(tp.response?.category ?? null)}`;
  const unit = escapeHtml(m.unit);
  const summary = tp.index === 0
    ? `<p>${measure.summed ? 'Sum' : 'Measure'}: <b class="sum">${formatReportNumber(m.value)} ${unit}</b></p>`
    : `<p>${measure.summed ? 'Sum' : 'Measure'}: <b class="sum">${formatReportNumber(m.value)} ${unit}</b>${m.complete || m.value === null ? '' : ' (incomplete: a lower bound)'}; `
      + `from baseline ${formatReportNumber(m.baseline)} ${unit}: ${atLeast(m)}${formatReportPercent(m.changeFromBaselinePercent)}; `
      + `from nadir ${formatReportNumber(m.nadir)} ${unit}: ${atLeast(m)}${formatReportPercent(m.changeFromNadirPercent)}</p>`;
  const why = tp.response ? firingsHtml(tp.response.firings) : '';
  return `<section class="time-point" data-time-point="${tp.index}"><h3>${heading}</h3>${summary}${lesionTableHtml(report.input.lesions, tp.index, measure)}${why}</section>`;
}

function bestResponseHtml(report: ResponseReport): string {
  const bor = report.bestOverallResponse;
  if (!bor) return '';
  const at = bor.timePointIndex === null ? '' : ` at time point ${bor.timePointIndex} (${escapeHtml(report.input.timePoints[bor.timePointIndex]?.dateIso ?? '?')})`;
  return `<div class="bor"><b>Best overall response: ${categoryHtml(bor.category)}</b>${at}${firingsHtml(bor.firings)}</div>`;
}

function issuesHtml(report: ResponseReport): string {
  const issues = report.evaluation.issues;
  if (issues.length === 0) return '';
  const items = issues.map((i) => `<li class="${i.severity === 'error' ? 'error' : 'warning'}">${escapeHtml(i.severity)}: ${escapeHtml(i.message)} <code>${escapeHtml(i.code)}</code></li>`);
  return `<h2>Issues in the input</h2><ul class="issues">${items.join('')}</ul>`;
}

/** '≥ ' before a change computed from an incomplete sum (a lower bound), else ''. */
function atLeast(m: { complete: boolean; value: number | null }): string {
  return m.complete || m.value === null ? '' : '≥ ';
}
