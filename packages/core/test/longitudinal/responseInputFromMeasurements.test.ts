import { describe, expect, it } from 'vitest';
import { evaluateResponse, responseInputFromMeasurements, type Measurement, type MeasurementLesion } from '../../src/index.ts';

const SERIES = '1.2.3.4';
let n = 0;
function bidi(lesion: MeasurementLesion, longMm: number, shortMm: number): Measurement {
  return { id: `m${++n}`, kind: 'bidirectional', seriesInstanceUid: SERIES, points: [[0, 0, 0], [longMm, 0, 0], [0, -shortMm / 2, 0], [0, shortMm / 2, 0]], values: { longMm, shortMm }, lesion };
}
function probe(lesion: MeasurementLesion): Measurement {
  return { id: `m${++n}`, kind: 'probe', seriesInstanceUid: SERIES, points: [[1, 2, 3]], values: { value: 40 }, lesion };
}
const T1: MeasurementLesion = { id: 'T1', kind: 'target', organ: 'liver' };
const T2: MeasurementLesion = { id: 'T2', kind: 'target', organ: 'lymph node', isLymphNode: true };
const NT1: MeasurementLesion = { id: 'NT1', kind: 'non-target', organ: 'lung' };

describe('responseInputFromMeasurements', () => {
  it('matches lesions by id over time and reads RECIST 1.1 from them: PR, then PD by a new lesion', () => {
    const untagged: Measurement = { id: 'ruler', kind: 'length', seriesInstanceUid: SERIES, points: [[0, 0, 0], [9, 0, 0]], values: { lengthMm: 9 } };
    const { input, sources } = responseInputFromMeasurements([
      { dateIso: '2024-01-10', measurements: [bidi(T1, 40, 30), bidi(T2, 25, 18), probe(NT1), untagged] },
      { dateIso: '2024-03-10', measurements: [bidi(T1, 25, 20), bidi(T2, 14, 9), probe(NT1)] },
      { dateIso: '2024-05-10', measurements: [bidi(T1, 28, 21), bidi(T2, 15, 12), probe(NT1), bidi({ id: 'N1', kind: 'new', organ: 'liver' }, 12, 10)] },
    ]);
    expect(input.lesions.map((l) => [l.id, l.kind, l.isLymphNode ?? false])).toEqual([['T1', 'target', false], ['T2', 'target', true], ['NT1', 'non-target', false], ['N1', 'new', false]]);
    expect(input.lesions[0].observations.map((o) => o?.longAxisMm)).toEqual([40, 25, 28]);
    expect(input.lesions[3].observations[0]).toBeNull();
    expect(sources.N1[2]).toMatch(/^m\d+$/);
    const outcome = evaluateResponse('recist', input);
    // Baseline sum 40 + 18 (node short axis) = 58; 25 + 9 = 34 is −41.4 %: PR; then a new lesion: PD.
    expect(outcome.evaluation.baseline.value).toBe(58);
    expect(outcome.evaluation.timePoints.map((tp) => tp.category)).toEqual(['PR', 'PD']);
    expect(outcome.evaluation.timePoints[0].measure.changeFromBaselinePercent).toBeCloseTo(-41.38, 2);
    expect(outcome.bestOverallResponse?.category).toBe('PR');
  });

  it('reads disappeared lesions, not-assessed time points and ROI values', () => {
    const roi: Measurement = { id: 'roi', kind: 'ellipse', seriesInstanceUid: SERIES, points: [[0, 0, 0], [5, 0, 0], [0, 5, 0]], values: { mean: 55, max: 90, volumeMm3: 900 }, units: 'HU', lesion: { id: 'T9', kind: 'target', organ: 'liver' } };
    const { input } = responseInputFromMeasurements([
      { dateIso: '2024-01-10', measurements: [bidi(T1, 20, 15), roi] },
      { dateIso: '2024-03-10', measurements: [{ ...bidi({ ...T1, presence: 'disappeared' }, 0, 0), values: {} }] },
    ]);
    expect(input.lesions[0].observations[1]).toEqual({ presence: 'disappeared' });
    expect(input.lesions[1].observations).toEqual([{ meanHu: 55, volumeMm3: 900 }, null]);
    expect(evaluateResponse('recist', input).evaluation.timePoints[0].category).toBe('NE');
  });

  it('refuses a lesion measured twice, a target first seen at follow-up and a changed organ, naming the study and measurements', () => {
    const a = bidi(T1, 20, 10), b = bidi(T1, 21, 11);
    expect(() => responseInputFromMeasurements([{ dateIso: '2024-01-10', studyUid: '1.2.9', measurements: [a, b] }]))
      .toThrow(new RegExp(`lesion T1: measured twice \\(measurements ${a.id} and ${b.id}\\).*\\(study 1\\.2\\.9\\)`));
    expect(() => responseInputFromMeasurements([{ dateIso: '2024-01-10', measurements: [] }, { dateIso: '2024-02-10', measurements: [bidi(T2, 9, 8)] }]))
      .toThrow(/lesion T2: a target lesion first measured at a follow-up .*tag it 'new'/);
    expect(() => responseInputFromMeasurements([{ dateIso: '2024-01-10', measurements: [bidi(T1, 20, 10)] }, { dateIso: '2024-02-10', measurements: [bidi({ ...T1, organ: 'lung' }, 9, 8)] }]))
      .toThrow(/lesion T1: tagged target in lung .* but target in liver before/);
  });
});
