import { measureLesion, measureUnit } from './lesionMeasure.ts';
import type { Lesion, ResponseInput } from './ResponseInput.ts';
import type { MeasureSummary, ResponseIssue } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';
import { fractionChange } from './tolerantCompare.ts';
import { describeTimePoint } from './validateResponseInput.ts';

/** The target lesions summed at one time point. */
export interface TargetSum {
  /** Sum over the targets that could be measured (a lower bound of the true sum when incomplete). */
  value: number;
  complete: boolean;
  missing: { lesionId: string; reason: string }[];
  /** Each target's measure, null where it could not be measured. */
  perLesion: Map<string, number | null>;
}

/** Target sums over all time points, with baseline, nadir and change per time point. */
export interface TargetSeries {
  targets: Lesion[];
  sums: TargetSum[];
  /** Index-aligned with the time points (0 = baseline). */
  measures: MeasureSummary[];
  issues: ResponseIssue[];
}

/**
 * Sums the targets' measures at every time point and relates each sum to the baseline and to the
 * nadir: the smallest complete sum before that time point, baseline included (RECIST 1.1, evaluation of target lesions).
 * Incomplete sums are never a nadir. Missing measurements become warnings naming lesion and time point.
 */
export function targetSeries(input: ResponseInput, rules: SumCriterionRules): TargetSeries {
  const targets = input.lesions.filter((l) => l.kind === 'target');
  const unit = measureUnit(rules.measure);
  const issues: ResponseIssue[] = [];
  const sums: TargetSum[] = input.timePoints.map((_, t) => {
    const perLesion = new Map<string, number | null>();
    const missing: TargetSum['missing'] = [];
    let value = 0;
    for (const l of targets) {
      const m = measureLesion(l, l.observations[t], rules.measure, rules.tooSmallAxisMm);
      perLesion.set(l.id, m.ok ? m.value : null);
      if (m.ok) { value += m.value; continue; }
      missing.push({ lesionId: l.id, reason: m.reason });
      if (t > 0 || m.reason.startsWith('no ')) {
        const message = `target ${l.id} at ${describeTimePoint(input, t)}: ${m.reason}; the target sum there is not evaluable`;
        issues.push({ severity: t === 0 ? 'error' : 'warning', code: `${rules.id}.measurement.missing`, lesionId: l.id, timePointIndex: t, message });
      }
    }
    return { value, complete: missing.length === 0, missing, perLesion };
  });
  const baseline = targets.length > 0 && sums[0].complete ? sums[0].value : null;
  const measures: MeasureSummary[] = [];
  let nadir: number | null = null;
  sums.forEach((s, t) => {
    const value = targets.length > 0 ? s.value : null;
    const ref = t === 0 ? null : nadir;
    measures.push({
      unit,
      value,
      complete: targets.length > 0 && s.complete,
      baseline,
      nadir: ref,
      changeFromBaselinePercent: t > 0 && value !== null && baseline !== null ? fractionChange(value, baseline) * 100 : null,
      changeFromNadirPercent: value !== null && ref !== null ? fractionChange(value, ref) * 100 : null,
      changeFromNadirAbsolute: value !== null && ref !== null ? value - ref : null,
    });
    if (baseline !== null && s.complete && (nadir === null || s.value < nadir)) nadir = s.value;
  });
  return { targets, sums, measures, issues };
}

/** A target's own smallest measure before time point t (baseline included), and where it was. */
export function lesionNadir(series: TargetSeries, lesionId: string, t: number): { value: number; index: number } | null {
  let best: { value: number; index: number } | null = null;
  for (let i = 0; i < t; i++) {
    const v = series.sums[i].perLesion.get(lesionId);
    if (v !== null && v !== undefined && (best === null || v < best.value)) best = { value: v, index: i };
  }
  return best;
}
