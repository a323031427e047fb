import type { AnyBestOverallResponse } from '../longitudinal/evaluateResponse.ts';
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
  /** The best overall response (`evaluateResponse` gives it for every criterion). */
  bestOverallResponse?: AnyBestOverallResponse;
  /** When the report was made, ISO 8601. */
  generatedAtIso: string;
  /** The software that made it, e.g. 'Voxa 0.1.0'. */
  softwareVersion: string;
  /** Key images, at most one per lesion per time point, shown as a gallery (lesions by time points). */
  keyImages?: ReportKeyImage[];
}

/** A grey-level window (DICOM VOI window centre and width) in the image's units, HU for CT. */
export interface DisplayWindow {
  center: number;
  width: number;
}

/**
 * One key image of a report: a lesion at a time point as the reader filed it (e.g. from
 * `renderLesionKeyImage`), with what it shows in words.
 */
export interface ReportKeyImage {
  /** `Lesion.id` in the report's input. */
  lesionId: string;
  /** Index into `input.timePoints` (0 = baseline). */
  timePointIndex: number;
  /** The PNG, as a data URI (`data:image/png;base64,…`) or its base64 alone. */
  png: string;
  /** What the image shows: lesion, date, window, axes in mm … */
  caption: string;
  widthPx?: number;
  heightPx?: number;
  window?: DisplayWindow;
  longAxisMm?: number;
  shortAxisMm?: number;
}
