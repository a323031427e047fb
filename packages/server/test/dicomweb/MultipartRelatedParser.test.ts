import { describe, expect, it } from 'vitest';
import { isHttpError } from '../../src/dicomweb/errors.ts';
import { MultipartRelatedParser } from '../../src/dicomweb/MultipartRelatedParser.ts';
import { BOUNDARY, buildMultipart } from './util/multipart.ts';

const a = Buffer.from('first part\r\n--not-the-boundary\r\n');
const b = Buffer.alloc(300, 7);

function parseAll(body: Buffer, chunkSize = body.length, boundary = BOUNDARY, limits = {}) {
  const parser = new MultipartRelatedParser(boundary, limits);
  for (let i = 0; i < body.length; i += chunkSize) parser.push(body.subarray(i, i + chunkSize));
  return parser.end();
}

function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isHttpError(e) ? e.code : `not an HttpError: ${String(e)}`;
  }
  return undefined;
}

describe('MultipartRelatedParser', () => {
  it('splits a body into parts with their headers and exact bytes', () => {
    const parts = parseAll(buildMultipart([a, { body: b, contentType: 'application/octet-stream' }]));
    expect(parts).toHaveLength(2);
    expect(Buffer.from(parts[0].body).equals(a)).toBe(true);
    expect(parts[0].headers.get('content-type')).toBe('application/dicom');
    expect(Buffer.from(parts[1].body).equals(b)).toBe(true);
    expect(parts[1].headers.get('content-type')).toBe('application/octet-stream');
  });

  it('gives the same parts whatever the chunking, down to one byte at a time', () => {
    const body = buildMultipart([a, b, Buffer.alloc(0)]);
    for (const size of [1, 2, 3, 7, 64]) {
      const parts = parseAll(body, size);
      expect(parts.map((p) => Buffer.from(p.body).toString('hex'))).toEqual([a, b, Buffer.alloc(0)].map((x) => x.toString('hex')));
    }
  });

  it('skips a preamble and an epilogue, allows transport padding and parts without headers', () => {
    const body = Buffer.concat([
      Buffer.from(`preamble text\r\n--${BOUNDARY}  \t\r\n\r\n`),
      a,
      Buffer.from(`\r\n--${BOUNDARY}--\r\nepilogue`),
    ]);
    const parts = parseAll(body, 5);
    expect(parts).toHaveLength(1);
    expect(parts[0].headers.size).toBe(0);
    expect(Buffer.from(parts[0].body).equals(a)).toBe(true);
  });

  it('accepts a body that starts with CRLF before the first boundary (as dicomweb-client sends)', () => {
    const body = Buffer.concat([Buffer.from('\r\n'), buildMultipart([a])]);
    expect(parseAll(body)).toHaveLength(1);
  });

  it('rejects a body without the close delimiter, or without any boundary, as malformed (400)', () => {
    const full = buildMultipart([a]);
    expect(errorCode(() => parseAll(full.subarray(0, full.length - 8)))).toBe('VOXA_HTTP_MULTIPART_MALFORMED');
    expect(errorCode(() => parseAll(Buffer.from('no boundary here at all')))).toBe('VOXA_HTTP_MULTIPART_MALFORMED');
  });

  it('rejects garbage after a boundary and header lines without a colon', () => {
    expect(errorCode(() => parseAll(Buffer.from(`--${BOUNDARY}garbage\r\n\r\nx\r\n--${BOUNDARY}--`)))).toBe('VOXA_HTTP_MULTIPART_MALFORMED');
    expect(errorCode(() => parseAll(Buffer.from(`--${BOUNDARY}\r\nno colon\r\n\r\nx\r\n--${BOUNDARY}--`)))).toBe('VOXA_HTTP_MULTIPART_MALFORMED');
  });

  it('rejects an invalid boundary parameter', () => {
    expect(errorCode(() => new MultipartRelatedParser('x'.repeat(71)))).toBe('VOXA_HTTP_MULTIPART_MALFORMED');
    expect(errorCode(() => new MultipartRelatedParser('ends with space '))).toBe('VOXA_HTTP_MULTIPART_MALFORMED');
  });

  it('enforces its limits: total bytes, number of parts, header size (413 codes)', () => {
    const body = buildMultipart([a, b]);
    expect(errorCode(() => parseAll(body, 16, BOUNDARY, { maxBytes: body.length - 1 }))).toBe('VOXA_HTTP_PAYLOAD_TOO_LARGE');
    expect(errorCode(() => parseAll(body, body.length, BOUNDARY, { maxParts: 1 }))).toBe('VOXA_HTTP_TOO_MANY_PARTS');
    const bigHeader = Buffer.from(`--${BOUNDARY}\r\nX-Big: ${'h'.repeat(2000)}\r\n\r\nx\r\n--${BOUNDARY}--`);
    expect(errorCode(() => parseAll(bigHeader, 100, BOUNDARY, { maxHeaderBytes: 1024 }))).toBe('VOXA_HTTP_PART_HEADERS_TOO_LARGE');
    expect(parseAll(bigHeader, 100, BOUNDARY, { maxHeaderBytes: 4096 })).toHaveLength(1);
  });
});
