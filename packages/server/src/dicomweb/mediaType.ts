/** A parsed media type (RFC 9110 §8.3.1): lower-case `type/subtype` and its parameters. */
export interface MediaType {
  /** `type/subtype`, lower case, e.g. 'multipart/related'. */
  essence: string;
  /** Parameter names in lower case; values unquoted, case kept (boundaries are case-sensitive). */
  params: Map<string, string>;
  /** Quality from the `q` parameter of an Accept entry (1 when absent). */
  q: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses one media type such as `multipart/related; type="application/dicom"; boundary=abc`.
 * Returns undefined when it is not `token/token` (parameters that do not parse are dropped).
 */
export function parseMediaType(text: string): MediaType | undefined {
  const pieces = splitOutsideQuotes(text, ';');
  const [type, subtype, extra] = (pieces[0] ?? '').trim().split('/');
  if (extra !== undefined || !type || !subtype || !TOKEN.test(type) || !TOKEN.test(subtype.trim())) return undefined;
  const params = new Map<string, string>();
  for (const piece of pieces.slice(1)) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const name = piece.slice(0, eq).trim().toLowerCase();
    let value = piece.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    if (name) params.set(name, value);
  }
  const qText = params.get('q');
  const q = qText === undefined ? 1 : Number(qText);
  return { essence: `${type}/${subtype.trim()}`.toLowerCase(), params, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 1 };
}

/**
 * The entries of an Accept header, best first (by q, then in the order given); entries with q=0
 * and ones that do not parse are left out. A missing header means `*\/*`.
 */
export function parseAccept(header: string | undefined): MediaType[] {
  if (header === undefined || header.trim() === '') return [{ essence: '*/*', params: new Map(), q: 1 }];
  const entries = splitOutsideQuotes(header, ',')
    .map((text) => parseMediaType(text))
    .filter((m): m is MediaType => m !== undefined && m.q > 0);
  return entries
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.q - a.m.q || a.i - b.i)
    .map(({ m }) => m);
}

/** True when media range `range` (e.g. 'image/*', '*\/*') covers the concrete `essence`. */
export function mediaRangeMatches(range: string, essence: string): boolean {
  if (range === '*/*' || range === essence) return true;
  return range.endsWith('/*') && essence.startsWith(range.slice(0, -1));
}

/** Splits on `separator` outside double-quoted strings. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/**
 * Content negotiation (RFC 9110 §12.5.1): the first of `offers` (concrete media types, in the
 * server's order of preference) covered by the best-ranked Accept entry; undefined when none is.
 */
export function negotiate(accept: readonly MediaType[], offers: readonly string[]): string | undefined {
  for (const entry of accept) {
    const offer = offers.find((o) => mediaRangeMatches(entry.essence, o));
    if (offer) return offer;
  }
  return undefined;
}

/** Negotiates a DICOM JSON response: application/dicom+json, or application/json if asked for. */
export function negotiateJson(acceptHeader: string | undefined): string | undefined {
  return negotiate(parseAccept(acceptHeader), ['application/dicom+json', 'application/json']);
}
