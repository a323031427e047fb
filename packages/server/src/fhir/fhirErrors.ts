import type { OperationOutcome } from './fhirTypes.ts';

/**
 * The error catalog of the FHIR API: stable codes, HTTP status, OperationOutcome issue type
 * (https://hl7.org/fhir/R4/valueset-issue-type.html) and message template. Every error answers an
 * OperationOutcome whose issue carries the code in `details.coding` (system {@link VOXA_ERROR_SYSTEM}).
 */
export const FHIR_ERRORS = {
  VOXA_FHIR_BAD_ID: { status: 400, issue: 'value', message: 'The resource id is malformed: expected 1 to 64 of A-Z a-z 0-9 - .' },
  VOXA_FHIR_BAD_SEARCH: { status: 400, issue: 'value', message: 'A search parameter value is invalid' },
  VOXA_FHIR_UNKNOWN_PARAMETER: { status: 400, issue: 'not-supported', message: 'A search parameter is not supported' },
  VOXA_FHIR_BAD_REQUEST: { status: 400, issue: 'invalid', message: 'The request is invalid' },
  VOXA_FHIR_NOT_FOUND: { status: 404, issue: 'not-found', message: 'No such resource' },
  VOXA_FHIR_UNSUPPORTED: { status: 404, issue: 'not-supported', message: 'This server serves ImagingStudy (read, search) and metadata only' },
  VOXA_FHIR_NOT_ACCEPTABLE: { status: 406, issue: 'not-supported', message: 'This server answers application/fhir+json only' },
  VOXA_FHIR_INTERNAL: { status: 500, issue: 'exception', message: 'Internal server error' },
} as const satisfies Record<string, { status: number; issue: string; message: string }>;

/** A code of the FHIR error catalog. */
export type FhirErrorCode = keyof typeof FHIR_ERRORS;

/** The code system of Voxa's error codes in OperationOutcome.issue.details. */
export const VOXA_ERROR_SYSTEM = 'urn:voxa:error-code';

/**
 * An error with a catalog code; the FHIR plugin answers it as an OperationOutcome with the code's
 * HTTP status. `detail` says what and where, never patient data (search values are not quoted).
 *
 * @example
 * throw new FhirError('VOXA_FHIR_NOT_FOUND', `ImagingStudy/${id}`);
 */
export class FhirError extends Error {
  readonly code: FhirErrorCode;
  readonly statusCode: number;

  constructor(code: FhirErrorCode, detail?: string, options?: { cause?: unknown }) {
    const entry = FHIR_ERRORS[code];
    super(detail ? `${entry.message}: ${detail}` : entry.message, options);
    this.name = 'FhirError';
    this.code = code;
    this.statusCode = entry.status;
  }

  /** The OperationOutcome body of this error. */
  toOperationOutcome(): OperationOutcome {
    return {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: FHIR_ERRORS[this.code].issue, details: { coding: [{ system: VOXA_ERROR_SYSTEM, code: this.code }], text: this.message } }],
    };
  }
}

/**
 * Any error thrown while handling a FHIR request, as a catalog error: ours as they are, Fastify's
 * schema validation by part (path → bad id, query → bad search value), other 4xx as a bad
 * request, anything else as VOXA_FHIR_INTERNAL.
 */
export function toFhirError(e: unknown): FhirError {
  if (e instanceof FhirError) return e;
  const error = e as { validation?: unknown; validationContext?: string; message?: string; statusCode?: number };
  if (error?.validation) {
    const code: FhirErrorCode = error.validationContext === 'params' ? 'VOXA_FHIR_BAD_ID' : error.validationContext === 'querystring' ? 'VOXA_FHIR_BAD_SEARCH' : 'VOXA_FHIR_BAD_REQUEST';
    return new FhirError(code, error.message, { cause: e });
  }
  if (typeof error?.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) return new FhirError('VOXA_FHIR_BAD_REQUEST', undefined, { cause: e });
  return new FhirError('VOXA_FHIR_INTERNAL', undefined, { cause: e });
}
