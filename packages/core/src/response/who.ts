import { evaluateSumCriterion, type TimePointComponents, type SumEvaluationContext } from './evaluateSumCriterion.ts';
import { formatNumber, formatPercent } from './formatValue.ts';
import { measureUnit } from './lesionMeasure.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { RecistCategory, ResponseEvaluation } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';
import { lesionNadir } from './targetSums.ts';
import { atLeast, fractionChange } from './tolerantCompare.ts';
import { describeTimePoint } from './validateResponseInput.ts';

/** A sum-based rule table plus PD by one lesion's growth. */
export interface WhoRules extends SumCriterionRules {
  /** PD when any single lesion's product grew at least this much from its own nadir; null: off. */
  singleLesionProgressionMinChange: number | null;
}

/**
 * WHO (Miller et al., Cancer 1981;47:207–214): sum of products of the longest diameter and its
 * greatest perpendicular; PR ≥ 50 % decrease from baseline; PD ≥ 25 % increase in the size of
 * one or more lesions (applied both to each lesion from its own nadir, as the paper words it,
 * and to the sum from its nadir, as most trials did) or new lesions. WHO sets no target count,
 * no minimum size and no too-small default; the 5 × 5 mm default is borrowed from RECIST/Lugano.
 * WHO's "no change" is reported as SD.
 */
export const WHO_CRITERIA: WhoRules = {
  id: 'who',
  name: 'WHO',
  measure: 'product',
  selection: { maxTargets: null, maxTargetsPerOrgan: null, nodesAreOneOrgan: false, measurableLesion: [], measurableNode: [] },
  tooSmallAxisMm: 5,
  nodeNormal: null,
  partialResponseMaxChange: -0.5,
  progressionMinChange: 0.25,
  progressionMinAbsolute: 0,
  reappearanceAfterCrIsPd: true,
  singleLesionProgressionMinChange: 0.25,
};

/** Turns the targets PD when one lesion grew enough from its own nadir (the hook of `evaluateWho`). */
export function singleLesionProgression(c: TimePointComponents, ctx: SumEvaluationContext, minChange: number | null): TimePointComponents {
  if (minChange === null || !c.target || c.target.category === 'PD') return c;
  const grown: string[] = [], grownIds: string[] = [];
  const values: Record<string, number> = {};
  for (const l of ctx.series.targets) {
    const v = ctx.series.sums[ctx.t].perLesion.get(l.id);
    const nadir = lesionNadir(ctx.series, l.id, ctx.t);
    if (v === null || v === undefined || !nadir || !(v > nadir.value)) continue;
    const change = fractionChange(v, nadir.value);
    if (!atLeast(change, minChange)) continue;
    grown.push(`${l.id} ${formatNumber(nadir.value)} → ${formatNumber(v)} ${measureUnit(ctx.rules.measure)} (${formatPercent(change)})`);
    grownIds.push(l.id);
    values[`${l.id}.value`] = v;
    values[`${l.id}.nadir`] = nadir.value;
  }
  if (grown.length === 0) return c;
  const at = describeTimePoint(ctx.input, ctx.t);
  const message = `at ${at} ${grown.join('; ')} from its own nadir; ${formatPercent(minChange)} in one lesion is PD (${ctx.rules.name})`;
  const firing = { ruleId: `${ctx.rules.id}.pd.target.lesion-increase`, message, values, lesionIds: grownIds };
  return { ...c, target: { category: 'PD', firings: [...c.target.firings, firing] } };
}

/** Evaluates WHO at every follow-up (products of `longAxisMm` × `shortAxisMm`). */
export function evaluateWho(input: ResponseInput, rules: WhoRules = WHO_CRITERIA): ResponseEvaluation<RecistCategory> {
  return evaluateSumCriterion(input, rules, { components: (c, ctx) => singleLesionProgression(c, ctx, rules.singleLesionProgressionMinChange) });
}
