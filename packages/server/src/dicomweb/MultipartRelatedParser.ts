import { HttpError } from './errors.ts';

/** One body part of a multipart message: its headers (names lower case) and its bytes. */
export interface MultipartPart {
  headers: Map<string, string>;
  body: Uint8Array;
}

/** Limits of {@link MultipartRelatedParser}; exceeding any is VOXA_HTTP_* 413. */
export interface MultipartLimits {
  /** Total bytes pushed. */
  maxBytes: number;
  /** Number of body parts. */
  maxParts: number;
  /** Bytes of one part's header block. */
  maxHeaderBytes: number;
}

export const MULTIPART_LIMITS_DEFAULTS: MultipartLimits = {
  maxBytes: 2 * 1024 ** 3,
  maxParts: 10_000,
  maxHeaderBytes: 16 * 1024,
};

type State = 'preamble' | 'afterBoundary' | 'headers' | 'body' | 'epilogue';

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');

/**
 * A strict, incremental parser of a multipart body (RFC 2046 §5.1.1) as used by STOW-RS
 * (PS3.18 §8.6.1.2): feed it chunks in any split with {@link push}, then {@link end} returns the
 * parts. Preamble and epilogue are skipped, transport padding after a boundary is allowed; lines
 * must end in CRLF. A part inside one chunk is a view on it (no copy).
 *
 * @example
 * const parser = new MultipartRelatedParser(boundary, { maxParts: 1000 });
 * for await (const chunk of stream) parser.push(chunk);
 * const parts = parser.end();
 */
export class MultipartRelatedParser {
  private readonly limits: MultipartLimits;
  private readonly dashBoundary: Buffer;
  private readonly delimiter: Buffer;
  private state: State = 'preamble';
  private pending: Buffer = Buffer.alloc(0);
  private received = 0;
  private headers = new Map<string, string>();
  private bodyChunks: Buffer[] = [];
  private readonly parts: MultipartPart[] = [];

  constructor(boundary: string, limits: Partial<MultipartLimits> = {}) {
    // RFC 2046 §5.1.1: 1 to 70 characters, not ending in a space.
    if (!/^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/.test(boundary)) {
      throw new HttpError('VOXA_HTTP_MULTIPART_MALFORMED', 'the boundary parameter is not a valid RFC 2046 boundary');
    }
    this.limits = { ...MULTIPART_LIMITS_DEFAULTS, ...limits };
    this.dashBoundary = Buffer.from(`--${boundary}`, 'latin1');
    this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  }

  /** Feeds the next bytes of the body. Throws HttpError on malformed input or an exceeded limit. */
  push(chunk: Uint8Array): void {
    this.received += chunk.length;
    if (this.received > this.limits.maxBytes) {
      throw new HttpError('VOXA_HTTP_PAYLOAD_TOO_LARGE', `more than ${this.limits.maxBytes} bytes`);
    }
    if (this.state === 'epilogue') return;
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    this.pending = this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
    while (this.step());
  }

  /** Ends the input; returns the parts, or throws when the close delimiter was never seen. */
  end(): MultipartPart[] {
    if (this.state !== 'epilogue') {
      const where = this.state === 'preamble' ? 'no boundary delimiter was found' : 'the body ends before the close delimiter';
      throw new HttpError('VOXA_HTTP_MULTIPART_MALFORMED', where);
    }
    return this.parts;
  }

  /** Advances by one state transition if the pending bytes allow it; false when more input is needed. */
  private step(): boolean {
    switch (this.state) {
      case 'preamble':
        return this.skipPreamble();
      case 'afterBoundary':
        return this.readAfterBoundary();
      case 'headers':
        return this.readHeaders();
      case 'body':
        return this.readBody();
      case 'epilogue':
        this.pending = Buffer.alloc(0);
        return false;
    }
  }

