import type { BestOverallResponse } from '../response/bestOverallResponse.ts';
import type { ResponseInput } from '../response/ResponseInput.ts';
import type { ResponseEvaluation } from '../response/ResponseResult.ts';

/** Who the report is about, as given: real or pseudonymous. Every field is escaped when shown. */
export interface ReportPatient {
  name?: string;
  id?: string;
}

/**
 * A tumour-response report: the input and the engine's evaluation of it, ready to render as
 * HTML (`renderResponseReportHtml`), CSV (`responseReportCsv`) or JSON (this object as it is).
 *
 * @example
 * const evaluation = evaluateRecist11(input);
 * const report: ResponseReport = { patient: { id: 'P-001' }, criterion: 'RECIST 1.1', input, evaluation,
 *   bestOverallResponse: bestOverallResponse(evaluation), generatedAtIso: new Date().toISOString(), softwareVersion: 'Voxa 0.1.0' };
 */
export interface ResponseReport {
  patient: ReportPatient;
  /** Display name of the criterion, e.g. 'RECIST 1.1'; the rule tables are looked up by `evaluation.criterion`. */
  criterion: string;
  input: ResponseInput;
  evaluation: ResponseEvaluation<string>;
  /** RECIST-family criteria: the best overall response (`bestOverallResponse`). */
  bestOverallResponse?: BestOverallResponse;
  /** When the report was made, ISO 8601. */
  generatedAtIso: string;
  /** The software that made it, e.g. 'Voxa 0.1.0'. */
  softwareVersion: string;
}
