import { VoxaError } from '@voxa/core';
import type { QueryLevel } from './InstanceStore.ts';
import { INDEXED_ATTRIBUTES, type IndexLevel, type IndexVr } from './indexedAttributes.ts';

/** A QIDO-RS attribute: how to return it and, when it is a matching key, how to match it. */
export interface QueryAttribute {
  keyword: string;
  /** 'GGGGEEEE', upper-case hex. */
  tag: string;
  level: IndexLevel;
  vr: IndexVr;
  /** SQL expression of the value over the aliases p (patients), st, se, i. A constant, never input. */
  select: string;
  /** The column a condition compares; undefined for return-only attributes (counts). */
  column?: string;
  /** Wraps a condition on `column` for attributes matched over related rows (ModalitiesInStudy). */
  wrap?: (condition: string) => string;
  /** The value is stored '\'-joined and returned as a string array. */
  multiValued?: boolean;
}

const ALIAS: Record<IndexLevel, string> = { patient: 'p', study: 'st', series: 'se', instance: 'i' };

/** Levels whose attributes a query at `level` can match and return (its own and those above). */
export const LEVELS_VISIBLE: Record<QueryLevel, readonly IndexLevel[]> = {
  study: ['patient', 'study'],
  series: ['patient', 'study', 'series'],
  instance: ['patient', 'study', 'series', 'instance'],
};

const DERIVED: QueryAttribute[] = [
  {
    keyword: 'ModalitiesInStudy', tag: '00080061', level: 'study', vr: 'CS', multiValued: true,
    select: "(SELECT group_concat(m, '\\') FROM (SELECT DISTINCT mi.Modality AS m FROM instances mi WHERE mi.study_pk = st.pk AND mi.Modality IS NOT NULL ORDER BY m))",
    column: 'mi.Modality',
    wrap: (condition) => `EXISTS (SELECT 1 FROM instances mi WHERE mi.study_pk = st.pk AND ${condition})`,
  },
  { keyword: 'NumberOfStudyRelatedSeries', tag: '00201206', level: 'study', vr: 'IS', select: '(SELECT count(*) FROM series cs WHERE cs.study_pk = st.pk)' },
  { keyword: 'NumberOfStudyRelatedInstances', tag: '00201208', level: 'study', vr: 'IS', select: '(SELECT count(*) FROM instances ci WHERE ci.study_pk = st.pk)' },
  { keyword: 'NumberOfSeriesRelatedInstances', tag: '00201209', level: 'series', vr: 'IS', select: '(SELECT count(*) FROM instances ci WHERE ci.series_pk = se.pk)' },
];

/** Every QIDO-RS attribute of the index: the stored columns, then the derived ones. */
export const QUERY_ATTRIBUTES: readonly QueryAttribute[] = [
  ...INDEXED_ATTRIBUTES.map((a): QueryAttribute => {
    const alias = ALIAS[a.level];
    return { ...a, select: `${alias}.${a.keyword}`, column: a.vr === 'PN' ? `${alias}.${a.keyword}_folded` : `${alias}.${a.keyword}` };
  }),
  ...DERIVED,
];

const BY_KEY = new Map<string, QueryAttribute>();
for (const a of QUERY_ATTRIBUTES) {
  BY_KEY.set(a.keyword, a);
  BY_KEY.set(a.tag, a);
}

/**
 * The attribute a query key names at `level`: a keyword ('PatientID') or a tag ('00100020',
 * either case). Unknown keys, keys of a lower level, and return-only keys used for matching
 * throw VOXA_ERR_BAD_ARGUMENT naming the key (a route answers 400).
 */
export function queryAttribute(key: string, level: QueryLevel, forMatching: boolean): QueryAttribute {
  const attribute = BY_KEY.get(key) ?? BY_KEY.get(key.toUpperCase());
  const shown = JSON.stringify(key.slice(0, 64));
  if (!attribute) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { key: shown }, 'not a searchable attribute keyword or tag');
  if (!LEVELS_VISIBLE[level].includes(attribute.level)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { key: shown }, `${attribute.keyword} is a ${attribute.level}-level attribute, not searchable at ${level} level`);
  }
  if (forMatching && !attribute.column) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { key: shown }, `${attribute.keyword} is returned, not matched`);
  }
  return attribute;
}
