import type { MeasureSummary, TimePointResponse } from '../response/ResponseResult.ts';
import type { ResponseReport } from './ResponseReport.ts';

/** One time point of a report, baseline included: its measure and, for follow-ups, the engine's response. */
export interface ReportTimePoint {
  /** Index into `ResponseInput.timePoints` (0 = baseline). */
  index: number;
  dateIso: string;
  measure: MeasureSummary;
  /** null at baseline and at a follow-up the evaluation has no response for. */
  response: TimePointResponse<string> | null;
}

/** Every time point of the input in order, with the evaluation's measure and response where it has one. */
export function reportTimeline(report: ResponseReport): ReportTimePoint[] {
  const { input, evaluation } = report;
  const byIndex = new Map(evaluation.timePoints.map((tp) => [tp.index, tp]));
  return input.timePoints.map((tp, index) => {
    const response = index === 0 ? null : byIndex.get(index) ?? null;
    const measure = index === 0 ? evaluation.baseline : response?.measure ?? emptyMeasure(evaluation.baseline.unit);
    return { index, dateIso: tp.dateIso, measure, response };
  });
}

function emptyMeasure(unit: string): MeasureSummary {
  return { unit, value: null, complete: false, baseline: null, nadir: null, changeFromBaselinePercent: null, changeFromNadirPercent: null, changeFromNadirAbsolute: null };
}
