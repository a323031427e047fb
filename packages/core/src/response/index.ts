/**
 * Tumour-response criteria as pure functions over a patient's lesions and time points: RECIST
 * 1.1, iRECIST, mRECIST, WHO, Choi, RANO, PERCIST, Lugano (CT) and volumetric, with best
 * overall response (RECIST family, iRECIST's iBOR, PERCIST's). Thresholds are data (`RECIST_1_1`,
 * `WHO_CRITERIA` …); every category comes with the rules that fired and their numbers.
 */
export type * from './ResponseInput.ts';
export type * from './ResponseResult.ts';
export type * from './SumCriterionRules.ts';
export { validateResponseInput } from './validateResponseInput.ts';
export { checkTargetSelection } from './checkTargetSelection.ts';
export { overallResponse } from './overallResponse.ts';
export { evaluateSumCriterion, type SumCriterionHooks, type SumEvaluationContext, type TimePointComponents } from './evaluateSumCriterion.ts';
export type { TargetAssessment } from './targetResponse.ts';
export type { NonTargetAssessment } from './nonTargetResponse.ts';
export type { NewLesionFinding } from './newLesionFindings.ts';
export type { TargetSeries, TargetSum } from './targetSums.ts';
export * from './bestOverallResponse.ts';
export * from './recist11.ts';
export * from './irecist.ts';
export * from './irecistBestOverallResponse.ts';
export * from './mrecist.ts';
export * from './who.ts';
export * from './choi.ts';
export * from './rano.ts';
export * from './percist.ts';
export * from './percistBestOverallResponse.ts';
export * from './lugano.ts';
export * from './volumetric.ts';
