import { catalogErrorReply } from '../dicomweb/errors.ts';
import { CatalogError } from '../http/CatalogError.ts';

/**
 * The error codes of the export routes, beside the DICOMweb catalog (dicomweb/errors.ts) whose
 * generic codes (VOXA_HTTP_NOT_FOUND, VOXA_HTTP_BAD_UID, VOXA_HTTP_BAD_QUERY …) they also answer.
 * A code never changes meaning. Error bodies are `{ code, message }`.
 */
export const EXPORT_HTTP_ERRORS = {
  VOXA_HTTP_DEID_NOT_CONFIGURED: {
    status: 501,
    message:
      'De-identified export needs a site secret, and this server has none: start it with `voxa serve --deid-secret-file FILE` or the environment variable VOXA_DEID_SECRET (createServer option deidSecret)',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ExportHttpErrorCode = keyof typeof EXPORT_HTTP_ERRORS;

/** An error with an export catalog code; the export plugin's error handler sends `{ code, message }`. */
export class ExportHttpError extends CatalogError<ExportHttpErrorCode> {
  constructor(code: ExportHttpErrorCode, detail?: string) {
    super(EXPORT_HTTP_ERRORS, code, detail);
  }
}

/** Any error of an export request as status and body: ours, else through the DICOMweb catalog. */
export const exportErrorReply = catalogErrorReply;
