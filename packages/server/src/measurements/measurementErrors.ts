import { catalogErrorReply } from '../dicomweb/errors.ts';
import { CatalogError } from '../http/CatalogError.ts';

/**
 * The error codes of the measurement routes, beside the DICOMweb catalog (dicomweb/errors.ts)
 * whose generic codes (VOXA_HTTP_NOT_FOUND for a study not in the archive, VOXA_HTTP_BAD_UID,
 * VOXA_HTTP_BAD_REQUEST for a body that is not JSON …) they also answer. A code never changes
 * meaning. Error bodies are `{ code, message }`; a message names the field and what was expected.
 */
export const MEASUREMENT_HTTP_ERRORS = {
  VOXA_HTTP_BAD_MEASUREMENT: { status: 400, message: 'The measurement is invalid' },
  VOXA_HTTP_BAD_MEASUREMENT_ID: { status: 400, message: 'The measurement id in the path is invalid: expected 1 to 64 of A-Z a-z 0-9 _ -' },
  VOXA_HTTP_SERIES_NOT_IN_STUDY: { status: 400, message: 'The measurement names a series that is not in this study' },
  VOXA_HTTP_BAD_HEADER: { status: 400, message: 'A request header is invalid' },
  VOXA_HTTP_MEASUREMENT_NOT_FOUND: { status: 404, message: 'The study has no such measurement' },
  VOXA_HTTP_REVISION_MISMATCH: { status: 412, message: "The study's measurements changed since the revision given in If-Match" },
} as const satisfies Record<string, { status: number; message: string }>;

export type MeasurementHttpErrorCode = keyof typeof MEASUREMENT_HTTP_ERRORS;

/**
 * An error with a measurement catalog code; the measurements plugin's error handler sends
 * `{ code, message }` with the code's status.
 *
 * @example
 * throw new MeasurementHttpError('VOXA_HTTP_BAD_MEASUREMENT', 'points: expected 2 points for kind "length", got 3');
 */
export class MeasurementHttpError extends CatalogError<MeasurementHttpErrorCode> {
  constructor(code: MeasurementHttpErrorCode, detail?: string) {
    super(MEASUREMENT_HTTP_ERRORS, code, detail);
  }
}

/**
 * Any error of a measurement request as status and body: ours as they are; Fastify's schema
 * validation by part (the `id` path parameter → VOXA_HTTP_BAD_MEASUREMENT_ID, a body that is not
 * an object → VOXA_HTTP_BAD_MEASUREMENT); everything else through the DICOMweb catalog.
 */
export function measurementErrorReply(e: unknown): { statusCode: number; body: { code: string; message: string } } {
  return catalogErrorReply(ours(e) ?? e);
}

function ours(e: unknown): MeasurementHttpError | undefined {
  if (e instanceof MeasurementHttpError) return e;
  const error = e as { validation?: { instancePath?: string }[]; validationContext?: string };
  if (!Array.isArray(error?.validation)) return undefined;
  if (error.validationContext === 'params' && error.validation.some((v) => v.instancePath === '/id')) return new MeasurementHttpError('VOXA_HTTP_BAD_MEASUREMENT_ID');
  if (error.validationContext === 'body') return new MeasurementHttpError('VOXA_HTTP_BAD_MEASUREMENT', 'body: expected a JSON object');
  return undefined;
}
