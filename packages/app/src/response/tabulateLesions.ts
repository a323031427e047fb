import {
  reportMeasure,
  type AnyBestOverallResponse, type LesionKind, type MeasureSummary, type Measurement, type ResponseIssue, type RuleFiring,
} from '@voxa/core';
import type { AssessmentTimePoint, LiveResponse } from './computeResponse.ts';
import { intervalFromBaseline, type Interval } from './intervalFromBaseline.ts';

/** One lesion at one time point: the measurements tagged with it there, in words. */
export interface LesionCell {
  /** More than one is an error the cell shows (`problem`). */
  measurements: Measurement[];
  /** '40.0 × 32.0' (long × short mm, thin spaces), '12.0', 'too small', 'gone', 'present', '—' (not measured). */
  text: string;
  /** The number the criterion reads for the lesion here (a node's short axis under RECIST …), once evaluated. */
  counted: number | null;
  /** Why this cell is wrong: tagged twice, with another kind or organ than before, or a target first tagged after baseline. */
  problem?: string;
  /** The algorithm that proposed a measurement here, while no reader has edited or accepted it. */
  proposedBy?: string;
}

/** A lesion followed over the assessment: as first tagged, and its cell at each time point. */
export interface LesionRow {
  id: string;
  kind: LesionKind;
  organ: string;
  isLymphNode: boolean;
  cells: LesionCell[];
}

/** A time point's column: its study, when it was, and the criterion's verdict there. */
export interface TimePointColumn {
  studyUid: string;
  dateIso: string;
  /** 'BL', 'FU1', 'FU2' … */
  label: string;
  interval: Interval;
  /** The summed measure (baseline included); absent until evaluated. */
  measure?: MeasureSummary;
  /** Follow-ups: the overall response and its parts, and the rules that fired. */
  category?: string;
  target?: string | null;
  nonTarget?: string | null;
  newLesions?: string;
  firings: RuleFiring[];
}

/** What the response panel shows: the lesion table, the time points' verdicts, and what is wrong. */
export interface LesionTable {
  columns: TimePointColumn[];
  rows: LesionRow[];
  /** What each lesion contributes under the criterion, e.g. 'diameter (nodes: short axis)'. */
  measureLabel?: string;
  unit?: string;
  best?: AnyBestOverallResponse;
  issues: ResponseIssue[];
  error?: string;
}

const KIND_ORDER: Record<LesionKind, number> = { target: 0, 'non-target': 1, new: 2 };

/** "12.0": sizes to a tenth of a millimetre, as they are measured. */
const mm = (v: number) => v.toFixed(1);
const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/** The size a measurement gives, as the reader reads it. */
function sizeText(m: Measurement): string | undefined {
  const v = m.values;
  if (m.kind === 'bidirectional' && finite(v.longMm)) return finite(v.shortMm) ? `${mm(v.longMm)}\u2009×\u2009${mm(v.shortMm)}` : mm(v.longMm);
  if (m.kind === 'length' && finite(v.lengthMm)) return mm(v.lengthMm);
  if (finite(v.volumeMm3)) return `${(v.volumeMm3 / 1000).toFixed(2)} cm³`;
  if (m.units === 'HU' && finite(v.mean)) return `${v.mean.toFixed(0)} HU`;
  if (m.units?.startsWith('SUV') && finite(v.max)) return `max ${v.max.toFixed(1)}`;
  return undefined;
}

/** How the tagged measurement saw its lesion, in a few words. */
function cellText(m: Measurement): string {
  const tag = m.lesion!;
  const presence = tag.presence ?? 'measured';
  if (presence === 'disappeared') return 'gone';
  if (presence === 'NE') return 'NE';
  const words: string[] = [];
  const size = presence === 'too-small' ? 'too small' : sizeText(m);
  if (size) words.push(size);
  if (tag.status) words.push(tag.status.replace(/-/g, ' '));
  if (tag.equivocal) words.push('equivocal');
  return words.join(', ') || 'present';
}

/**
 * The lesion table of an assessment: rows from the tags themselves (so that a tagging mistake
 * still shows, in its cell, when the response cannot be computed), targets then non-targets then
 * new lesions by id; columns from the time points, with the evaluation's sums and categories.
 */
export function tabulateLesions(timePoints: readonly AssessmentTimePoint[], response: LiveResponse): LesionTable {
  const rows = new Map<string, LesionRow>();
  timePoints.forEach((tp, t) => {
    for (const m of tp.measurements) {
      const tag = m.lesion;
      if (!tag) continue;
      let row = rows.get(tag.id);
      if (!row) {
        row = { id: tag.id, kind: tag.kind, organ: tag.organ, isLymphNode: !!tag.isLymphNode, cells: timePoints.map(() => ({ measurements: [], text: '—', counted: null })) };
        rows.set(tag.id, row);
      }
      const cell = row.cells[t];
      cell.measurements.push(m);
      if (m.algorithm) cell.proposedBy ??= m.algorithm;
      if (cell.measurements.length > 1) {
        cell.problem = `tagged twice here (measurements ${cell.measurements.map((x) => x.id).join(', ')}): keep one`;
        cell.text = cell.measurements.map(cellText).join(' / ');
      } else {
        cell.text = cellText(m);
        if (tag.kind !== row.kind || tag.organ !== row.organ) cell.problem = `tagged ${tag.kind} in ${tag.organ} here, ${row.kind} in ${row.organ} before`;
      }
    }
  });
  for (const row of rows.values()) {
    const first = row.cells.findIndex((c) => c.measurements.length > 0);
    if (first > 0 && row.kind !== 'new') {
      row.cells[first].problem ??= `a ${row.kind} first tagged at a follow-up: targets and non-targets are chosen at baseline; tag it at baseline too, or tag it 'new'`;
    }
  }
  const sorted = [...rows.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id, undefined, { numeric: true }));

  const baselineIso = timePoints[0]?.dateIso ?? '';
  const columns: TimePointColumn[] = timePoints.map((tp, t) => ({
    studyUid: tp.studyUid, dateIso: tp.dateIso, label: t === 0 ? 'BL' : `FU${t}`, interval: intervalFromBaseline(baselineIso, tp.dateIso), firings: [],
  }));
  const table: LesionTable = { columns, rows: sorted, issues: [], error: response.error };
  const { input, outcome } = response;
  if (!input || !outcome) return table;

  const { evaluation } = outcome;
  const measure = reportMeasure(evaluation.criterion);
  table.measureLabel = measure.label;
  table.unit = evaluation.baseline.unit;
  table.best = outcome.bestOverallResponse;
  table.issues = evaluation.issues;
  columns[0].measure = evaluation.baseline;
  for (const tp of evaluation.timePoints) {
    Object.assign(columns[tp.index], {
      measure: tp.measure, category: tp.category, target: tp.target, nonTarget: tp.nonTarget, newLesions: tp.newLesions, firings: tp.firings,
    });
  }
  for (const lesion of input.lesions) {
    const row = rows.get(lesion.id);
    row?.cells.forEach((cell, t) => { cell.counted = measure.valueAt(lesion, t); });
  }
  return table;
}
