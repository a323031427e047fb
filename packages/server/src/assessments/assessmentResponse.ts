import {
  evaluateResponse, isVoxaError, responseInputFromMeasurements,
  type Assessment, type Measurement, type ObservationSources, type ReportPatient, type ResponseInput, type ResponseOutcome, type ResponseReport,
} from '@voxa/core';
import type { MeasurementStore } from '../measurements/MeasurementStore.ts';
import type { InstanceStore } from '../store/InstanceStore.ts';

/** One time point of an assessment: its study and the study's date. */
export interface AssessmentTimePoint {
  studyUid: string;
  /** ISO 8601 date from the study's StudyDate; '' when the study has none. */
  dateIso: string;
  description?: string;
  /** The study's lesion-tagged measurements (the ones the response is read from). */
  measurements: Measurement[];
}

/**
 * An assessment's response as read from the lesion-tagged measurements of its studies now:
 * `outcome` when they make a valid input, else `error` saying which lesion or measurement is wrong.
 */
export interface AssessmentResponse {
  assessmentId: string;
  revision: number;
  criterion: Assessment['criterion'];
  state: Assessment['state'];
  patient: ReportPatient;
  timePoints: AssessmentTimePoint[];
  input: ResponseInput;
  sources: ObservationSources;
  outcome?: ResponseOutcome;
  error?: string;
}

/**
 * Read the response of `assessment`: its studies in time order (baseline, then follow-ups by
 * study date), each study's lesion-tagged measurements, matched into a ResponseInput and
 * evaluated by the assessment's criterion. An inconsistent tagging or an input the criterion
 * refuses is answered as `error`, not thrown: the reader must see it to fix it.
 */
export function assessmentResponse(assessment: Assessment, revision: number, store: InstanceStore, measurements: MeasurementStore): AssessmentResponse {
  let patient: ReportPatient = { id: assessment.patientId };
  const studies = [assessment.baselineStudyUid, ...assessment.followUpStudyUids].map((studyUid) => {
    const [row] = store.search('study', { match: {}, studyInstanceUid: studyUid, limit: 1 });
    if (row?.PatientName) patient = { id: assessment.patientId, name: String(row.PatientName) };
    const read = measurements.list(studyUid);
    return {
      studyUid, dateIso: isoDate(row?.StudyDate), ...(row?.StudyDescription ? { description: String(row.StudyDescription) } : {}),
      measurements: read.status === 'ok' ? read.measurements.filter((m) => m.lesion) : [],
    };
  });
  // Follow-ups by date, whatever order they were added in; the baseline stays first.
  const timePoints = [studies[0], ...studies.slice(1).sort((a, b) => a.dateIso.localeCompare(b.dateIso))];
  const base = { assessmentId: assessment.id, revision, criterion: assessment.criterion, state: assessment.state, patient, timePoints };
  let input: ResponseInput = { timePoints: timePoints.map((tp) => ({ dateIso: tp.dateIso })), lesions: [] };
  let sources: ObservationSources = {};
  try {
    ({ input, sources } = responseInputFromMeasurements(timePoints));
    return { ...base, input, sources, outcome: evaluateResponse(assessment.criterion, input) };
  } catch (e) {
    if (!isVoxaError(e)) throw e;
    return { ...base, input, sources, error: e.message };
  }
}

/** The response as a report (for HTML, CSV and PDF); undefined when it has no outcome. */
export function responseReportOf(response: AssessmentResponse, softwareVersion: string, now = new Date()): ResponseReport | undefined {
  const { outcome } = response;
  if (!outcome) return undefined;
  return {
    patient: response.patient, criterion: outcome.name, input: response.input, evaluation: outcome.evaluation,
    ...(outcome.bestOverallResponse ? { bestOverallResponse: outcome.bestOverallResponse } : {}),
    generatedAtIso: now.toISOString(), softwareVersion,
  };
}

/** DICOM DA (YYYYMMDD) → ISO 8601 date; '' when absent or malformed. */
function isoDate(da: unknown): string {
  const s = typeof da === 'string' ? da : '';
  return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : '';
}
