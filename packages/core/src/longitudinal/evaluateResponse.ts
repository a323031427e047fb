import { bestOverallResponse, type BestOverallResponse } from '../response/bestOverallResponse.ts';
import { evaluateChoi } from '../response/choi.ts';
import { evaluateIrecist } from '../response/irecist.ts';
import { evaluateLuganoCt } from '../response/lugano.ts';
import { evaluateMrecist } from '../response/mrecist.ts';
import { evaluatePercist } from '../response/percist.ts';
import { evaluateRano } from '../response/rano.ts';
import { evaluateRecist11 } from '../response/recist11.ts';
import type { ResponseInput } from '../response/ResponseInput.ts';
import type { RecistCategory, ResponseEvaluation } from '../response/ResponseResult.ts';
import { evaluateVolumetric } from '../response/volumetric.ts';
import { evaluateWho } from '../response/who.ts';
import type { AssessmentCriterion } from './assessmentWorkflow.ts';

/** Each criterion an assessment can be read by: its display name, its evaluation, and whether RECIST's best-response rules apply. */
export const RESPONSE_CRITERIA: Readonly<Record<AssessmentCriterion, { name: string; evaluate: (input: ResponseInput) => ResponseEvaluation<string>; recistFamily: boolean }>> = {
  recist: { name: 'RECIST 1.1', evaluate: evaluateRecist11, recistFamily: true },
  irecist: { name: 'iRECIST', evaluate: evaluateIrecist, recistFamily: false },
  mrecist: { name: 'mRECIST', evaluate: evaluateMrecist, recistFamily: true },
  who: { name: 'WHO', evaluate: evaluateWho, recistFamily: true },
  choi: { name: 'Choi', evaluate: evaluateChoi, recistFamily: true },
  rano: { name: 'RANO', evaluate: evaluateRano, recistFamily: true },
  percist: { name: 'PERCIST 1.0', evaluate: evaluatePercist, recistFamily: false },
  lugano: { name: 'Lugano (CT)', evaluate: evaluateLuganoCt, recistFamily: true },
  volumetric: { name: 'volumetric', evaluate: evaluateVolumetric, recistFamily: true },
};

/** A criterion applied to a patient's lesions: the evaluation and, where defined, the best overall response. */
export interface ResponseOutcome {
  /** Display name, e.g. 'RECIST 1.1'. */
  name: string;
  evaluation: ResponseEvaluation<string>;
  bestOverallResponse?: BestOverallResponse;
}

/** Evaluate `input` by `criterion` (the engine's input errors are thrown as they are). */
export function evaluateResponse(criterion: AssessmentCriterion, input: ResponseInput): ResponseOutcome {
  const { name, evaluate, recistFamily } = RESPONSE_CRITERIA[criterion];
  const evaluation = evaluate(input);
  const best = recistFamily ? bestOverallResponse(evaluation as ResponseEvaluation<RecistCategory>) : undefined;
  return { name, evaluation, ...(best ? { bestOverallResponse: best } : {}) };
}
