import { checkTargetSelection, isNormalNode } from './checkTargetSelection.ts';
import { lesionAxisMm } from './lesionMeasure.ts';
import { type NewLesionFinding, newLesionFindings } from './newLesionFindings.ts';
import { assessNonTargets, type NonTargetAssessment, nonTargetStatus } from './nonTargetResponse.ts';
import { overallResponse } from './overallResponse.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { RecistCategory, ResponseEvaluation, ResponseIssue, RuleFiring, TimePointResponse } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';
import { assessTargets, type TargetAssessment } from './targetResponse.ts';
import { type TargetSeries, targetSeries } from './targetSums.ts';
import { describeTimePoint, validateResponseInput } from './validateResponseInput.ts';

/** The three findings that make up a time-point response, plus criterion-specific firings. */
export interface TimePointComponents {
  target: TargetAssessment | null;
  nonTarget: NonTargetAssessment | null;
  newLesions: NewLesionFinding;
  firings: RuleFiring[];
}

/** What a hook may read about the time point being evaluated. */
export interface SumEvaluationContext {
  input: ResponseInput;
  rules: SumCriterionRules;
  series: TargetSeries;
  t: number;
  /** The latest earlier overall response that was not NE; null at the first follow-up. */
  previous: RecistCategory | null;
}

/** Where a criterion adds its own rules to the shared evaluation. */
export interface SumCriterionHooks {
  /** Adjust the findings before they are combined (Choi density, Lugano and WHO single-lesion PD). */
  components?(c: TimePointComponents, ctx: SumEvaluationContext): TimePointComponents;
  /** Adjust the combined category (RANO steroids and clinical status, Lugano spleen). */
  overall?(category: RecistCategory, c: TimePointComponents, ctx: SumEvaluationContext): { category: RecistCategory; firings: RuleFiring[] };
  /** More input checks. */
  issues?(input: ResponseInput, series: TargetSeries): ResponseIssue[];
}

/** Lesions seen again after an overall CR: non-nodal targets > 0, nodes no longer normal, non-targets present. */
function reappeared(input: ResponseInput, rules: SumCriterionRules, series: TargetSeries, t: number): string[] {
  const ids: string[] = [];
  for (const l of series.targets) {
    if (l.isLymphNode && rules.nodeNormal) {
      const v = lesionAxisMm(l.observations[t], rules.nodeNormal.axis, rules.tooSmallAxisMm);
      if (v !== null && !isNormalNode(v, rules.nodeNormal)) ids.push(l.id);
    } else if ((series.sums[t].perLesion.get(l.id) ?? 0) > 0) ids.push(l.id);
  }
  for (const l of input.lesions) {
    if (l.kind !== 'non-target') continue;
    const s = nonTargetStatus(l, t, rules);
    if (s !== 'absent' && s !== 'NE') ids.push(l.id);
  }
  return ids;
}

/**
 * Evaluates a sum-based criterion over all follow-ups: target sums against baseline and nadir,
 * non-target and new-lesion findings, combined by RECIST 1.1 Tables 1–2, with a criterion's own
 * rules added through `hooks`. After an overall CR, any reappearing lesion is PD when the rule
 * table says so (RECIST 1.1 Table 3 note; Q&A "does a new lesion always result in PD").
 */
export function evaluateSumCriterion(input: ResponseInput, rules: SumCriterionRules, hooks: SumCriterionHooks = {}): ResponseEvaluation<RecistCategory> {
  const issues = validateResponseInput(input);
  issues.push(...checkTargetSelection(input, rules));
  const series = targetSeries(input, rules);
  issues.push(...series.issues);
  if (hooks.issues) issues.push(...hooks.issues(input, series));
  const news = newLesionFindings(input, rules);
  const timePoints: TimePointResponse<RecistCategory>[] = [];
  let previous: RecistCategory | null = null;
  for (let t = 1; t < input.timePoints.length; t++) {
    const ctx: SumEvaluationContext = { input, rules, series, t, previous };
    let c: TimePointComponents = {
      target: assessTargets(input, rules, series, t),
      nonTarget: assessNonTargets(input, rules, t),
      newLesions: news[t],
      firings: [],
    };
    if (hooks.components) c = hooks.components(c, ctx);
    const combined = overallResponse(rules, c.target?.category ?? null, c.nonTarget?.category ?? null, c.newLesions.status);
    let category = combined.category;
    const firings = [...(c.target?.firings ?? []), ...(c.nonTarget?.firings ?? []), ...c.newLesions.firings, ...c.firings, combined.firing];
    if (rules.reappearanceAfterCrIsPd && previous === 'CR' && category !== 'PD') {
      const back = reappeared(input, rules, series, t);
      if (back.length > 0) {
        category = 'PD';
        const message = `${back.join(', ')} reappeared at ${describeTimePoint(input, t)} after an overall CR: PD (${rules.name}; RECIST 1.1 Table 3 note)`;
        firings.push({ ruleId: `${rules.id}.pd.reappearance-after-cr`, message, values: {}, lesionIds: back });
      }
    }
    if (hooks.overall) {
      const adjusted = hooks.overall(category, c, ctx);
      category = adjusted.category;
      firings.push(...adjusted.firings);
    }
    timePoints.push({
      index: t,
      dateIso: input.timePoints[t].dateIso,
      category,
      target: c.target?.category ?? null,
      nonTarget: c.nonTarget?.category ?? null,
      newLesions: c.newLesions.status,
      measure: series.measures[t],
      firings,
    });
    if (category !== 'NE') previous = category;
  }
  return { criterion: rules.id, baselineDateIso: input.timePoints[0].dateIso, baseline: series.measures[0], timePoints, issues };
}
