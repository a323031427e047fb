import { catalogErrorReply } from '../dicomweb/errors.ts';
import { CatalogError } from '../http/CatalogError.ts';

/**
 * The error codes of the registration route, beside the DICOMweb catalog (dicomweb/errors.ts)
 * whose generic codes (VOXA_HTTP_BAD_REQUEST for a body that is not JSON …) it also answers. A
 * code never changes meaning. Error bodies are `{ code, message }`; a message names the series
 * (fixed or moving, and its UID) or the field, and what was expected.
 */
export const REGISTRATION_HTTP_ERRORS = {
  VOXA_HTTP_BAD_REGISTRATION: { status: 400, message: 'The registration request is invalid' },
  VOXA_HTTP_SERIES_NOT_FOUND: { status: 404, message: 'The series is not in the archive' },
  VOXA_HTTP_NOT_ONE_VOLUME: { status: 422, message: 'The series is not one 3D volume' },
  VOXA_HTTP_REGISTRATION_FAILED: { status: 500, message: 'The registration failed' },
} as const satisfies Record<string, { status: number; message: string }>;

export type RegistrationHttpErrorCode = keyof typeof REGISTRATION_HTTP_ERRORS;

/**
 * An error with a registration catalog code; the plugin's error handler sends `{ code, message }`
 * with the code's status. `detail` is kept so that the worker can send the error across as
 * `{ code, detail }` and the plugin rebuild it.
 *
 * @example
 * throw new RegistrationHttpError('VOXA_HTTP_SERIES_NOT_FOUND', 'moving series 1.2.3 of study 1.2');
 */
export class RegistrationHttpError extends CatalogError<RegistrationHttpErrorCode> {
  readonly detail: string | undefined;

  constructor(code: RegistrationHttpErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(REGISTRATION_HTTP_ERRORS, code, detail, options);
    this.detail = detail;
  }
}

/**
 * Any error of a registration request as status and body: ours as they are; Fastify's body
 * validation → VOXA_HTTP_BAD_REGISTRATION with the validator's words (field and expectation);
 * everything else through the DICOMweb catalog.
 */
export function registrationErrorReply(e: unknown): { statusCode: number; body: { code: string; message: string } } {
  return catalogErrorReply(ours(e) ?? e);
}

function ours(e: unknown): RegistrationHttpError | undefined {
  if (e instanceof RegistrationHttpError) return e;
  const error = e as { validation?: unknown; validationContext?: string; message?: string };
  if (Array.isArray(error?.validation) && error.validationContext === 'body') return new RegistrationHttpError('VOXA_HTTP_BAD_REGISTRATION', error.message);
  return undefined;
}
