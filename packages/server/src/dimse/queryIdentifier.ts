import { VoxaError } from '@voxa/core';
import type { QueryLevel, SearchRow } from '../store/InstanceStore.ts';
import type { IndexLevel } from '../store/indexedAttributes.ts';
import { QUERY_ATTRIBUTES, type QueryAttribute } from '../store/queryAttributes.ts';

/** A Query/Retrieve identifier in dcmjs's natural form (keyword → value), as dcmjs-dimse hands it over. */
export type NaturalIdentifier = Record<string, unknown>;

/** Query/Retrieve Level (0008,0052) values (PS3.4 C.6.1.1, C.6.2.1). */
export type QrLevel = 'PATIENT' | 'STUDY' | 'SERIES' | 'IMAGE';

/** The information model a request was negotiated under (PS3.4 C.6.1, C.6.2). */
export type QrModel = 'patient' | 'study';

const LEVEL_RANK: Record<IndexLevel, number> = { patient: 0, study: 1, series: 2, instance: 3 };
const QR_TO_INDEX: Record<QrLevel, IndexLevel> = { PATIENT: 'patient', STUDY: 'study', SERIES: 'series', IMAGE: 'instance' };
const BY_KEYWORD = new Map<string, QueryAttribute>(QUERY_ATTRIBUTES.map((a) => [a.keyword, a]));

/** Attributes of an identifier that are not query keys. */
const NOT_KEYS = new Set(['QueryRetrieveLevel', 'SpecificCharacterSet', '_vrMap']);

/**
 * The Query/Retrieve Level of an identifier, checked against the model: Study Root has no
 * PATIENT level (PS3.4 C.6.2). Throws VOXA_ERR_BAD_ARGUMENT naming the value otherwise.
 */
export function queryLevelOf(identifier: NaturalIdentifier, model: QrModel): QrLevel {
  const raw = identifier.QueryRetrieveLevel;
  const level = (typeof raw === 'string' ? raw.trim().toUpperCase() : '') as QrLevel;
  if (!(level in QR_TO_INDEX)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { tag: '(0008,0052) QueryRetrieveLevel' }, `${JSON.stringify(raw)}: expected PATIENT, STUDY, SERIES or IMAGE`);
  }
  if (model === 'study' && level === 'PATIENT') {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { tag: '(0008,0052) QueryRetrieveLevel' }, 'PATIENT is not a level of the Study Root information model');
  }
  return level;
}

/** The index level of a Query/Retrieve level. */
export function indexLevelOf(level: QrLevel): IndexLevel {
  return QR_TO_INDEX[level];
}

/**
 * The matching keys of an identifier as QIDO-style strings (keyword → value): non-empty values of
 * attributes the index knows at the query level or above (PS3.4 C.2.2.1: keys of lower levels
 * are not allowed). PN components become their alphabetic form, multiple values join with '\'
 * (list of UID matching, C.2.2.2.2). Other attributes are return keys only.
 */
export function matchingKeys(identifier: NaturalIdentifier, level: QrLevel): Record<string, string> {
  const rank = LEVEL_RANK[QR_TO_INDEX[level]];
  const match: Record<string, string> = {};
  for (const [keyword, value] of Object.entries(identifier)) {
    if (NOT_KEYS.has(keyword)) continue;
    const attribute = BY_KEYWORD.get(keyword);
    if (!attribute?.column || LEVEL_RANK[attribute.level] > rank) continue;
    const text = naturalToText(value);
    if (text !== '') match[keyword] = text;
  }
  return match;
}

/**
 * A C-FIND response identifier for one matching row (PS3.4 C.4.1.3.1.1): exactly the keys the
 * request asked for, with the row's value or zero-length when the archive has none, plus the
 * Query/Retrieve Level and this AE as Retrieve AE Title.
 */
export function responseIdentifier(request: NaturalIdentifier, row: SearchRow, level: QrLevel, aeTitle: string): NaturalIdentifier {
  const out: NaturalIdentifier = { QueryRetrieveLevel: level };
  for (const keyword of Object.keys(request)) {
    if (NOT_KEYS.has(keyword)) continue;
    if (keyword === 'RetrieveAETitle') {
      out.RetrieveAETitle = aeTitle;
      continue;
    }
    out[keyword] = rowToNatural(BY_KEYWORD.get(keyword), row[keyword]);
  }
  // dcmjs writes text as UTF-8: say so when any value is not plain ASCII (PS3.5 §6.1.2.5.3).
  if (Object.values(out).some((v) => /[^\x00-\x7f]/.test(naturalToText(v)))) out.SpecificCharacterSet = 'ISO_IR 192';
  return out;
}

/** A natural value as query text: '' for empty, PN as its alphabetic group, values joined by '\'. */
export function naturalToText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(naturalToText).filter((v) => v !== '').join('\\');
  if (typeof value === 'object') return naturalToText((value as { Alphabetic?: unknown }).Alphabetic);
  return String(value).trim();
}

function rowToNatural(attribute: QueryAttribute | undefined, value: SearchRow[string]): unknown {
  if (value === undefined) return '';
  if (attribute?.vr === 'PN') return [{ Alphabetic: String(value) }];
  return value;
}

/** The QIDO level a C-FIND at `level` searches: patients are answered from their studies. */
export function searchLevelOf(level: QrLevel): QueryLevel {
  return level === 'PATIENT' || level === 'STUDY' ? 'study' : level === 'SERIES' ? 'series' : 'instance';
}
