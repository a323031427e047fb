import { bestOverallResponse, type BestOverallResponse } from '../response/bestOverallResponse.ts';
import { irecistBestOverallResponse, type IrecistBestOverallResponse } from '../response/irecistBestOverallResponse.ts';
import { percistBestOverallResponse, type PercistBestOverallResponse } from '../response/percistBestOverallResponse.ts';
import { evaluateChoi } from '../response/choi.ts';
import { evaluateIrecist } from '../response/irecist.ts';
import { evaluateLuganoCt } from '../response/lugano.ts';
import { evaluateMrecist } from '../response/mrecist.ts';
import { evaluatePercist } from '../response/percist.ts';
import { evaluateRano } from '../response/rano.ts';
import { evaluateRecist11 } from '../response/recist11.ts';
import type { ResponseInput } from '../response/ResponseInput.ts';
import type { IrecistCategory, PercistCategory, RecistCategory, ResponseEvaluation } from '../response/ResponseResult.ts';
import { evaluateVolumetric } from '../response/volumetric.ts';
import { evaluateWho } from '../response/who.ts';
import type { AssessmentCriterion } from './assessmentWorkflow.ts';

/** A best overall response of any criterion: RECIST family, iRECIST (iBOR) or PERCIST. */
export type AnyBestOverallResponse = BestOverallResponse | IrecistBestOverallResponse | PercistBestOverallResponse;

/** How one criterion reads a patient: its display name, its evaluation and its best overall response. */
export interface ResponseCriterion {
  name: string;
  evaluate: (input: ResponseInput) => ResponseEvaluation<string>;
  best: (evaluation: ResponseEvaluation<string>) => AnyBestOverallResponse;
}

const recistBest = (e: ResponseEvaluation<string>) => bestOverallResponse(e as ResponseEvaluation<RecistCategory>);

/** Each criterion an assessment can be read by, under its assessment name. */
export const RESPONSE_CRITERIA: Readonly<Record<AssessmentCriterion, ResponseCriterion>> = {
  recist: { name: 'RECIST 1.1', evaluate: evaluateRecist11, best: recistBest },
  irecist: { name: 'iRECIST', evaluate: evaluateIrecist, best: (e) => irecistBestOverallResponse(e as ResponseEvaluation<IrecistCategory>) },
  mrecist: { name: 'mRECIST', evaluate: evaluateMrecist, best: recistBest },
  who: { name: 'WHO', evaluate: evaluateWho, best: recistBest },
  choi: { name: 'Choi', evaluate: evaluateChoi, best: recistBest },
  rano: { name: 'RANO', evaluate: evaluateRano, best: recistBest },
  percist: { name: 'PERCIST 1.0', evaluate: evaluatePercist, best: (e) => percistBestOverallResponse(e as ResponseEvaluation<PercistCategory>) },
  lugano: { name: 'Lugano (CT)', evaluate: evaluateLuganoCt, best: recistBest },
  volumetric: { name: 'volumetric', evaluate: evaluateVolumetric, best: recistBest },
};

/** A criterion applied to a patient's lesions: the evaluation and the best overall response. */
export interface ResponseOutcome {
  /** Display name, e.g. 'RECIST 1.1'. */
  name: string;
  evaluation: ResponseEvaluation<string>;
  bestOverallResponse: AnyBestOverallResponse;
}

/** Evaluate `input` by `criterion` (the engine's input errors are thrown as they are), with its best overall response. */
export function evaluateResponse(criterion: AssessmentCriterion, input: ResponseInput): ResponseOutcome {
  const { name, evaluate, best } = RESPONSE_CRITERIA[criterion];
  const evaluation = evaluate(input);
  return { name, evaluation, bestOverallResponse: best(evaluation) };
}
