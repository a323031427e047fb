import { evaluateSumCriterion } from './evaluateSumCriterion.ts';
import { RECIST_1_1 } from './recist11.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { RecistCategory, ResponseEvaluation } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';

/**
 * Volumetric response on the sum of target volumes. Convention, not a single published standard:
 * the RECIST 1.1 diameter thresholds carried over to a sphere's volume, (1 − 0.30)³ = 0.343 →
 * PR at −65 % and 1.20³ = 1.728 → PD at +73 % from the nadir, the sphere-equivalent thresholds
 * most volumetric response studies use. Targets are chosen as for RECIST 1.1; a lesion too small to measure counts as a
 * 5 mm sphere (65.4 mm³); target nodes count as normal below 10 mm short axis when one is given.
 * There is no absolute-volume minimum for PD.
 */
export const VOLUMETRIC: SumCriterionRules = {
  ...RECIST_1_1,
  id: 'volumetric',
  name: 'volumetric',
  measure: 'volume',
  partialResponseMaxChange: -0.65,
  progressionMinChange: 0.73,
  progressionMinAbsolute: 0,
};

/** Evaluates volumetric response (`volumeMm3`) at every follow-up. */
export function evaluateVolumetric(input: ResponseInput, rules: SumCriterionRules = VOLUMETRIC): ResponseEvaluation<RecistCategory> {
  return evaluateSumCriterion(input, rules);
}