  private skipPreamble(): boolean {
    // The first dash-boundary opens the body or follows the preamble's CRLF.
    const atBodyStart = this.received === this.pending.length;
    if (atBodyStart && this.pending.length < this.dashBoundary.length) return false;
    if (atBodyStart && this.pending.subarray(0, this.dashBoundary.length).equals(this.dashBoundary)) {
      this.consume(this.dashBoundary.length);
      this.state = 'afterBoundary';
      return true;
    }
    const at = this.pending.indexOf(this.delimiter);
    if (at >= 0) {
      this.consume(at + this.delimiter.length);
      this.state = 'afterBoundary';
      return true;
    }
    // Keep just enough to find a delimiter split across chunks.
    this.keepTail(this.delimiter.length - 1);
    return false;
  }

  private readAfterBoundary(): boolean {
    const p = this.pending;
    if (p.length < 2) return false;
    if (p[0] === 0x2d && p[1] === 0x2d) {
      this.state = 'epilogue';
      this.pending = Buffer.alloc(0);
      return false;
    }
    let i = 0;
    while (i < p.length && (p[i] === 0x20 || p[i] === 0x09)) i++;
    if (i > 998) throw new HttpError('VOXA_HTTP_MULTIPART_MALFORMED', 'transport padding after a boundary is too long');
    if (p.length < i + 2) return false;
    if (p[i] !== 0x0d || p[i + 1] !== 0x0a) {
      throw new HttpError('VOXA_HTTP_MULTIPART_MALFORMED', `a boundary delimiter is followed by other bytes than CRLF or "--" (part ${this.parts.length + 1})`);
    }
    if (this.parts.length >= this.limits.maxParts) {
      throw new HttpError('VOXA_HTTP_TOO_MANY_PARTS', `more than ${this.limits.maxParts} parts`);
    }
    this.consume(i + 2);
    this.state = 'headers';
    this.headers = new Map();
    this.bodyChunks = [];
    return true;
  }

  private readHeaders(): boolean {
    const p = this.pending;
    if (p.length < 2) return false;
    // A part without headers: its body follows the blank line at once.
    if (p[0] === 0x0d && p[1] === 0x0a) {
      this.consume(2);
      this.state = 'body';
      return true;
    }
    const end = p.indexOf(HEADER_END);
    const limit = this.limits.maxHeaderBytes;
    if (end < 0 || end > limit) {
      if (p.length > limit + HEADER_END.length || end > limit) {
        throw new HttpError('VOXA_HTTP_PART_HEADERS_TOO_LARGE', `part ${this.parts.length + 1} has more than ${limit} bytes of headers`);
      }
      return false;
    }
    for (const line of p.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0 || /^[ \t]/.test(line)) {
        throw new HttpError('VOXA_HTTP_MULTIPART_MALFORMED', `part ${this.parts.length + 1} has a header line without "name:" (folded or garbage)`);
      }
      this.headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    this.consume(end + HEADER_END.length);
    this.state = 'body';
    return true;
  }

  private readBody(): boolean {
    const at = this.pending.indexOf(this.delimiter);
    if (at < 0) {
      // Everything but a possible delimiter prefix at the end belongs to the body.
      const keep = this.delimiter.length - 1;
      if (this.pending.length > keep) {
        this.bodyChunks.push(this.pending.subarray(0, this.pending.length - keep));
        this.consume(this.pending.length - keep);
      }
      return false;
    }
    this.bodyChunks.push(this.pending.subarray(0, at));
    const body = this.bodyChunks.length === 1 ? this.bodyChunks[0] : Buffer.concat(this.bodyChunks);
    this.parts.push({ headers: this.headers, body });
    this.bodyChunks = [];
    this.consume(at + this.delimiter.length);
    this.state = 'afterBoundary';
    return true;
  }

  private consume(n: number): void {
    this.pending = this.pending.subarray(n);
  }

  private keepTail(n: number): void {
    if (this.pending.length > n) this.pending = this.pending.subarray(this.pending.length - n);
  }
}
