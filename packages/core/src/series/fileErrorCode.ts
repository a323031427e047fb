import type { VoxaErrorCode } from '../errors/catalog.ts';

/**
 * The catalog code for an error that is not ours: a system error while reading a file (it has an
 * errno `code` such as ENOENT, EACCES, EISDIR) is VOXA_ERR_FILE_READ; anything a parser threw on
 * bad bytes is VOXA_ERR_DICOM_CORRUPT.
 */
export function fileErrorCode(e: unknown): VoxaErrorCode {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? 'VOXA_ERR_FILE_READ' : 'VOXA_ERR_DICOM_CORRUPT';
}
