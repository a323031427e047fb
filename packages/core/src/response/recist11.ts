import { evaluateSumCriterion } from './evaluateSumCriterion.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { RecistCategory, ResponseEvaluation } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';

/**
 * RECIST 1.1 (Eisenhauer et al., Eur J Cancer 2009;45:228–247) and the RECIST working group's
 * Q&A (recist.eortc.org): sum of diameters, nodes by short axis; PR −30 % from baseline; PD
 * +20 % and +5 mm from the nadir; node CR < 10 mm short axis; at most 5 targets, 2 per organ
 * (all nodes one organ); measurable ≥ 10 mm, nodes ≥ 15 mm short axis; too small = 5 mm.
 */
export const RECIST_1_1: SumCriterionRules = {
  id: 'recist',
  name: 'RECIST 1.1',
  measure: 'diameter',
  selection: {
    maxTargets: 5,
    maxTargetsPerOrgan: 2,
    nodesAreOneOrgan: true,
    measurableLesion: [{ axis: 'longAxisMm', mm: 10, inclusive: true }],
    measurableNode: [{ axis: 'shortAxisMm', mm: 15, inclusive: true }],
  },
  tooSmallAxisMm: 5,
  nodeNormal: { axis: 'shortAxisMm', mm: 10, inclusive: false },
  partialResponseMaxChange: -0.3,
  progressionMinChange: 0.2,
  progressionMinAbsolute: 5,
  reappearanceAfterCrIsPd: true,
};

/**
 * Evaluates RECIST 1.1 at every follow-up. Pass a modified table to change a convention, e.g.
 * `{ ...RECIST_1_1, tooSmallAxisMm: 0 }`.
 *
 * @example const { timePoints, issues } = evaluateRecist11(input); timePoints[0].category // 'PR'
 */
export function evaluateRecist11(input: ResponseInput, rules: SumCriterionRules = RECIST_1_1): ResponseEvaluation<RecistCategory> {
  return evaluateSumCriterion(input, rules);
}
