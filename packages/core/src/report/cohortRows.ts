import type { ReportPatient, ResponseReport } from './ResponseReport.ts';

/** One patient of a cohort: what a waterfall bar and a row of the cohort table show. */
export interface CohortRow {
  /** How the patient is named on the page: the id, else the name, else 'patient n' (1-based). */
  label: string;
  patient: ReportPatient;
  criterion: string;
  timePoints: number;
  /** The best (lowest) change of the measure from baseline over the follow-ups, percent; null without a follow-up measure. */
  bestChangePercent: number | null;
  /** The follow-up of that change (index into the input's time points). */
  bestChangeTimePoint: number | null;
  /** Best overall response (RECIST family); null when the report has none. */
  bestOverallResponse: string | null;
  /** The last follow-up's category and date; null without a follow-up. */
  lastResponse: string | null;
  lastDateIso: string | null;
}

/**
 * A cohort's patients, one row per report in the given order. The best change is the minimum
 * over follow-ups of the change of the target measure (RECIST: the sum of diameters) from
 * baseline, as waterfall plots show it; a follow-up whose measure is incomplete (a lesion not
 * assessed) is a lower bound only and does not count.
 */
export function cohortRows(reports: readonly ResponseReport[]): CohortRow[] {
  return reports.map((report, n) => {
    let best: { change: number; index: number } | null = null;
    for (const tp of report.evaluation.timePoints) {
      const change = tp.measure.changeFromBaselinePercent;
      if (change === null || !Number.isFinite(change) || !tp.measure.complete) continue;
      if (best === null || change < best.change) best = { change, index: tp.index };
    }
    const last = report.evaluation.timePoints.at(-1);
    return {
      label: report.patient.id || report.patient.name || `patient ${n + 1}`,
      patient: report.patient,
      criterion: report.criterion,
      timePoints: report.input.timePoints.length,
      bestChangePercent: best?.change ?? null,
      bestChangeTimePoint: best?.index ?? null,
      bestOverallResponse: report.bestOverallResponse?.category ?? null,
      lastResponse: last?.category ?? null,
      lastDateIso: last?.dateIso ?? null,
    };
  });
}
