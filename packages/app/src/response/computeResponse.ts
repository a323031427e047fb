import {
  evaluateResponse, responseInputFromMeasurements,
  type AssessmentCriterion, type Measurement, type ObservationSources, type ResponseInput, type ResponseOutcome,
} from '@voxa/core';

/** One study of an assessment with its date and saved measurements; index 0 is the baseline. */
export interface AssessmentTimePoint {
  studyUid: string;
  /** ISO 8601 date of the study (YYYY-MM-DD). */
  dateIso: string;
  measurements: readonly Measurement[];
}

/**
 * An assessment's response as its measurements stand now: what the server's
 * GET /voxa/assessments/:id/response answers, computed in the browser so that it follows every
 * edit without a round trip. `error` is set instead of (or, when only the evaluation failed,
 * beside) the input; it names the study, lesion and measurements at fault.
 */
export interface LiveResponse {
  criterion: AssessmentCriterion;
  timePoints: { studyUid: string; dateIso: string }[];
  input?: ResponseInput;
  /** Which measurement gave each lesion's observation at each time point. */
  sources?: ObservationSources;
  outcome?: ResponseOutcome;
  error?: string;
}

/** Evaluate the lesion-tagged measurements of the time points (baseline first) by `criterion`. */
export function computeResponse(criterion: AssessmentCriterion, timePoints: readonly AssessmentTimePoint[]): LiveResponse {
  const base: LiveResponse = { criterion, timePoints: timePoints.map(({ studyUid, dateIso }) => ({ studyUid, dateIso })) };
  let built: ReturnType<typeof responseInputFromMeasurements>;
  try {
    built = responseInputFromMeasurements(timePoints);
  } catch (e) {
    return { ...base, error: (e as Error).message };
  }
  try {
    return { ...base, ...built, outcome: evaluateResponse(criterion, built.input) };
  } catch (e) {
    return { ...base, ...built, error: (e as Error).message };
  }
}
