import { csvNumber as num, csvText as text } from './csvFields.ts';
import { reportMeasure } from './reportMeasure.ts';
import { reportTimeline } from './reportTimeline.ts';
import type { ResponseReport } from './ResponseReport.ts';

/** The CSV's columns, in order. */
export const RESPONSE_CSV_COLUMNS = [
  'patient_id', 'criterion', 'time_point', 'date', 'lesion_id', 'organ', 'kind', 'lymph_node', 'presence', 'status',
  'measure', 'measure_unit', 'long_axis_mm', 'short_axis_mm', 'volume_mm3',
  'sum', 'sum_unit', 'change_from_baseline_percent', 'change_from_nadir_percent', 'category',
] as const;

/**
 * The report as CSV (RFC 4180, CRLF line ends): a header, then one row per lesion per time
 * point with the lesion's observation and the criterion's number for it, and the time point's
 * sum, changes and category ('baseline' at time point 0). New lesions get rows from the time
 * point they appear. Text starting with = + - @ is prefixed with ' so spreadsheets do not run it.
 */
export function responseReportCsv(report: ResponseReport): string {
  const measure = reportMeasure(report.evaluation.criterion);
  const lines = [RESPONSE_CSV_COLUMNS.join(',')];
  for (const tp of reportTimeline(report)) {
    const m = tp.measure;
    const category = tp.index === 0 ? 'baseline' : tp.response?.category ?? '';
    for (const lesion of report.input.lesions) {
      const obs = lesion.observations[tp.index] ?? null;
      if (lesion.kind === 'new' && obs === null) continue;
      const row = [
        text(report.patient.id ?? ''), text(report.criterion), String(tp.index), text(tp.dateIso), text(lesion.id), text(lesion.organ), lesion.kind,
        lesion.isLymphNode ? 'true' : 'false', obs ? obs.presence ?? 'measured' : 'not-assessed', text(obs?.status ?? ''),
        num(measure.valueAt(lesion, tp.index)), measure.unit, num(obs?.longAxisMm), num(obs?.shortAxisMm), num(obs?.volumeMm3),
        num(m.value), m.unit, num(m.changeFromBaselinePercent), num(m.changeFromNadirPercent), text(category),
      ];
      lines.push(row.join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
