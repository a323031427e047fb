import type { Point3 } from '@voxa/core';
import { uidProblem } from '../store/uid.ts';
import {
  LESION_ID_PATTERN, MEASUREMENT_ID_PATTERN, MEASUREMENT_KINDS, POINT_COUNTS,
  type Measurement, type MeasurementKind, type MeasurementLesion, type MeasurementPlane,
} from '@voxa/core';
import { MeasurementHttpError } from './measurementErrors.ts';

/** Longest label, characters. */
export const MAX_LABEL_LENGTH = 256;
/** Longest units string ('HU', 'SUVbw', 'mm2' …), characters. */
export const MAX_UNITS_LENGTH = 32;
/** Most entries in `values`. */
export const MAX_VALUES = 64;
/** A key of `values`: an identifier such as lengthMm, angleDeg, areaMm2. */
const VALUE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

const FIELDS = new Set(['id', 'kind', 'seriesInstanceUid', 'frameOfReferenceUid', 'points', 'plane', 'label', 'values', 'units', 'lesion', 'algorithm', 'createdAt', 'updatedAt']);
const REQUIRED = ['id', 'kind', 'seriesInstanceUid', 'points', 'values'];
const PLANE_FIELDS = ['origin', 'row', 'column'] as const;
/** Longest algorithm name, characters. */
const MAX_ALGORITHM_LENGTH = 64;
/** Longest organ name, characters. */
const MAX_ORGAN_LENGTH = 64;
const LESION_FIELDS = new Set(['id', 'kind', 'organ', 'isLymphNode', 'presence', 'status', 'equivocal']);
const LESION_KINDS = ['target', 'non-target', 'new'];
const PRESENCES = ['measured', 'too-small', 'disappeared', 'NE'];
const STATUSES = ['absent', 'present', 'increased', 'unequivocal-progression', 'NE'];

/**
 * The measurement a PUT body holds, checked strictly: every field of `Measurement` with its type,
 * no other field, `id` equal to the one in the path (`pathId`), valid UIDs, the number of points
 * the kind has (POINT_COUNTS), every coordinate and value a finite number. `createdAt` and
 * `updatedAt` may be sent back as they were read (strings); the server sets them, so they are
 * dropped. Throws VOXA_HTTP_BAD_MEASUREMENT naming the first wrong field (`points[1][2]`) and what
 * was expected; labels and units are never quoted. Whether the series is in the study is the
 * store's check.
 */
export function parseMeasurement(body: unknown, pathId: string): Measurement {
  if (!isObject(body)) fail('body', 'a JSON object', body);
  for (const key of Object.keys(body)) {
    if (!FIELDS.has(key)) throw bad(`${key}: unknown field; expected only ${[...FIELDS].join(', ')}`);
  }
  for (const key of REQUIRED) if (body[key] === undefined) throw bad(`${key}: missing; it is required`);

  const id = body.id;
  if (typeof id !== 'string' || !MEASUREMENT_ID_PATTERN.test(id)) fail('id', '1 to 64 of A-Z a-z 0-9 _ -', id);
  if (id !== pathId) throw bad(`id: expected ${JSON.stringify(pathId)} (the id in the path), got ${JSON.stringify(id)}`);
  const kind = body.kind;
  if (typeof kind !== 'string' || !(MEASUREMENT_KINDS as readonly string[]).includes(kind)) fail('kind', `one of ${MEASUREMENT_KINDS.join(', ')}`, kind);

  const measurement: Measurement = {
    id,
    kind: kind as MeasurementKind,
    seriesInstanceUid: uid(body.seriesInstanceUid, 'seriesInstanceUid'),
    points: points(body.points, kind as MeasurementKind),
    values: values(body.values),
  };
  if (body.frameOfReferenceUid !== undefined) measurement.frameOfReferenceUid = uid(body.frameOfReferenceUid, 'frameOfReferenceUid');
  if (body.plane !== undefined) measurement.plane = plane(body.plane);
  if (body.label !== undefined) measurement.label = text(body.label, 'label', 0, MAX_LABEL_LENGTH);
  if (body.units !== undefined) measurement.units = text(body.units, 'units', 1, MAX_UNITS_LENGTH);
  if (body.lesion !== undefined) measurement.lesion = lesion(body.lesion);
  if (body.algorithm !== undefined) measurement.algorithm = text(body.algorithm, 'algorithm', 1, MAX_ALGORITHM_LENGTH);
  for (const key of ['createdAt', 'updatedAt']) {
    if (body[key] !== undefined && typeof body[key] !== 'string') fail(key, 'a string (it is set by the server and may be left out)', body[key]);
  }
  return measurement;
}

function uid(value: unknown, field: string): string {
  if (typeof value !== 'string') fail(field, 'a UID string', value);
  const problem = uidProblem(value);
  if (problem) throw bad(`${field}: expected a UID (digits and dots, at most 64 characters), got ${JSON.stringify(value.slice(0, 80))}: ${problem}`);
  return value;
}

