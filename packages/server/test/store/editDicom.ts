import { parseDicom } from '@voxa/core';

/** VRs whose explicit-VR element header is 12 bytes (2 reserved bytes, 32-bit length), PS3.5 §7.1.2. */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/**
 * A copy of an Explicit VR Little Endian Part 10 file with one data-set element's value replaced
 * (ASCII/UTF-8 text, padded to even length: NUL for UI, space otherwise) or, for `undefined`,
 * the element removed. For test inputs only: no group lengths are fixed, so keep to group ≠ 0002.
 */
export function withElement(bytes: Uint8Array, tag: string, value: string | undefined): Uint8Array {
  const { dataSet } = parseDicom(bytes, 'fixture', { untilTag: 'x7fe00010' });
  const element = dataSet.elements[tag];
  if (!element?.vr) throw new Error(`withElement: ${tag} not found (or implicit VR) in the fixture`);
  const headerLength = LONG_VRS.has(element.vr) ? 12 : 8;
  const start = element.dataOffset - headerLength;
  const end = element.dataOffset + element.length;
  if (value === undefined) return concat(bytes.subarray(0, start), bytes.subarray(end));
  let encoded: Uint8Array = new TextEncoder().encode(value);
  if (encoded.length % 2) encoded = concat(encoded, Uint8Array.of(element.vr === 'UI' ? 0 : 0x20));
  const header = bytes.slice(start, element.dataOffset);
  if (headerLength === 8) new DataView(header.buffer).setUint16(6, encoded.length, true);
  else new DataView(header.buffer).setUint32(8, encoded.length, true);
  return concat(bytes.subarray(0, start), header, encoded, bytes.subarray(end));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
