import { evaluateSumCriterion, type SumEvaluationContext } from './evaluateSumCriterion.ts';
import { formatNumber } from './formatValue.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { RecistCategory, ResponseEvaluation, RuleFiring } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';
import { greaterThan } from './tolerantCompare.ts';
import { describeTimePoint } from './validateResponseInput.ts';

/**
 * RANO for high-grade glioma (Wen et al., J Clin Oncol 2010;28:1963–1972): sum of products of
 * perpendicular diameters of up to 5 enhancing lesions, each ≥ 10 mm in both; PR ≥ 50 %
 * decrease from baseline; PD ≥ 25 % increase from the smallest sum. Non-measurable
 * (non-target) lesions: unequivocal progression is PD. The clinical rules live in
 * `evaluateRano`. CR and PR must be sustained ≥ 4 weeks: read them with
 * `bestOverallResponse(…, { confirmation: true })`.
 */
export const RANO: SumCriterionRules = {
  id: 'rano',
  name: 'RANO',
  measure: 'product',
  selection: {
    maxTargets: 5,
    maxTargetsPerOrgan: null,
    nodesAreOneOrgan: false,
    measurableLesion: [{ axis: 'longAxisMm', mm: 10, inclusive: true }, { axis: 'shortAxisMm', mm: 10, inclusive: true }],
    measurableNode: [{ axis: 'longAxisMm', mm: 10, inclusive: true }, { axis: 'shortAxisMm', mm: 10, inclusive: true }],
  },
  tooSmallAxisMm: 5,
  nodeNormal: null,
  partialResponseMaxChange: -0.5,
  progressionMinChange: 0.25,
  progressionMinAbsolute: 0,
  reappearanceAfterCrIsPd: true,
};

/**
 * RANO's clinical rules on top of the imaging category (Wen 2010 Table 2). The steroid dose is
 * compared with the baseline dose only when both are recorded.
 */
function clinicalRules(category: RecistCategory, ctx: SumEvaluationContext): { category: RecistCategory; firings: RuleFiring[] } {
  const { id, name } = ctx.rules;
  const at = describeTimePoint(ctx.input, ctx.t);
  const now = ctx.input.timePoints[ctx.t].rano ?? {}, base = ctx.input.timePoints[0].rano ?? {};
  const fire = (c: RecistCategory, rule: string, message: string, values: Record<string, number> = {}) =>
    ({ category: c, firings: [{ ruleId: `${id}.${rule}`, message: `${message} (${name})`, values }] });
  if (category === 'PD') return { category, firings: [] };
  if (now.clinicalStatus === 'worse') return fire('PD', 'pd.clinical-deterioration', `clear clinical deterioration at ${at}: PD`);
  if (now.t2FlairProgression) return fire('PD', 'pd.t2-flair', `significant increase of the non-enhancing T2/FLAIR lesion at ${at}: PD`);
  if (ctx.series.targets.length === 0 && (category === 'CR' || category === 'NON_CR_NON_PD')) {
    return fire('SD', 'sd.non-measurable-only', `only non-measurable disease: the best response possible is SD`);
  }
  if (category !== 'CR' && category !== 'PR') return { category, firings: [] };
  const dose = now.corticosteroidMgPerDay, baseDose = base.corticosteroidMgPerDay;
  if (dose === undefined) {
    return fire(category, 'corticosteroids-not-recorded', `no corticosteroid dose recorded at ${at}; ${category} assumes no more than the baseline dose (none for CR)`);
  }
  const values: Record<string, number> = { corticosteroidMgPerDay: dose, ...(baseDose === undefined ? {} : { baselineCorticosteroidMgPerDay: baseDose }) };
  if (baseDose !== undefined && greaterThan(dose, baseDose)) {
    const more = `corticosteroids ${formatNumber(dose)} mg/day at ${at}, more than the ${formatNumber(baseDose)} mg/day at baseline`;
    return fire('SD', 'sd.corticosteroids-increased', `${more}: not ${category}, SD`, values);
  }
  if (category === 'CR' && dose > 0 && !now.physiologicReplacementOnly) {
    const still = `no enhancing disease left at ${at} but still on ${formatNumber(dose)} mg/day corticosteroids`;
    return fire('PR', 'pr.cr-on-corticosteroids', `${still}: CR needs the patient off steroids, so PR`, values);
  }
  return { category, firings: [] };
}

/** Evaluates RANO at every follow-up (products of `longAxisMm` × `shortAxisMm`; `TimePoint.rano`). */
export function evaluateRano(input: ResponseInput, rules: SumCriterionRules = RANO): ResponseEvaluation<RecistCategory> {
  return evaluateSumCriterion(input, rules, { overall: (category, _c, ctx) => clinicalRules(category, ctx) });
}
