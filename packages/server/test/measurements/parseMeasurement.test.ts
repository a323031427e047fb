import { describe, expect, it } from 'vitest';
import { MAX_FREEHAND_POINTS, MEASUREMENT_KINDS, POINT_COUNTS, type MeasurementKind } from '@voxa/core';
import { MeasurementHttpError } from '../../src/measurements/measurementErrors.ts';
import { parseMeasurement } from '../../src/measurements/parseMeasurement.ts';
import { lengthMeasurement } from './measurementFixtures.ts';

const pointsOf = (n: number): [number, number, number][] => Array.from({ length: n }, (_, k) => [k, 2 * k, -k]);

function problem(body: unknown, id = 'm1'): string {
  try {
    parseMeasurement(body, id);
  } catch (e) {
    expect(e).toBeInstanceOf(MeasurementHttpError);
    expect((e as MeasurementHttpError).code).toBe('VOXA_HTTP_BAD_MEASUREMENT');
    return (e as Error).message;
  }
  throw new Error('parseMeasurement accepted the body');
}

describe('parseMeasurement', () => {
  it('accepts each kind with the least and the most points it has, and refuses one fewer and one more', () => {
    for (const kind of MEASUREMENT_KINDS) {
      const [min, max] = POINT_COUNTS[kind as MeasurementKind];
      for (const n of [min, max]) expect(parseMeasurement({ ...lengthMeasurement('m1'), kind, points: pointsOf(n) }, 'm1').points).toHaveLength(n);
      for (const n of [min - 1, max + 1]) expect(problem({ ...lengthMeasurement('m1'), kind, points: pointsOf(n) })).toMatch(new RegExp(`points: expected .* for kind "${kind}", got ${n}`));
    }
    expect(POINT_COUNTS.freehand[1]).toBe(MAX_FREEHAND_POINTS);
  });

  it('returns exactly the measurement fields, dropping the createdAt and updatedAt a client sends back', () => {
    const parsed = parseMeasurement({ ...lengthMeasurement('m1'), units: 'mm', createdAt: 'then', updatedAt: 'now' }, 'm1');
    expect(parsed).toEqual({ ...lengthMeasurement('m1'), units: 'mm' });
    const minimal = { id: 'm1', kind: 'probe', seriesInstanceUid: '1.2.3', points: [[0, 0, 0]], values: {} };
    expect(parseMeasurement(minimal, 'm1')).toEqual(minimal);
  });

  it('keeps a lesion tag and names its first wrong field', () => {
    const lesion = { id: 'T1', kind: 'target', organ: 'lymph node', isLymphNode: true, presence: 'measured', status: 'present' };
    expect(parseMeasurement({ ...lengthMeasurement('m1'), lesion }, 'm1').lesion).toEqual(lesion);
    expect(problem({ ...lengthMeasurement('m1'), lesion: { ...lesion, kind: 'primary' } })).toBe('The measurement is invalid: lesion.kind: expected one of target, non-target, new, got "primary"');
    expect(problem({ ...lengthMeasurement('m1'), lesion: { ...lesion, id: 'T 1' } })).toMatch(/lesion\.id: expected 1 to 32 of/);
    expect(problem({ ...lengthMeasurement('m1'), lesion: { ...lesion, organ: '' } })).toBe('The measurement is invalid: lesion.organ: expected 1 to 64 characters, got 0');
    expect(problem({ ...lengthMeasurement('m1'), lesion: { ...lesion, isLymphNode: 'yes' } })).toBe('The measurement is invalid: lesion.isLymphNode: expected true or false, got "yes"');
    expect(problem({ ...lengthMeasurement('m1'), lesion: { ...lesion, size: 3 } })).toMatch(/^The measurement is invalid: lesion\.size: unknown field/);
    expect(problem({ ...lengthMeasurement('m1'), lesion: { ...lesion, presence: 'gone' } })).toMatch(/lesion\.presence: expected one of measured, too-small, disappeared, NE/);
    expect(parseMeasurement({ ...lengthMeasurement('m1'), algorithm: 'Voxa one-click lesion' }, 'm1').algorithm).toBe('Voxa one-click lesion');
    expect(problem({ ...lengthMeasurement('m1'), algorithm: '' })).toBe('The measurement is invalid: algorithm: expected 1 to 64 characters, got 0');
  });

  it('names the first wrong field and what it expected, without quoting labels or units', () => {
    expect(problem(null)).toBe('The measurement is invalid: body: expected a JSON object, got null');
    expect(problem({ ...lengthMeasurement('m1'), kind: undefined })).toBe('The measurement is invalid: kind: missing; it is required');
    expect(problem({ ...lengthMeasurement('m1'), points: 'none' })).toBe('The measurement is invalid: points: expected an array of [x, y, z] points (LPS mm), got "none"');
    expect(problem({ ...lengthMeasurement('m1'), points: [[0, 0, 0], [0, Number.NaN, 0]] })).toBe('The measurement is invalid: points[1][1]: expected a finite number (LPS mm), got NaN');
    expect(problem({ ...lengthMeasurement('m1'), values: { lengthMm: Number.NEGATIVE_INFINITY } })).toBe('The measurement is invalid: values.lengthMm: expected a finite number, got -Infinity');
    expect(problem({ ...lengthMeasurement('m1'), plane: { origin: [0, 0, 0], row: [1, 0, 0], column: [0, 1, 0], normal: [0, 0, 1] } })).toMatch(/plane\.normal: unknown field/);
    const secret = 'DOE^JANE liver lesion, MRN 12345, very long label text';
    expect(problem({ ...lengthMeasurement('m1'), label: 7 })).toMatch(/label: expected a string, got 7/);
    expect(problem({ ...lengthMeasurement('m1'), units: secret })).not.toContain('DOE');
    expect(problem({ ...lengthMeasurement('m1'), values: { a: 1, ...Object.fromEntries(pointsOf(64).map((_, k) => [`v${k}`, k])) } })).toMatch(/values: expected at most 64 entries, got 65/);
  });
});
