import type { Lesion } from '../response/ResponseInput.ts';
import { escapeHtml } from './escapeHtml.ts';
import { describeObservation, formatReportNumber } from './reportFormat.ts';
import type { ReportMeasure } from './reportMeasure.ts';

const KIND_ORDER: Record<Lesion['kind'], number> = { 'target': 0, 'non-target': 1, 'new': 2 };

/** The lesions at time point t as an HTML table: id, organ, kind, node, how seen, the criterion's number, volume. */
export function lesionTableHtml(lesions: readonly Lesion[], t: number, measure: ReportMeasure): string {
  const shown = lesions.filter((l) => l.kind !== 'new' || l.observations.slice(0, t + 1).some((o) => o !== null));
  if (shown.length === 0) return '<p>No lesions recorded.</p>';
  const sorted = [...shown].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const rows = sorted.map((lesion) => {
    const obs = lesion.observations[t] ?? null;
    const value = measure.valueAt(lesion, t);
    const cells = [
      escapeHtml(lesion.id), escapeHtml(lesion.organ), escapeHtml(lesion.kind), lesion.isLymphNode ? 'yes' : '',
      escapeHtml(describeObservation(lesion, obs)),
    ].map((c) => `<td>${c}</td>`);
    cells.push(`<td class="num">${formatReportNumber(value)}</td>`, `<td class="num">${formatReportNumber(obs?.volumeMm3 ?? null, 0)}</td>`);
    return `<tr data-lesion="${escapeHtml(lesion.id)}">${cells.join('')}</tr>`;
  });
  const head = ['Lesion', 'Organ', 'Kind', 'Node', 'Seen'].map((h) => `<th>${h}</th>`).join('')
    + `<th class="num">${escapeHtml(measure.label)} (${escapeHtml(measure.unit)})</th><th class="num">Volume (mm³)</th>`;
  return `<table class="lesions"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
