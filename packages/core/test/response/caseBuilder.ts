import type { Lesion, LesionObservation, NonTargetStatus, ResponseInput, TimePoint } from '../../src/response/ResponseInput.ts';

/**
 * Small builders for hand-worked response cases: `weeks(0, 8, 16)` for the time points, and one
 * lesion per line with one cell per time point.
 */

/** A cell: a number is the lesion's RECIST diameter (short axis for nodes, else long axis). */
export type Cell = number | 'NE' | 'too-small' | 'gone' | null | LesionObservation;

const BASE_MS = Date.UTC(2024, 0, 1);

/** Time points at these weeks after 2024-01-01 (week 0 = baseline). */
export function weeks(...w: number[]): TimePoint[] {
  return w.map((x) => ({ dateIso: new Date(BASE_MS + x * 7 * 86_400_000).toISOString().slice(0, 10) }));
}

function cell(c: Cell, node: boolean): LesionObservation | null {
  if (c === null) return null;
  if (c === 'NE') return { presence: 'NE' };
  if (c === 'too-small') return { presence: 'too-small' };
  if (c === 'gone') return { presence: 'disappeared' };
  if (typeof c === 'number') return node ? { shortAxisMm: c } : { longAxisMm: c };
  return c;
}

/** A target lesion (non-nodal unless `node`). */
export function target(id: string, organ: string, cells: Cell[], node = false): Lesion {
  return { id, organ, kind: 'target', isLymphNode: node || undefined, observations: cells.map((c) => cell(c, node)) };
}

/** A target lymph node; numbers are short axes. */
export function node(id: string, cells: Cell[]): Lesion {
  return target(id, 'lymph node', cells, true);
}

/** A non-target lesion; strings are statuses, null = not assessed. */
export function nonTarget(id: string, organ: string, cells: (NonTargetStatus | null | LesionObservation)[], isNode = false): Lesion {
  return { id, organ, kind: 'non-target', isLymphNode: isNode || undefined, observations: cells.map((c) => (c === null ? null : typeof c === 'string' ? { status: c } : c)) };
}

/** A new lesion: null before it appears; 'yes' unequivocal, 'equivocal'; a number is its diameter. */
export function newLesion(id: string, organ: string, cells: ('yes' | 'equivocal' | 'gone' | number | null | LesionObservation)[], isNode = false): Lesion {
  const obs = (c: (typeof cells)[number]): LesionObservation | null => {
    if (c === null) return null;
    if (c === 'yes') return {};
    if (c === 'equivocal') return { equivocal: true };
    if (c === 'gone') return { presence: 'disappeared' };
    if (typeof c === 'number') return isNode ? { shortAxisMm: c } : { longAxisMm: c };
    return c;
  };
  return { id, organ, kind: 'new', isLymphNode: isNode || undefined, observations: cells.map(obs) };
}

/** Bidirectional measurement (long × short axis), for WHO, RANO and Lugano. */
export function bi(longAxisMm: number, shortAxisMm: number): LesionObservation {
  return { longAxisMm, shortAxisMm };
}

/** A patient: time points plus lesions. */
export function patient(timePoints: TimePoint[], ...lesions: Lesion[]): ResponseInput {
  return { timePoints, lesions };
}
