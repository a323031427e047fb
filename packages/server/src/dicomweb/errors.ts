import { CatalogError } from '../http/CatalogError.ts';

/**
 * The error catalog of the DICOMweb server: stable codes, their HTTP status and message template.
 * A code never changes meaning; clients may switch on it. Error bodies are `{ code, message }`.
 */
export const HTTP_ERRORS = {
  VOXA_HTTP_BAD_REQUEST: { status: 400, message: 'The request is invalid' },
  VOXA_HTTP_BAD_UID: { status: 400, message: 'A UID in the path is invalid: expected digits and dots, at most 64 characters' },
  VOXA_HTTP_BAD_QUERY: { status: 400, message: 'A query parameter is invalid' },
  VOXA_HTTP_UNKNOWN_ATTRIBUTE: { status: 400, message: 'A query parameter names no known DICOM attribute' },
  VOXA_HTTP_MULTIPART_MALFORMED: { status: 400, message: 'The multipart/related body is malformed' },
  VOXA_HTTP_BAD_FRAME_LIST: { status: 400, message: 'The frame list is invalid: expected 1-based frame numbers separated by commas' },
  VOXA_HTTP_BAD_WINDOW: { status: 400, message: 'The window parameter is invalid: expected center,width[,linear]' },
  VOXA_HTTP_NOT_FOUND: { status: 404, message: 'No such resource' },
  VOXA_HTTP_FRAME_NOT_FOUND: { status: 404, message: 'The instance has no such frame' },
  VOXA_HTTP_NO_PIXEL_DATA: { status: 404, message: 'The instance has no pixel data' },
  VOXA_HTTP_NOT_ACCEPTABLE: { status: 406, message: 'None of the media types in the Accept header can be produced' },
  VOXA_HTTP_STORE_CONFLICT: { status: 409, message: 'No instance of the request could be stored' },
  VOXA_HTTP_PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is larger than the server accepts' },
  VOXA_HTTP_TOO_MANY_PARTS: { status: 413, message: 'The multipart body has more parts than the server accepts' },
  VOXA_HTTP_PART_HEADERS_TOO_LARGE: { status: 413, message: 'The headers of a multipart part are larger than the server accepts' },
  VOXA_HTTP_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The Content-Type of the request is not supported' },
  VOXA_HTTP_PIXEL_DECODE_FAILED: { status: 500, message: 'The stored pixel data could not be decoded' },
  VOXA_HTTP_INTERNAL: { status: 500, message: 'Internal server error' },
} as const satisfies Record<string, { status: number; message: string }>;

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

/** The JSON body of every error response. */
export interface HttpErrorBody {
  code: HttpErrorCode;
  message: string;
}

/** JSON schema of {@link HttpErrorBody}, for route response schemas. */
export const HTTP_ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
} as const;

/**
 * An error with a catalog code; the plugin's error handler turns it into `{ code, message }`
 * with the code's HTTP status. `detail` says what and where (never patient data).
 *
 * @example
 * throw new HttpError('VOXA_HTTP_BAD_QUERY', 'limit must be a non-negative integer, got "-1"');
 */
export class HttpError extends CatalogError<HttpErrorCode> {
  constructor(code: HttpErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(HTTP_ERRORS, code, detail, options);
  }
}

/**
 * Any error of a request as status and `{ code, message }`: a catalog error of any plugin as it
 * is, everything else through {@link toHttpError}.
 */
export function catalogErrorReply(e: unknown): { statusCode: number; body: { code: string; message: string } } {
  const error = e instanceof CatalogError ? e : toHttpError(e);
  return { statusCode: error.statusCode, body: error.toBody() };
}

/** True when `e` is an {@link HttpError}. */
export function isHttpError(e: unknown): e is HttpError {
  return e instanceof HttpError;
}

/** Fastify's own error codes, mapped onto the catalog (PS3.18 §8.5 status codes). */
const FASTIFY_CODES: Record<string, HttpErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'VOXA_HTTP_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'VOXA_HTTP_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VOXA_HTTP_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VOXA_HTTP_BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VOXA_HTTP_BAD_REQUEST',
  FST_ERR_NOT_FOUND: 'VOXA_HTTP_NOT_FOUND',
};

/**
 * Any error thrown while handling a request, as a catalog error: ours as they are, Fastify's
 * (body limit, media type, schema validation) by code, anything else as VOXA_HTTP_INTERNAL.
 */
export function toHttpError(e: unknown): HttpError {
  if (isHttpError(e)) return e;
  const error = e as { code?: string; validation?: unknown; validationContext?: string; message?: string; statusCode?: number };
  if (error?.validation) {
    // Path parameters are all UIDs or frame lists; say which part of the request failed.
    const context = error.validationContext ?? 'request';
    const code: HttpErrorCode = context === 'params' ? 'VOXA_HTTP_BAD_UID' : context === 'querystring' ? 'VOXA_HTTP_BAD_QUERY' : 'VOXA_HTTP_BAD_REQUEST';
    return new HttpError(code, error.message, { cause: e });
  }
  const mapped = error?.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return new HttpError(mapped, undefined, { cause: e });
  if (error?.statusCode === 413) return new HttpError('VOXA_HTTP_PAYLOAD_TOO_LARGE', undefined, { cause: e });
  if (error?.statusCode === 415) return new HttpError('VOXA_HTTP_UNSUPPORTED_MEDIA_TYPE', undefined, { cause: e });
  if (error?.statusCode === 400) return new HttpError('VOXA_HTTP_BAD_REQUEST', undefined, { cause: e });
  return new HttpError('VOXA_HTTP_INTERNAL', undefined, { cause: e });
}
