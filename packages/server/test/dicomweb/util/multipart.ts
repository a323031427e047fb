import { MultipartRelatedParser, type MultipartPart } from '../../../src/dicomweb/MultipartRelatedParser.ts';
import { parseMediaType } from '../../../src/dicomweb/mediaType.ts';

export const BOUNDARY = 'test-boundary-7c1f';

/** A STOW-RS body: one application/dicom part per buffer (or the given part Content-Type). */
export function buildMultipart(parts: Array<Uint8Array | { body: Uint8Array; contentType?: string }>, boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const { body, contentType } = part instanceof Uint8Array ? { body: part, contentType: 'application/dicom' } : part;
    chunks.push(Buffer.from(`--${boundary}\r\n${contentType ? `Content-Type: ${contentType}\r\n` : ''}\r\n`, 'latin1'), Buffer.from(body), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return Buffer.concat(chunks);
}

/** The parts of a multipart response, split by the boundary its Content-Type names. */
export function readMultipart(contentType: unknown, body: Buffer): MultipartPart[] {
  const type = parseMediaType(String(contentType ?? ''));
  const boundary = type?.params.get('boundary');
  if (type?.essence !== 'multipart/related' || !boundary) throw new Error(`not multipart/related with a boundary: ${contentType}`);
  const parser = new MultipartRelatedParser(boundary, { maxBytes: Number.MAX_SAFE_INTEGER });
  parser.push(body);
  return parser.end();
}
