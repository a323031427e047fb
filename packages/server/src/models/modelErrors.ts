import { catalogErrorReply } from '../dicomweb/errors.ts';
import { CatalogError } from '../http/CatalogError.ts';

/**
 * The error codes of the model routes, beside the DICOMweb catalog (dicomweb/errors.ts) whose
 * generic codes they also answer. A code never changes meaning. Error bodies are `{ code, message }`;
 * messages name the model id and the manifest's `file`, never an absolute server path.
 */
export const MODEL_HTTP_ERRORS = {
  VOXA_HTTP_BAD_MODEL_ID: { status: 400, message: 'The model id in the path is invalid: expected 1 to 128 of A-Z a-z 0-9 . _ -, starting with a letter or digit' },
  VOXA_HTTP_MODEL_NOT_FOUND: { status: 404, message: 'The server has no model manifest with this id' },
  VOXA_HTTP_MODEL_FILE_MISSING: { status: 404, message: "The model's ONNX file is not on this server" },
  VOXA_HTTP_MODEL_FILE_REFUSED: { status: 403, message: "The manifest's file is not served: expected a relative path to a regular .onnx file" },
} as const satisfies Record<string, { status: number; message: string }>;

export type ModelHttpErrorCode = keyof typeof MODEL_HTTP_ERRORS;

/** An error with a model catalog code; the models plugin's error handler sends `{ code, message }`. */
export class ModelHttpError extends CatalogError<ModelHttpErrorCode> {
  constructor(code: ModelHttpErrorCode, detail?: string) {
    super(MODEL_HTTP_ERRORS, code, detail);
  }
}

/** Any error of a model request as status and body: ours, a bad `:id` parameter, else the DICOMweb catalog. */
export function modelErrorReply(e: unknown): { statusCode: number; body: { code: string; message: string } } {
  const error = e as { validation?: unknown; validationContext?: string };
  if (!(e instanceof ModelHttpError) && Array.isArray(error?.validation) && error.validationContext === 'params') {
    return catalogErrorReply(new ModelHttpError('VOXA_HTTP_BAD_MODEL_ID'));
  }
  return catalogErrorReply(e);
}
