import { evaluateSumCriterion } from './evaluateSumCriterion.ts';
import { RECIST_1_1 } from './recist11.ts';
import type { ResponseInput } from './ResponseInput.ts';
import type { RecistCategory, ResponseEvaluation } from './ResponseResult.ts';
import type { SumCriterionRules } from './SumCriterionRules.ts';

/**
 * mRECIST for hepatocellular carcinoma (Lencioni & Llovet, Semin Liver Dis 2010;30:52–60): the
 * RECIST machinery on the longest diameter of the viable, arterially enhancing tumour. CR when
 * no target enhances; PR −30 % from baseline; PD +20 % from the nadir with no absolute minimum
 * (the 5 mm rule is RECIST 1.1's, not mRECIST's). Nodes, selection and too-small as RECIST 1.1;
 * mRECIST's porta hepatis node (malignant only ≥ 20 mm short axis) is the reader's call.
 */
export const MRECIST: SumCriterionRules = {
  ...RECIST_1_1,
  id: 'mrecist',
  name: 'mRECIST',
  measure: 'viable-diameter',
  selection: { ...RECIST_1_1.selection, measurableLesion: [{ axis: 'viableLongAxisMm', mm: 10, inclusive: true }] },
  progressionMinAbsolute: 0,
};

/** Evaluates mRECIST at every follow-up (viable tumour: `viableLongAxisMm`; `presence: 'disappeared'` = no enhancement left). */
export function evaluateMrecist(input: ResponseInput, rules: SumCriterionRules = MRECIST): ResponseEvaluation<RecistCategory> {
  return evaluateSumCriterion(input, rules);
}
