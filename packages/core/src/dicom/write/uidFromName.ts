/** The UID root of name-derived UIDs: ITU-T X.667 / PS3.5 B.2, a UUID as one decimal integer. */
export const UUID_UID_ROOT = '2.25';

const LANE_PRIMES = [0x01000193, 0x5bd1e995, 0x27d4eb2d, 0x165667b1];
const LANE_SEEDS = [0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];

function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A 128-bit, non-cryptographic hash of a string (UTF-8), as 16 bytes. */
export function hash128(name: string): Uint8Array {
  const bytes = new TextEncoder().encode(name);
  const h = LANE_SEEDS.slice();
  for (let n = 0; n < bytes.length; n++) {
    for (let l = 0; l < 4; l++) h[l] = Math.imul(h[l] ^ bytes[n], LANE_PRIMES[l]);
  }
  for (let round = 0; round < 2; round++) {
    for (let l = 0; l < 4; l++) h[l] = fmix32(h[l] ^ h[(l + 3) & 3] ^ bytes.length ^ round);
  }
  const out = new Uint8Array(16);
  for (let l = 0; l < 4; l++) {
    out[4 * l] = h[l] >>> 24;
    out[4 * l + 1] = (h[l] >>> 16) & 0xff;
    out[4 * l + 2] = (h[l] >>> 8) & 0xff;
    out[4 * l + 3] = h[l] & 0xff;
  }
  return out;
}

/**
 * A deterministic DICOM UID for a name: 2.25.<decimal of a UUID>, the UUID being the 128-bit
 * hash of the name with the RFC 9562 version 8 (custom) and variant bits set. At most 44
 * characters, digits only, no leading zeros: valid under PS3.5 §9.1. The same name always gives
 * the same UID; distinct names give distinct UIDs with overwhelming probability.
 */
export function uidFromName(name: string): string {
  const b = hash128(name);
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  let v = 0n;
  for (let n = 0; n < 16; n++) v = (v << 8n) | BigInt(b[n]);
  return `${UUID_UID_ROOT}.${v.toString(10)}`;
}
