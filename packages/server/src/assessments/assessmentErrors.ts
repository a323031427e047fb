import { AssessmentWorkflowError, type AssessmentRefusal } from '@voxa/core';
import { catalogErrorReply } from '../dicomweb/errors.ts';
import { CatalogError } from '../http/CatalogError.ts';

/**
 * The error codes of the assessment routes, beside the DICOMweb catalog (dicomweb/errors.ts) whose
 * generic codes they also answer (VOXA_HTTP_NOT_FOUND for a study not in the archive,
 * VOXA_HTTP_BAD_REQUEST for a body that is not JSON) and the measurement routes'
 * VOXA_HTTP_BAD_HEADER (X-Voxa-User, If-Match). A code never changes meaning. Error bodies are
 * `{ code, message }`; a workflow refusal's message names the current state and what is needed.
 */
export const ASSESSMENT_HTTP_ERRORS = {
  VOXA_HTTP_BAD_ASSESSMENT: { status: 400, message: 'The assessment request is invalid' },
  VOXA_HTTP_BAD_ASSESSMENT_ID: { status: 400, message: 'The assessment id in the path is invalid: expected 1 to 64 of A-Z a-z 0-9 _ -' },
  VOXA_HTTP_ASSESSMENT_NOT_FOUND: { status: 404, message: 'No such assessment' },
  VOXA_HTTP_STUDY_OF_OTHER_PATIENT: { status: 409, message: "The study belongs to another patient than the assessment's" },
  VOXA_HTTP_ASSESSMENT_DUPLICATE_STUDY: { status: 409, message: 'The study is already in the assessment' },
  VOXA_HTTP_ASSESSMENT_NOT_NEXT_STATE: { status: 409, message: 'The assessment can only move to its next state' },
  VOXA_HTTP_ASSESSMENT_FOUR_EYES: { status: 409, message: 'The review must be recorded by another user than the follow-up measurement' },
  VOXA_HTTP_ASSESSMENT_SIGNED: { status: 409, message: 'The assessment is signed: reopen it with a reason first' },
  VOXA_HTTP_ASSESSMENT_NOT_SIGNED: { status: 409, message: 'Only a signed assessment is reopened' },
  VOXA_HTTP_ASSESSMENT_UNREADABLE: { status: 409, message: "The assessment's lesion measurements do not make a response yet" },
  VOXA_HTTP_ASSESSMENT_REPORT_NOT_STORED: { status: 500, message: 'The assessment is signed but its DICOM SR could not be stored' },
  VOXA_HTTP_REVISION_MISMATCH: { status: 412, message: 'The assessment changed since the revision given in If-Match' },
} as const satisfies Record<string, { status: number; message: string }>;

export type AssessmentHttpErrorCode = keyof typeof ASSESSMENT_HTTP_ERRORS;

/**
 * An error with an assessment catalog code; the assessments plugin's error handler sends
 * `{ code, message }` with the code's status.
 *
 * @example
 * throw new AssessmentHttpError('VOXA_HTTP_ASSESSMENT_NOT_FOUND', 'no assessment a1');
 */
export class AssessmentHttpError extends CatalogError<AssessmentHttpErrorCode> {
  constructor(code: AssessmentHttpErrorCode, detail?: string) {
    super(ASSESSMENT_HTTP_ERRORS, code, detail);
  }
}

/** The HTTP code of each refusal of the workflow (@voxa/core assessmentWorkflow.ts). */
const REFUSAL_CODES: Record<AssessmentRefusal, AssessmentHttpErrorCode> = {
  'not-next-state': 'VOXA_HTTP_ASSESSMENT_NOT_NEXT_STATE',
  'four-eyes': 'VOXA_HTTP_ASSESSMENT_FOUR_EYES',
  signed: 'VOXA_HTTP_ASSESSMENT_SIGNED',
  'not-signed': 'VOXA_HTTP_ASSESSMENT_NOT_SIGNED',
  'duplicate-study': 'VOXA_HTTP_ASSESSMENT_DUPLICATE_STUDY',
  invalid: 'VOXA_HTTP_BAD_ASSESSMENT',
};

/**
 * Any error of an assessment request as status and body: ours as they are; a workflow refusal by
 * its reason; Fastify's schema validation by part (the `id` path parameter →
 * VOXA_HTTP_BAD_ASSESSMENT_ID, a body or query → VOXA_HTTP_BAD_ASSESSMENT); everything else
 * through the DICOMweb catalog.
 */
export function assessmentErrorReply(e: unknown): { statusCode: number; body: { code: string; message: string } } {
  return catalogErrorReply(ours(e) ?? e);
}

function ours(e: unknown): CatalogError | undefined {
  if (e instanceof CatalogError) return e;
  if (e instanceof AssessmentWorkflowError) return new AssessmentHttpError(REFUSAL_CODES[e.refusal], `assessment ${String(e.where.assessment)}: ${e.detail}`);
  const error = e as { validation?: { instancePath?: string }[]; validationContext?: string; message?: string };
  if (!Array.isArray(error?.validation)) return undefined;
  if (error.validationContext === 'params' && error.validation.some((v) => v.instancePath === '/id')) return new AssessmentHttpError('VOXA_HTTP_BAD_ASSESSMENT_ID');
  if (error.validationContext === 'body' || error.validationContext === 'querystring') return new AssessmentHttpError('VOXA_HTTP_BAD_ASSESSMENT', error.message);
  return undefined;
}
