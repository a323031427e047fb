import { cohortRows } from './cohortRows.ts';
import { csvNumber, csvText } from './csvFields.ts';
import type { ResponseReport } from './ResponseReport.ts';

/** The cohort CSV's columns, in order. */
export const COHORT_CSV_COLUMNS = [
  'patient_id', 'patient_name', 'criterion', 'time_points', 'best_change_percent', 'best_change_time_point',
  'best_overall_response', 'last_response', 'last_date',
] as const;

/**
 * A cohort as CSV (RFC 4180, CRLF line ends): a header, then one row per report with the
 * numbers of its waterfall bar (best change from baseline, `cohortRows`) and its responses.
 */
export function cohortReportCsv(reports: readonly ResponseReport[]): string {
  const lines = [COHORT_CSV_COLUMNS.join(',')];
  for (const r of cohortRows(reports)) {
    lines.push([
      csvText(r.patient.id ?? ''), csvText(r.patient.name ?? ''), csvText(r.criterion), String(r.timePoints),
      csvNumber(r.bestChangePercent), r.bestChangeTimePoint === null ? '' : String(r.bestChangeTimePoint),
      csvText(r.bestOverallResponse ?? ''), csvText(r.lastResponse ?? ''), csvText(r.lastDateIso ?? ''),
    ].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
