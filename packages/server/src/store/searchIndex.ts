import { VoxaError } from '@voxa/core';
import type Database from 'better-sqlite3';
import type { QueryLevel, SearchQuery, SearchRow } from './InstanceStore.ts';
import type { IndexLevel } from './indexedAttributes.ts';
import { matchCondition, type SqlCondition } from './matchCondition.ts';
import { QUERY_ATTRIBUTES, queryAttribute, type QueryAttribute } from './queryAttributes.ts';

const FROM: Record<QueryLevel, string> = {
  study: 'studies st JOIN patients p ON p.pk = st.patient_pk',
  series: 'series se JOIN studies st ON st.pk = se.study_pk JOIN patients p ON p.pk = st.patient_pk',
  instance: 'instances i JOIN series se ON se.pk = i.series_pk JOIN studies st ON st.pk = i.study_pk JOIN patients p ON p.pk = st.patient_pk',
};

/** A stable order, so that limit/offset pages neither skip nor repeat rows. */
const ORDER: Record<QueryLevel, string> = {
  study: 'st.pk',
  series: 'se.study_pk, se.SeriesNumber IS NULL, se.SeriesNumber, se.pk',
  instance: 'i.study_pk, se.SeriesNumber IS NULL, se.SeriesNumber, i.series_pk, i.InstanceNumber IS NULL, i.InstanceNumber, i.pk',
};

/**
 * QIDO-RS search of the index at one level (PS3.18 §8.3.4, §10.6): every matching key becomes a
 * condition with bound parameters (see `matchCondition`), combined with AND together with the
 * study/series the path fixes. Rows hold the level's attributes, its parent UIDs, and the
 * attributes of the levels above that the path does not fix (PS3.18 §10.6.3.3). Unknown or
 * misplaced keys, bad values, and a negative limit/offset throw VOXA_ERR_BAD_ARGUMENT.
 */
export function searchIndex(db: Database.Database, level: QueryLevel, query: SearchQuery): SearchRow[] {
  const conditions: SqlCondition[] = [];
  if (query.studyInstanceUid !== undefined) conditions.push({ sql: 'st.StudyInstanceUID = ?', params: [query.studyInstanceUid] });
  if (query.seriesInstanceUid !== undefined) {
    if (level === 'study') throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { key: 'SeriesInstanceUID' }, 'a study-level search cannot be limited to a series');
    conditions.push({ sql: 'se.SeriesInstanceUID = ?', params: [query.seriesInstanceUid] });
  }
  for (const [key, value] of Object.entries(query.match)) {
    const condition = matchCondition(queryAttribute(key, level, true), value);
    if (condition) conditions.push(condition);
  }
  const returned = returnedAttributes(level, query);
  const sql = [
    `SELECT ${returned.map((a) => `${a.select} AS "${a.keyword}"`).join(', ')}`,
    `FROM ${FROM[level]}`,
    conditions.length ? `WHERE ${conditions.map((c) => c.sql).join(' AND ')}` : '',
    `ORDER BY ${ORDER[level]} LIMIT ? OFFSET ?`,
  ].join(' ');
  const params = [...conditions.flatMap((c) => c.params), count('limit', query.limit) ?? -1, count('offset', query.offset) ?? 0];
  const rows = db.prepare(sql).all(...params) as Record<string, string | number | null>[];
  return rows.map((row) => toSearchRow(row, returned));
}

/** The attributes a row at `level` carries: see `searchIndex`. */
function returnedAttributes(level: QueryLevel, query: SearchQuery): QueryAttribute[] {
  const levels = new Set<IndexLevel>([level]);
  if (level === 'study' || query.studyInstanceUid === undefined) levels.add('patient').add('study');
  if (level === 'instance' && query.seriesInstanceUid === undefined) levels.add('series');
  const parents = level === 'study' ? [] : level === 'series' ? ['StudyInstanceUID'] : ['StudyInstanceUID', 'SeriesInstanceUID'];
  return QUERY_ATTRIBUTES.filter((a) => levels.has(a.level) || parents.includes(a.keyword));
}

function toSearchRow(row: Record<string, string | number | null>, returned: QueryAttribute[]): SearchRow {
  const out: SearchRow = {};
  for (const a of returned) {
    const value = row[a.keyword];
    // '' is how the index keeps an absent IssuerOfPatientID (part of a unique key).
    if (value === null || value === undefined || value === '') continue;
    out[a.keyword] = a.multiValued ? String(value).split('\\').sort() : value;
  }
  return out;
}

function count(name: 'limit' | 'offset', value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { key: name }, `${value}: expected a whole number ≥ 0`);
  return value;
}
