/**
 * Keyed pseudonyms for de-identification: HMAC-SHA-256 (Web Crypto) under a site secret, so the
 * same patient, UID or date maps to the same replacement in every file and every run.
 */

/** An HMAC-SHA-256 keyed by the site secret; `mac(text)` → 32 bytes. */
export interface PseudonymKey {
  mac(text: string): Promise<Uint8Array>;
}

const encoder = new TextEncoder();

/** Import the site secret (bytes or text) as an HMAC-SHA-256 key. */
export async function createPseudonymKey(secret: Uint8Array | string): Promise<PseudonymKey> {
  // A copy on a plain ArrayBuffer: Web Crypto's BufferSource excludes SharedArrayBuffer views.
  const raw = typeof secret === 'string' ? encoder.encode(secret) : new Uint8Array(secret);
  const key = await globalThis.crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return { mac: async (text) => new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(text))) };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding. */
export function base32(bytes: Uint8Array): string {
  let out = '', bits = 0, value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** The patient key the pseudonym and date shift derive from: issuer and ID. */
export function patientKey(issuerOfPatientId: string, patientId: string): string {
  return `${issuerOfPatientId}|${patientId}`;
}

/** Patient ID pseudonym: 'VX' + base32(HMAC('pid:' + issuer + '|' + id)).slice(0, 16). */
export async function pseudonymousPatientId(key: PseudonymKey, issuerOfPatientId: string, patientId: string): Promise<string> {
  return 'VX' + base32(await key.mac('pid:' + patientKey(issuerOfPatientId, patientId))).slice(0, 16);
}

/**
 * UID replacement (PS3.5 §B.2, UUID-derived '2.25.' root): the decimal of the first 16 bytes of
 * HMAC('uid:' + uid). At most 39 digits, so ≤ 44 characters, and no leading zero.
 */
export async function pseudonymousUid(key: PseudonymKey, uid: string): Promise<string> {
  const h = await key.mac('uid:' + uid);
  let n = 0n;
  for (let i = 0; i < 16; i++) n = (n << 8n) | BigInt(h[i]);
  return '2.25.' + n.toString(10);
}

/** The date-shift range in whole days (inclusive): default one to ten years back. */
export interface DateShiftRange {
  minDays: number;
  maxDays: number;
}

/** Per-patient date shift in days from HMAC('date:' + patient key), uniform in [minDays, maxDays]. */
export async function dateShiftDays(key: PseudonymKey, patient: string, range: DateShiftRange): Promise<number> {
  const h = await key.mac('date:' + patient);
  const u32 = ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
  return range.minDays + (u32 % (range.maxDays - range.minDays + 1));
}
