import { describe, expect, it } from 'vitest';
import type { Measurement, MeasurementLesion } from '@voxa/core';
import { computeResponse, type AssessmentTimePoint } from '../../src/response/computeResponse.ts';
import { tabulateLesions } from '../../src/response/tabulateLesions.ts';

let n = 0;
const bidi = (lesion: MeasurementLesion, longMm: number, shortMm: number, algorithm?: string): Measurement => ({
  id: `m${++n}`, kind: 'bidirectional', seriesInstanceUid: '1.2.3', points: [[0, 0, 0], [longMm, 0, 0], [0, -shortMm / 2, 0], [0, shortMm / 2, 0]],
  values: { longMm, shortMm }, lesion, ...(algorithm ? { algorithm } : {}),
});
const T1: MeasurementLesion = { id: 'T1', kind: 'target', organ: 'liver' };
const N1: MeasurementLesion = { id: 'T2', kind: 'target', organ: 'lymph node', isLymphNode: true };

describe('tabulateLesions', () => {
  it('lays out the lesions by time point with their sizes, the RECIST sums and categories, and marks proposals', () => {
    const tps: AssessmentTimePoint[] = [
      { studyUid: '1.1', dateIso: '2024-01-08', measurements: [bidi(T1, 40, 32), bidi(N1, 28, 18)] },
      { studyUid: '1.2', dateIso: '2024-03-04', measurements: [bidi(T1, 26, 20.8, 'Voxa lesion tracking'), bidi(N1, 18.2, 11.7)] },
    ];
    const table = tabulateLesions(tps, computeResponse('recist', tps));
    expect(table.error).toBeUndefined();
    expect(table.columns.map((c) => [c.label, c.interval.label])).toEqual([['BL', 'baseline'], ['FU1', '+8 wk (+56 d)']]);
    expect(table.rows.map((r) => r.id)).toEqual(['T1', 'T2']);
    expect(table.rows[0].cells.map((c) => c.text)).toEqual(['40.0\u2009×\u200932.0', '26.0\u2009×\u200920.8']);
    // RECIST counts the node's short axis: 40 + 18 = 58, then 26 + 11.7 = 37.7 (−35.0 %): PR.
    expect(table.rows[1].cells.map((c) => c.counted)).toEqual([18, 11.7]);
    expect(table.columns[0].measure?.value).toBe(58);
    expect(table.columns[1].measure?.changeFromBaselinePercent).toBeCloseTo(-35, 6);
    expect(table.columns[1].category).toBe('PR');
    expect(table.best?.category).toBe('PR');
    expect(table.rows[0].cells[1].proposedBy).toBe('Voxa lesion tracking');
    expect(table.rows[1].cells[1].proposedBy).toBeUndefined();
  });

  it('keeps the table when the tags are wrong, naming the problem in its cell and the error', () => {
    const tps: AssessmentTimePoint[] = [
      { studyUid: '1.1', dateIso: '2024-01-08', measurements: [bidi(T1, 40, 32)] },
      { studyUid: '1.2', dateIso: '2024-03-04', measurements: [bidi(T1, 26, 20), bidi(T1, 27, 21)] },
    ];
    const table = tabulateLesions(tps, computeResponse('recist', tps));
    expect(table.error).toMatch(/lesion T1: measured twice/);
    expect(table.rows[0].cells[1].problem).toMatch(/twice|2 measurements|more than one/i);
    expect(table.rows[0].cells[1].measurements).toHaveLength(2);
  });
});
