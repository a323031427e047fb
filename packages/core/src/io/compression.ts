import { Gzip, Zlib, decompressSync, gunzipSync } from 'fflate';
import { VoxaError } from '../errors/VoxaError.ts';
import type { VoxaErrorCode } from '../errors/catalog.ts';

/** Deflate cannot expand data by more than ~1032:1; a larger gzip size field means a cut file. */
const MAX_DEFLATE_RATIO = 1032;

/** True when the bytes start with the gzip magic number (RFC 1952). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Gunzip a whole gzip stream; a corrupt or truncated stream throws `code` naming `file`. */
export function gunzipBytes(bytes: Uint8Array, code: VoxaErrorCode, file?: string): Uint8Array {
  const n = bytes.length;
  if (n < 18) throw new VoxaError(code, { file }, `gzip stream of ${n} bytes is truncated (at least 18 expected)`);
  // ISIZE (last 4 bytes) sizes the output buffer; on a cut file it is garbage.
  const isize = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  if (isize > n * MAX_DEFLATE_RATIO + 1024) {
    throw new VoxaError(code, { file }, `gzip stream is truncated or corrupt (its size field says ${isize} bytes from ${n} compressed)`);
  }
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new VoxaError(code, { file }, `gzip stream is truncated or corrupt (${(e as Error).message})`, { cause: e });
  }
}

/** Inflate zlib, gzip or raw deflate data (auto-detected), as MetaImage `CompressedData` needs. */
export function inflateBytes(bytes: Uint8Array, code: VoxaErrorCode, file?: string): Uint8Array {
  if (isGzip(bytes)) return gunzipBytes(bytes, code, file);
  try {
    return decompressSync(bytes);
  } catch (e) {
    throw new VoxaError(code, { file }, `compressed data is truncated or corrupt (${(e as Error).message})`, { cause: e });
  }
}

function deflateChunks(make: (cb: (chunk: Uint8Array) => void) => Gzip | Zlib, chunks: Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const stream = make((chunk) => {
    parts.push(chunk);
    total += chunk.length;
  });
  // Streaming avoids concatenating header and voxel data before compression.
  if (chunks.length === 0) stream.push(new Uint8Array(0), true);
  chunks.forEach((c, n) => stream.push(c, n === chunks.length - 1));
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Gzip the concatenation of `chunks` (level 6) without concatenating them first. */
export function gzipChunks(chunks: Uint8Array[]): Uint8Array {
  return deflateChunks((cb) => new Gzip({ level: 6 }, (c) => cb(c)), chunks);
}

/** Zlib-compress (RFC 1950) the concatenation of `chunks` (level 6). */
export function zlibChunks(chunks: Uint8Array[]): Uint8Array {
  return deflateChunks((cb) => new Zlib({ level: 6 }, (c) => cb(c)), chunks);
}

/** Concatenate byte chunks into one array. */
export function concatBytes(chunks: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
