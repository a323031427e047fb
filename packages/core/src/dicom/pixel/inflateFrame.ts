import { inflateSync, unzlibSync } from 'fflate';

/**
 * Inflates one frame of Deflated Image Frame Compression (PS3.5 8.2.16, A.4.13): raw Deflate
 * (RFC 1951). A zlib-wrapped stream (RFC 1950), which some writers produce, is accepted too.
 */
export function inflateFrame(encoded: Uint8Array): Uint8Array {
  const zlibWrapped = encoded.length > 2 && (encoded[0] & 0x0f) === 8 && ((encoded[0] << 8) | encoded[1]) % 31 === 0;
  return zlibWrapped ? unzlibSync(encoded) : inflateSync(encoded);
}
