import type { AttributeReader } from '../../dicom/AttributeReader.ts';

/** Turns a text value as dicom-parser reads it (one character per byte) into the string it encodes. */
export type TextDecoding = (raw: string) => string;

const utf8 = new TextDecoder('utf-8');

/**
 * The decoding of a data set's text values from its Specific Character Set (0008,0005): UTF-8 for
 * ISO_IR 192 (what Voxa writes), else the bytes as Latin-1 (ASCII, ISO_IR 100), which is what
 * dicom-parser already returns. Other character sets are left as read.
 */
export function textDecodingOf(ds: AttributeReader): TextDecoding {
  if (!ds.strs('x00080005').some((c) => c.toUpperCase() === 'ISO_IR 192')) return (raw) => raw;
  return (raw) => (/[\u0080-\u00ff]/.test(raw) ? utf8.decode(Uint8Array.from(raw, (c) => c.charCodeAt(0) & 0xff)) : raw);
}
