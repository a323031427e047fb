import { crc32 } from 'node:zlib';
import { VoxaError } from '@voxa/core';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Add tEXt chunks (PNG spec §11.3.4.3) right after IHDR, so that readers stopping at the image
 * data still find them. Keywords are 1–79 Latin-1 characters; values must be Latin-1 (JSON can
 * be made so with `asciiJson`).
 */
export function addPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'not a PNG image (no signature and IHDR chunk)');
  }
  const afterIhdr = 8 + 12 + bytes.readUInt32BE(8);
  const chunks = Object.entries(entries).map(([keyword, text]) => textChunk(keyword, text));
  return Buffer.concat([bytes.subarray(0, afterIhdr), ...chunks, bytes.subarray(afterIhdr)]);
}

/** Every tEXt chunk of a PNG, keyword → text (Latin-1). */
export function readPngText(png: Uint8Array): Record<string, string> {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const out: Record<string, string> = {};
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'tEXt') {
      const data = bytes.subarray(at + 8, at + 8 + length);
      const nul = data.indexOf(0);
      out[data.toString('latin1', 0, nul)] = data.toString('latin1', nul + 1);
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return out;
}

/** JSON with every character outside printable ASCII escaped (\uXXXX): the same value, fit for tEXt. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function textChunk(keyword: string, text: string): Buffer {
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) || /^ | $| {2}/.test(keyword)) throw new RangeError(`PNG text keyword ${JSON.stringify(keyword)}: 1–79 Latin-1 characters, no leading, trailing or double spaces`);
  if (/[^\n\x20-\x7e\xa0-\xff]/.test(text)) throw new RangeError(`PNG text for ${keyword}: only Latin-1 characters and newlines`);
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return chunk;
}
