/**
 * Codes the store returns in `PutResult.code` beside @voxa/core's catalog (whose `VoxaError`
 * covers parsing). Stable like those; a route may switch on them (VOXA_ERR_CONFLICT → 409).
 */
export const STORE_ERROR_MESSAGES = {
  VOXA_ERR_CONFLICT: 'An instance with the same UID is already stored with different content; the stored one is kept',
} as const;

/** A store result code. */
export type StoreErrorCode = keyof typeof STORE_ERROR_MESSAGES;

/** The reason text of a store result: the catalog message, the detail, then where (as VoxaError formats it). */
export function storeReason(code: StoreErrorCode, detail: string, where: Record<string, string | undefined>): string {
  const place = Object.entries(where).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ');
  return `${STORE_ERROR_MESSAGES[code]}: ${detail}${place ? ` (${place})` : ''}`;
}
