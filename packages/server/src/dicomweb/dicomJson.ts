import type { DicomJsonPersonName as PersonName, DicomJsonElement, DicomJsonDataSet as DicomJsonObject } from '@voxa/core';
import type { SearchRow } from '../store/InstanceStore.ts';
import { findAttribute } from './dictionary.ts';

// The DICOM JSON model's types are core's (one definition for the server, the app and the tests).
export type { PersonName, DicomJsonElement, DicomJsonObject };

/** The media type of the DICOM JSON model (PS3.18 §8.7.3.2). */
export const DICOM_JSON = 'application/dicom+json';

/** JSON schema of a DICOM JSON data set, loose (values are checked where they are made). */
export const DICOM_JSON_OBJECT_SCHEMA = {
  type: 'object',
  additionalProperties: true,
} as const;

const NUMBER_VRS = new Set(['DS', 'IS', 'FL', 'FD', 'SL', 'SS', 'UL', 'US', 'SV', 'UV']);
/** Text VRs whose value may contain a backslash: never split into several values (PS3.5 6.2). */
const SINGLE_TEXT_VRS = new Set(['LT', 'ST', 'UT', 'UR']);

/**
 * One DICOM JSON element from a plain value (a search row's, or a value the server computes):
 * numbers for numeric VRs, `{ Alphabetic }` for PN, multiple values split at '\' (PS3.18 F.2.3).
 * Empty values give an element without Value.
 */
export function jsonElement(vr: string, value: string | number | string[] | undefined): DicomJsonElement {
  if (value === undefined || value === '') return { vr };
  let values: Array<string | number> = Array.isArray(value) ? value : [value];
  if (!SINGLE_TEXT_VRS.has(vr)) values = values.flatMap((v): Array<string | number> => (typeof v === 'string' ? v.split('\\') : [v]));
  const out: DicomJsonElement['Value'] = values.map((v) => {
    if (NUMBER_VRS.has(vr)) {
      const n = typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v);
      return Number.isFinite(n) ? n : null;
    }
    const text = String(v).trim();
    if (text === '') return null;
    if (vr === 'PN') return personName(text);
    return text;
  });
  return out.every((v) => v === null) ? { vr } : { vr, Value: out };
}

/** A PN value 'alphabetic=ideographic=phonetic' as a DICOM JSON person name (PS3.18 F.2.2). */
export function personName(text: string): PersonName {
  const [alphabetic, ideographic, phonetic] = text.split('=');
  const name: PersonName = {};
  if (alphabetic) name.Alphabetic = alphabetic;
  if (ideographic) name.Ideographic = ideographic;
  if (phonetic) name.Phonetic = phonetic;
  return name;
}

/**
 * The attributes named by `keywords` that `row` has, as DICOM JSON. Row keys that are not
 * dictionary keywords or tags are skipped.
 */
export function rowToJson(row: SearchRow, keywords: Iterable<string>, out: DicomJsonObject = {}): DicomJsonObject {
  for (const keyword of keywords) {
    const value = row[keyword];
    if (value === undefined) continue;
    const attribute = findAttribute(keyword);
    if (!attribute) continue;
    out[attribute.tag] = jsonElement(attribute.vr, value);
  }
  return out;
}

/** Orders a DICOM JSON object by tag, as PS3.18 F.2.1 recommends. */
export function sortByTag(object: DicomJsonObject): DicomJsonObject {
  const sorted: DicomJsonObject = {};
  for (const tag of Object.keys(object).sort()) sorted[tag] = object[tag];
  return sorted;
}
