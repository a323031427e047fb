import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

/** One part to send: its Content-Type, optional extra headers, and its bytes. */
export interface OutgoingPart {
  contentType: string;
  headers?: Record<string, string>;
  body: Uint8Array;
}

/** A fresh boundary; a UUID cannot occur by chance in DICOM or pixel data. */
export function newBoundary(): string {
  return `voxa-${randomUUID()}`;
}

/**
 * The body of a multipart/related response (RFC 2387, PS3.18 §8.7.3.1.1) as a stream: each part
 * is pulled from `parts` only when the previous one has been sent, so a study of any size is
 * never held in memory at once.
 */
export function multipartStream(parts: AsyncIterable<OutgoingPart> | Iterable<OutgoingPart>, boundary: string): Readable {
  return Readable.from(multipartChunks(parts, boundary), { objectMode: false });
}

async function* multipartChunks(parts: AsyncIterable<OutgoingPart> | Iterable<OutgoingPart>, boundary: string): AsyncGenerator<Buffer> {
  for await (const part of parts) {
    let head = `--${boundary}\r\nContent-Type: ${part.contentType}\r\n`;
    for (const [name, value] of Object.entries(part.headers ?? {})) head += `${name}: ${value}\r\n`;
    yield Buffer.from(`${head}\r\n`, 'latin1');
    yield Buffer.from(part.body.buffer, part.body.byteOffset, part.body.byteLength);
    yield Buffer.from('\r\n', 'latin1');
  }
  yield Buffer.from(`--${boundary}--\r\n`, 'latin1');
}

/** The Content-Type of a multipart/related response whose root parts have media type `type`. */
export function multipartContentType(type: string, boundary: string, extra: Record<string, string> = {}): string {
  let value = `multipart/related; type="${type}"; boundary=${boundary}`;
  for (const [name, v] of Object.entries(extra)) value += `; ${name}=${v}`;
  return value;
}
