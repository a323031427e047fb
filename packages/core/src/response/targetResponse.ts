import { isNormalNode } from './checkTargetSelection.ts';
import { formatNumber, formatPercent } from './formatValue.ts';
import { lesionAxisMm, measureUnit } from './lesionMeasure.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { RuleFiring, TargetCategory } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';
import type { TargetSeries } from './targetSums.ts';
import { atLeast, atMost, fractionChange } from './tolerantCompare.ts';
import { describeTimePoint } from './validateResponseInput.ts';

/** The target lesions' response at one time point and the rules that decided it. */
export interface TargetAssessment {
  category: TargetCategory;
  firings: RuleFiring[];
}

/** Whether every target is gone (non-nodal measure 0; nodes within the criterion's normal size). */
export function allTargetsResolved(rules: SumCriterionRules, series: TargetSeries, t: number): boolean {
  return series.targets.every((l) => {
    if (l.isLymphNode && rules.nodeNormal) {
      const v = lesionAxisMm(l.observations[t], rules.nodeNormal.axis, rules.tooSmallAxisMm);
      return v !== null && isNormalNode(v, rules.nodeNormal);
    }
    return series.sums[t].perLesion.get(l.id) === 0;
  });
}

/** "+20% and +5 mm" for a criterion's PD rule. */
function progressionRule(rules: SumCriterionRules, unit: string): string {
  const absolute = rules.progressionMinAbsolute > 0 ? ` and +${formatNumber(rules.progressionMinAbsolute)} ${unit}` : '';
  return `${formatPercent(rules.progressionMinChange ?? 0)}${absolute}`;
}

/**
 * Target response at follow-up t (RECIST 1.1 evaluation of target lesions, and its kin): PD when
 * the sum grew by the criterion's fraction and absolute amount from the nadir (an incomplete sum
 * can still prove PD, 'missing assessments'); NE when a target is missing otherwise; CR when
 * every target is resolved; PR when the sum fell enough from baseline; SD otherwise. null
 * without targets.
 */
export function assessTargets(input: ResponseInput, rules: SumCriterionRules, series: TargetSeries, t: number): TargetAssessment | null {
  if (series.targets.length === 0) return null;
  const { id, name } = rules;
  const unit = measureUnit(rules.measure);
  const m = series.measures[t], s = series.sums[t];
  const at = describeTimePoint(input, t);
  const one = (category: TargetCategory, rule: string, message: string, values: Record<string, number>, lesionIds?: string[]): TargetAssessment =>
    ({ category, firings: [{ ruleId: `${id}.${rule}`, message: `${message} (${name})`, values, ...(lesionIds ? { lesionIds } : {}) }] });
  if (m.baseline === null) return one('NE', 'ne.target.baseline-not-evaluable', `the baseline target sum is incomplete, so no change can be measured at ${at}`, {});
  const sum = s.value, baseline = m.baseline, nadir = m.nadir ?? baseline;
  const fromNadir = fractionChange(sum, nadir), fromBaseline = fractionChange(sum, baseline);
  const values = {
    sum, baseline, nadir,
    changeFromBaselinePercent: fromBaseline * 100, changeFromNadirPercent: fromNadir * 100, changeFromNadirAbsolute: sum - nadir,
  };
  const mm = (x: number) => `${formatNumber(x)} ${unit}`;
  const change = `${formatPercent(fromNadir)} (${sum - nadir >= 0 ? '+' : ''}${mm(sum - nadir)})`;
  const pdRule = progressionRule(rules, unit);
  if (rules.progressionMinChange !== null && atLeast(fromNadir, rules.progressionMinChange) && atLeast(sum - nadir, rules.progressionMinAbsolute)) {
    if (s.complete) return one('PD', 'pd.target.sum-increase', `target sum ${mm(sum)} at ${at} is ${change} from the nadir ${mm(nadir)}; at least ${pdRule} is PD`, values);
    const missing = s.missing.map((x) => x.lesionId).join(', ');
    return one('PD', 'pd.target.sum-increase', `the targets measured at ${at} already sum to ${mm(sum)}, ${change} from the nadir ${mm(nadir)}; ` +
      `at least ${pdRule} is PD whatever ${missing} measure (missing assessments)`, values);
  }
  if (!s.complete) {
    const which = s.missing.map((x) => `${x.lesionId} (${x.reason})`).join(', ');
    return one('NE', 'ne.target.not-evaluable', `${which} could not be measured at ${at}; the other targets' ${mm(sum)} does not establish PD, ` +
      'so the targets are not evaluable (missing assessments)', values, s.missing.map((x) => x.lesionId));
  }
  if (allTargetsResolved(rules, series, t)) {
    const n = rules.nodeNormal;
    const nodes = n ? ` and every target node is ${n.inclusive ? '≤' : '<'} ${n.mm} mm (${n.axis})` : '';
    return one('CR', 'cr.target.all-resolved', `at ${at} every non-nodal target has disappeared${nodes}; target sum ${mm(sum)}: CR`, values);
  }
  const prRule = formatPercent(rules.partialResponseMaxChange);
  if (atMost(fromBaseline, rules.partialResponseMaxChange)) {
    return one('PR', 'pr.target.sum-decrease', `target sum ${mm(sum)} at ${at} is ${formatPercent(fromBaseline)} from the baseline ${mm(baseline)}; ${prRule} or less is PR`, values);
  }
  const noPd = rules.progressionMinChange === null ? 'no sum rule for PD' : `PD needs ${pdRule} from the nadir ${mm(nadir)}, it is ${change}`;
  const message = `target sum ${mm(sum)} at ${at}: ${formatPercent(fromBaseline)} from baseline (PR needs ${prRule}); ${noPd}: SD`;
  return one('SD', 'sd.target', message, values);
}
