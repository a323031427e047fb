import { VoxaError } from '@voxa/core';
import type { QueryAttribute } from './queryAttributes.ts';
import { foldPersonName } from './readIndexRecord.ts';

/** A WHERE fragment and its bound parameters. The SQL never contains a query value. */
export interface SqlCondition {
  sql: string;
  params: (string | number)[];
}

/** Most values one list match may name (SQLite binds at most 32,766 parameters per statement). */
export const MAX_LIST_VALUES = 1000;

const DATE = /^\d{8}$/;
const TIME = /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/;
const INTEGER = /^[+-]?\d{1,10}$/;

/**
 * The SQL condition for one QIDO-RS matching key (PS3.18 §8.3.4.1, PS3.4 C.2.2.2), or undefined
 * for universal matching ('' or '*'):
 * - single value: exact and case-sensitive, except PN, which Voxa matches ignoring case;
 * - '*' and '?' wildcards (PS3.4 C.2.2.2.4) become a GLOB pattern with '[' escaped, so no other
 *   character has a meaning; PN wildcards also ignore case;
 * - DA/TM ranges 'a-b', '-b', 'a-' (C.2.2.2.5); a partial upper time ('1700') covers its whole
 *   minute or hour;
 * - lists: UI values separated by ',' or '\' (C.2.2.2.2), and CS/IS values the same way (any of).
 * Malformed dates, times and numbers throw VOXA_ERR_BAD_ARGUMENT naming the attribute.
 */
export function matchCondition(attribute: QueryAttribute, raw: string): SqlCondition | undefined {
  const value = raw.trim();
  if (value === '' || value === '*') return undefined;
  const column = attribute.column;
  if (!column) throw badValue(attribute, value, 'it is not a matching key');
  const condition = ((): SqlCondition => {
    switch (attribute.vr) {
      case 'UI':
        return inList(column, splitList(attribute, value));
      case 'IS':
      case 'US': {
        const values = splitList(attribute, value);
        const bad = values.find((v) => !INTEGER.test(v));
        if (bad !== undefined) throw badValue(attribute, bad, 'expected an integer');
        return inList(column, values.map(Number));
      }
      case 'DA':
        return dateOrTime(attribute, column, value, DATE, (v) => v);
      case 'TM':
        return dateOrTime(attribute, column, value.replace(/:/g, ''), TIME, endOfTime);
      case 'CS':
        return anyOf(splitList(attribute, value).map((v) => single(column, v)));
      case 'PN':
        return single(column, foldPersonName(value));
      default:
        return single(column, value);
    }
  })();
  return attribute.wrap ? { sql: attribute.wrap(condition.sql), params: condition.params } : condition;
}

/** DICOM wildcards → a GLOB pattern: '*' and '?' keep their meaning, '[' is made literal. */
export function globPattern(value: string): string {
  return value.replace(/\[/g, '[[]');
}

function single(column: string, value: string): SqlCondition {
  return /[*?]/.test(value) ? { sql: `${column} GLOB ?`, params: [globPattern(value)] } : { sql: `${column} = ?`, params: [value] };
}

function inList(column: string, values: (string | number)[]): SqlCondition {
  if (values.length === 1) return { sql: `${column} = ?`, params: values };
  return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: values };
}

function anyOf(conditions: SqlCondition[]): SqlCondition {
  if (conditions.length === 1) return conditions[0];
  return { sql: `(${conditions.map((c) => c.sql).join(' OR ')})`, params: conditions.flatMap((c) => c.params) };
}

function splitList(attribute: QueryAttribute, value: string): string[] {
  const values = value.split(/[,\\]/).map((v) => v.trim()).filter((v) => v !== '');
  if (values.length > MAX_LIST_VALUES) throw badValue(attribute, value, `more than ${MAX_LIST_VALUES} values`);
  return values;
}

function dateOrTime(attribute: QueryAttribute, column: string, value: string, syntax: RegExp, upper: (v: string) => string): SqlCondition {
  const parts = value.split('-');
  if (parts.length > 2) throw badValue(attribute, value, 'expected a single value or a range a-b, -b, a-');
  const bad = parts.find((p) => p !== '' && !syntax.test(p));
  if (bad !== undefined) throw badValue(attribute, bad, attribute.vr === 'DA' ? 'expected YYYYMMDD' : 'expected HHMMSS.FFFFFF or a prefix of it');
  if (parts.length === 1) return attribute.vr === 'TM' ? range(column, value, upper(value)) : { sql: `${column} = ?`, params: [value] };
  const [from, to] = parts;
  if (from && to) return range(column, from, upper(to));
  if (from) return { sql: `${column} >= ?`, params: [from] };
  if (to) return { sql: `${column} <= ?`, params: [upper(to)] };
  return { sql: `${column} IS NOT NULL`, params: [] };
}

function range(column: string, from: string, to: string): SqlCondition {
  return { sql: `${column} BETWEEN ? AND ?`, params: [from, to] };
}

/** The last instant a partial time stands for: '17' → '175959.999999', '1700' → '170059.999999'. */
function endOfTime(time: string): string {
  const [hms, fraction = ''] = time.split('.');
  return `${hms}${'5959'.slice(hms.length - 2)}.${fraction.padEnd(6, '9')}`;
}

function badValue(attribute: QueryAttribute, value: string, expected: string): VoxaError {
  return new VoxaError('VOXA_ERR_BAD_ARGUMENT', { key: attribute.keyword }, `${JSON.stringify(value.slice(0, 64))}: ${expected}`);
}
