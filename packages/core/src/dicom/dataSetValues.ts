import type { DataSet } from 'dicom-parser';

/** Small typed readers over dicom-parser's DataSet that tolerate absent or empty values. */

/** A string value (trimmed, NULs removed), or '' when absent. */
export function str(ds: DataSet, tag: string): string {
  return (ds.string(tag) ?? '').replace(/\0/g, '').trim();
}

/** All backslash-separated values of a string attribute. */
export function strs(ds: DataSet, tag: string): string[] {
  const el = ds.elements[tag];
  if (!el || !el.length) return [];
  const raw = ds.text(tag) ?? '';
  return raw.replace(/\0/g, '').split('\\').map((s) => s.trim());
}

/** A numeric value of DS/IS/US/SS/UL/SL/FL/FD attributes, or undefined. */
export function num(ds: DataSet, tag: string, index = 0): number | undefined {
  const el = ds.elements[tag];
  if (!el || !el.length) return undefined;
  switch (el.vr) {
    case 'US': return ds.uint16(tag, index);
    case 'SS': return ds.int16(tag, index);
    case 'UL': return ds.uint32(tag, index);
    case 'SL': return ds.int32(tag, index);
    case 'FL': return ds.float(tag, index);
    case 'FD': return ds.double(tag, index);
    case undefined: {
      // Implicit VR without the dictionary loaded: a 2- or 4-byte value that is not ASCII text is binary (US/UL).
      const text = isNumberText((ds.byteArray as Uint8Array).subarray(el.dataOffset, el.dataOffset + el.length));
      if (!text && el.length === 2) return ds.uint16(tag, index);
      if (!text && el.length === 4) return ds.uint32(tag, index);
      return numberAt(ds, tag, index);
    }
    default:
      return numberAt(ds, tag, index);
  }
}

/**
 * True when a value of unknown VR (Implicit VR without the dictionary, or UN) reads as numeric
 * text (digits, sign, point, exponent, space, backslash, NUL); false when it must be binary.
 */
export function isNumberText(bytes: Uint8Array): boolean {
  return bytes.every((b) => (b >= 0x30 && b <= 0x39) || b === 0x20 || b === 0x2e || b === 0x2d || b === 0x2b || b === 0x5c || b === 0x45 || b === 0x65 || b === 0);
}

/** Value `index` of a numeric string (DS, IS). */
function numberAt(ds: DataSet, tag: string, index: number): number | undefined {
  const s = strs(ds, tag)[index];
  if (s === undefined || s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** All numeric values of a multi-valued attribute (e.g. Image Position (Patient)). */
export function nums(ds: DataSet, tag: string): number[] {
  const el = ds.elements[tag];
  if (!el || !el.length) return [];
  if (el.vr === 'FD' || el.vr === 'FL' || el.vr === 'US' || el.vr === 'UL' || el.vr === 'SL' || el.vr === 'SS') {
    const size = el.vr === 'FD' ? 8 : el.vr === 'FL' || el.vr === 'UL' || el.vr === 'SL' ? 4 : 2;
    const out: number[] = [];
    for (let i = 0; i < el.length / size; i++) out.push(num(ds, tag, i) as number);
    return out;
  }
  // A blank value between backslashes is absent, not 0 (Number("") is 0).
  return strs(ds, tag).map((x) => (x === '' ? NaN : Number(x))).filter((n) => Number.isFinite(n));
}

/** The data set of item `index` of a sequence, or undefined. */
export function item(ds: DataSet | undefined, tag: string, index = 0): DataSet | undefined {
  return ds?.elements[tag]?.items?.[index]?.dataSet;
}
