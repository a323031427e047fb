import { ERROR_MESSAGES, type VoxaErrorCode } from './catalog.ts';

/** Details that locate an error: which file, which tag, which UID; shown after the message. */
export interface ErrorWhere {
  file?: string;
  tag?: string;
  uid?: string;
  [key: string]: string | number | undefined;
}

/**
 * The one error type of @voxa/core: a stable `code` from the catalog, a message that says what
 * went wrong, where, and what was expected.
 *
 * @example throw new VoxaError('VOXA_ERR_DICOM_TRUNCATED', { file }, 'pixel data ends at byte 812');
 */
export class VoxaError extends Error {
  readonly code: VoxaErrorCode;
  readonly where: ErrorWhere;

  constructor(code: VoxaErrorCode, where: ErrorWhere = {}, detail?: string, options?: { cause?: unknown }) {
    const place = Object.entries(where)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    super(`${ERROR_MESSAGES[code]}${detail ? `: ${detail}` : ''}${place ? ` (${place})` : ''}`, options);
    this.name = 'VoxaError';
    this.code = code;
    this.where = where;
  }
}

export function isVoxaError(e: unknown): e is VoxaError {
  return e instanceof VoxaError;
}
