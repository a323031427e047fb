/** One part of a multipart/related body. */
export interface MultipartPart {
  contentType: string;
  body: Uint8Array;
}

const CRLF2 = [13, 10, 13, 10];

function indexOf(hay: Uint8Array, needle: Uint8Array | number[], from: number): number {
  const first = needle[0];
  outer: for (let i = hay.indexOf(first, from); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The boundary parameter of a multipart Content-Type. */
export function boundaryOf(contentType: string): string {
  const m = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!m) throw new Error(`no boundary in Content-Type "${contentType}"`);
  return m[1];
}

/** Split a multipart/related body (RFC 2387, as WADO-RS sends frames) into its parts; bodies are views, not copies. */
export function multipartParts(body: Uint8Array, boundary: string): MultipartPart[] {
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = indexOf(body, delimiter, 0);
  while (at >= 0) {
    const afterDelimiter = at + delimiter.length;
    if (body[afterDelimiter] === 45 && body[afterDelimiter + 1] === 45) break; // "--": the close delimiter
    const headersEnd = indexOf(body, CRLF2, afterDelimiter);
    if (headersEnd < 0) throw new Error('multipart part without a header end');
    const headers = new TextDecoder().decode(body.subarray(afterDelimiter, headersEnd));
    const next = indexOf(body, delimiter, headersEnd + 4);
    if (next < 0) throw new Error('multipart body without its close delimiter');
    const contentType = /^content-type:\s*(.+)$/im.exec(headers)?.[1].trim() ?? 'application/octet-stream';
    parts.push({ contentType, body: body.subarray(headersEnd + 4, next - 2) }); // the CRLF before a delimiter belongs to it
    at = next;
  }
  return parts;
}
