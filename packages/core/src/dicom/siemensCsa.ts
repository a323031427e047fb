/**
 * Siemens CSA header (private tag (0029,xx10), "SIEMENS CSA HEADER"): a list of named elements,
 * each with string items. Only the SV10 layout and the older unnamed layout are read; values are
 * returned as the trimmed strings of each element's non-empty items.
 */
export type CsaHeader = Map<string, string[]>;

/** Parse CSA header bytes; returns an empty map for anything unrecognised (never throws). */
export function parseSiemensCsa(bytes: Uint8Array): CsaHeader {
  const out: CsaHeader = new Map();
  if (bytes.length < 16) return out;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sv10 = bytes[0] === 0x53 && bytes[1] === 0x56 && bytes[2] === 0x31 && bytes[3] === 0x30;
  let pos = sv10 ? 8 : 0;
  const nTags = view.getUint32(pos, true);
  pos += 8; // n_tags, then an unused uint32 (77)
  if (nTags < 1 || nTags > 1000) return out;
  for (let t = 0; t < nTags; t++) {
    if (pos + 84 > bytes.length) return out;
    const name = cString(bytes, pos, 64);
    const nItems = view.getInt32(pos + 76, true);
    pos += 84;
    if (nItems < 0 || nItems > 10000) return out;
    const values: string[] = [];
    for (let i = 0; i < nItems; i++) {
      if (pos + 16 > bytes.length) return out;
      const itemLen = view.getInt32(pos + 4, true);
      pos += 16;
      if (itemLen < 0 || pos + itemLen > bytes.length) return out;
      const s = cString(bytes, pos, itemLen).trim();
      if (s) values.push(s);
      pos += Math.ceil(itemLen / 4) * 4;
    }
    out.set(name, values);
  }
  return out;
}

/** First numeric value of a CSA element, or undefined. */
export function csaNumber(csa: CsaHeader, name: string): number | undefined {
  const v = csa.get(name)?.[0];
  const n = v === undefined ? NaN : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** All numeric values of a CSA element. */
export function csaNumbers(csa: CsaHeader, name: string): number[] {
  return (csa.get(name) ?? []).map(Number).filter(Number.isFinite);
}

function cString(bytes: Uint8Array, start: number, max: number): string {
  let s = '';
  for (let i = start; i < start + max && i < bytes.length; i++) {
    if (bytes[i] === 0) break;
    s += String.fromCharCode(bytes[i]);
  }
  return s;
}
