import { evaluateSumCriterion, type SumEvaluationContext, type TimePointComponents } from './evaluateSumCriterion.ts';
import { formatNumber, formatPercent } from './formatValue.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { RecistCategory, ResponseEvaluation, RuleFiring } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';
import { atMost, fractionChange } from './tolerantCompare.ts';
import { describeTimePoint } from './validateResponseInput.ts';

/** The Choi rule table: size thresholds plus the density one. */
export interface ChoiRules extends SumCriterionRules {
  /** PR (and no PD by size) when the targets' mean attenuation fell at least this much from baseline. */
  densityPartialResponseMaxChange: number;
}

/**
 * Choi criteria for GIST on CT (Choi et al., J Clin Oncol 2007;25:1753–1759): size is the sum of
 * longest diameters (RECIST 1.0 targets: up to 10, 5 per organ, ≥ 10 mm; nodes by long axis);
 * PR −10 % in size OR −15 % in density (mean HU of the targets, portal venous phase) from
 * baseline; PD +10 % in size from the nadir unless density meets PR, new lesions, or a new or
 * growing intratumoural nodule (`TimePoint.newIntratumouralNodule`).
 */
export const CHOI: ChoiRules = {
  id: 'choi',
  name: 'Choi',
  measure: 'long-axis',
  selection: {
    maxTargets: 10,
    maxTargetsPerOrgan: 5,
    nodesAreOneOrgan: false,
    measurableLesion: [{ axis: 'longAxisMm', mm: 10, inclusive: true }],
    measurableNode: [{ axis: 'longAxisMm', mm: 10, inclusive: true }],
  },
  tooSmallAxisMm: 5,
  nodeNormal: null,
  partialResponseMaxChange: -0.1,
  progressionMinChange: 0.1,
  progressionMinAbsolute: 0,
  reappearanceAfterCrIsPd: true,
  densityPartialResponseMaxChange: -0.15,
};

/** Mean of the targets' mean HU at t (lesions still present and with a value); null when none has one. */
export function targetDensityHu(input: ResponseInput, t: number): number | null {
  const hu = input.lesions
    .filter((l) => l.kind === 'target')
    .map((l) => l.observations[t])
    .filter((o) => o && o.presence !== 'disappeared' && o.presence !== 'NE' && typeof o.meanHu === 'number')
    .map((o) => o!.meanHu as number);
  return hu.length === 0 ? null : hu.reduce((a, b) => a + b, 0) / hu.length;
}

function densityRule(c: TimePointComponents, ctx: SumEvaluationContext, rules: ChoiRules): TimePointComponents {
  if (!c.target || (c.target.category !== 'SD' && c.target.category !== 'PD')) return c;
  const base = targetDensityHu(ctx.input, 0), now = targetDensityHu(ctx.input, ctx.t);
  if (base === null || now === null) return c;
  const change = fractionChange(now, base);
  if (!atMost(change, rules.densityPartialResponseMaxChange)) return c;
  const instead = c.target.category === 'PD' ? ' (so the size increase is not PD)' : '';
  const firing: RuleFiring = {
    ruleId: `${rules.id}.pr.target.density-decrease`,
    message: `mean target density ${formatNumber(now)} HU at ${describeTimePoint(ctx.input, ctx.t)} is ${formatPercent(change)} from the baseline ` +
      `${formatNumber(base)} HU; ${formatPercent(rules.densityPartialResponseMaxChange)} or less is PR${instead} (${rules.name})`,
    values: { densityHu: now, baselineDensityHu: base, densityChangePercent: change * 100 },
  };
  return { ...c, target: { category: 'PR', firings: [...c.target.firings, firing] } };
}

/** Evaluates the Choi criteria at every follow-up (`longAxisMm`, `meanHu`). */
export function evaluateChoi(input: ResponseInput, rules: ChoiRules = CHOI): ResponseEvaluation<RecistCategory> {
  return evaluateSumCriterion(input, rules, {
    components: (c, ctx) => densityRule(c, ctx, rules),
    overall: (category, _c, ctx) => {
      if (category === 'PD' || !ctx.input.timePoints[ctx.t].newIntratumouralNodule) return { category, firings: [] };
      const message = `new or growing intratumoural nodule at ${describeTimePoint(ctx.input, ctx.t)}: PD (${rules.name})`;
      return { category: 'PD', firings: [{ ruleId: `${rules.id}.pd.intratumoral-nodule`, message, values: {} }] };
    },
  });
}