function points(value: unknown, kind: MeasurementKind): Point3[] {
  if (!Array.isArray(value)) fail('points', 'an array of [x, y, z] points (LPS mm)', value);
  const [min, max] = POINT_COUNTS[kind];
  if (value.length < min || value.length > max) {
    const count = min === max ? `${min}` : `${min} to ${max}`;
    throw bad(`points: expected ${count} point${max === 1 ? '' : 's'} for kind "${kind}", got ${value.length}`);
  }
  return value.map((p, k) => point(p, `points[${k}]`));
}

function point(value: unknown, field: string): Point3 {
  if (!Array.isArray(value) || value.length !== 3) fail(field, '[x, y, z], three numbers (LPS mm)', value);
  value.forEach((c, axis) => {
    if (typeof c !== 'number' || !Number.isFinite(c)) fail(`${field}[${axis}]`, 'a finite number (LPS mm)', c);
  });
  return [value[0], value[1], value[2]];
}

function plane(value: unknown): MeasurementPlane {
  if (!isObject(value)) fail('plane', 'an object { origin, row, column }', value);
  for (const key of Object.keys(value)) {
    if (!(PLANE_FIELDS as readonly string[]).includes(key)) throw bad(`plane.${key}: unknown field; expected only origin, row, column`);
  }
  const [origin, row, column] = PLANE_FIELDS.map((key) => {
    if (value[key] === undefined) throw bad(`plane.${key}: missing; it is required`);
    return point(value[key], `plane.${key}`);
  });
  return { origin, row, column };
}

function lesion(value: unknown): MeasurementLesion {
  if (!isObject(value)) fail('lesion', 'an object { id, kind, organ, isLymphNode?, presence?, status?, equivocal? }', value);
  for (const key of Object.keys(value)) {
    if (!LESION_FIELDS.has(key)) throw bad(`lesion.${key}: unknown field; expected only ${[...LESION_FIELDS].join(', ')}`);
  }
  const { id, kind, organ } = value;
  if (typeof id !== 'string' || !LESION_ID_PATTERN.test(id)) fail('lesion.id', '1 to 32 of A-Z a-z 0-9 _ . - (e.g. T1)', id);
  if (typeof kind !== 'string' || !LESION_KINDS.includes(kind)) fail('lesion.kind', `one of ${LESION_KINDS.join(', ')}`, kind);
  const out: MeasurementLesion = { id, kind: kind as MeasurementLesion['kind'], organ: text(organ, 'lesion.organ', 1, MAX_ORGAN_LENGTH) };
  for (const key of ['isLymphNode', 'equivocal'] as const) {
    if (value[key] === undefined) continue;
    if (typeof value[key] !== 'boolean') fail(`lesion.${key}`, 'true or false', value[key]);
    out[key] = value[key];
  }
  if (value.presence !== undefined) {
    if (!PRESENCES.includes(value.presence as string)) fail('lesion.presence', `one of ${PRESENCES.join(', ')}`, value.presence);
    out.presence = value.presence as MeasurementLesion['presence'];
  }
  if (value.status !== undefined) {
    if (!STATUSES.includes(value.status as string)) fail('lesion.status', `one of ${STATUSES.join(', ')}`, value.status);
    out.status = value.status as MeasurementLesion['status'];
  }
  return out;
}

function values(value: unknown): Record<string, number> {
  if (!isObject(value)) fail('values', 'an object of named numbers, e.g. { "lengthMm": 12.5 }', value);
  const entries = Object.entries(value);
  if (entries.length > MAX_VALUES) throw bad(`values: expected at most ${MAX_VALUES} entries, got ${entries.length}`);
  for (const [key, v] of entries) {
    if (!VALUE_KEY.test(key)) throw bad(`values: expected names of a letter then up to 63 letters, digits or _, got ${JSON.stringify(key.slice(0, 80))}`);
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(`values.${key}`, 'a finite number', v);
  }
  return Object.fromEntries(entries) as Record<string, number>;
}

function text(value: unknown, field: string, minLength: number, maxLength: number): string {
  if (typeof value !== 'string') fail(field, 'a string', value);
  if (value.length < minLength || value.length > maxLength) {
    throw bad(`${field}: expected ${minLength} to ${maxLength} characters, got ${value.length}`);
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(field: string, expected: string, got: unknown): never {
  throw bad(`${field}: expected ${expected}, got ${describe(got)}`);
}

function bad(detail: string): MeasurementHttpError {
  return new MeasurementHttpError('VOXA_HTTP_BAD_MEASUREMENT', detail);
}

/** What a wrong value is, short: numbers as written (NaN, Infinity), strings quoted and cut, else the type. */
function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
