import { VoxaError } from '../../errors/VoxaError.ts';
import type { CodedConcept } from '../CodedConcept.ts';
import type { Segment } from '../Segment.ts';

/** One segment of a label-map file: where its voxels are (volume `layer`, value `value`) and what it is. */
export interface LabelTableEntry extends Pick<Segment,
  'label' | 'description' | 'color' | 'category' | 'type' | 'typeModifier' | 'anatomicRegion' | 'algorithmType' | 'algorithmName' | 'algorithmVersion' | 'review'> {
  segmentNumber: number;
  /** Index of the label volume (file) holding it. */
  layer: number;
  /** Its voxel value in that volume (1–65535). */
  value: number;
}

/**
 * The label table that goes with label-map files (`<name>.labels.json`): JSON-serialisable, one
 * entry per segment. Label volumes alone carry values only; the table carries names, colours,
 * codes, algorithm and review.
 */
export interface LabelTable {
  format: 'voxa-label-table';
  version: 1;
  /** The segmentation's label (Series Description). */
  label: string;
  frameOfReferenceUid?: string;
  referencedSeriesUid?: string;
  segments: LabelTableEntry[];
}

/** Identifies a label table JSON document. */
export const LABEL_TABLE_FORMAT = 'voxa-label-table';

const ALGORITHM_TYPES = new Set(['MANUAL', 'SEMIAUTOMATIC', 'AUTOMATIC']);
const REVIEW_STATES = new Set(['draft', 'proposal', 'reviewed', 'rejected']);

/**
 * Check a parsed JSON document is a label table and return it typed. Throws VOXA_ERR_BAD_ARGUMENT
 * naming the first wrong field (`file` says which document).
 */
export function parseLabelTable(json: unknown, file = ''): LabelTable {
  const bad = (path: string, expected: string): never => {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file, field: path }, `label table: expected ${expected}`);
  };
  const t = json as Partial<LabelTable>;
  if (!t || typeof t !== 'object') bad('(document)', 'a JSON object');
  if (t.format !== LABEL_TABLE_FORMAT) bad('format', `"${LABEL_TABLE_FORMAT}"`);
  if (t.version !== 1) bad('version', '1');
  if (!Array.isArray(t.segments)) bad('segments', 'an array');
  const numbers = new Set<number>(), places = new Set<string>();
  t.segments!.forEach((e, n) => {
    const at = `segments[${n}]`;
    if (!Number.isInteger(e?.segmentNumber) || e.segmentNumber < 1 || e.segmentNumber > 65535) bad(`${at}.segmentNumber`, 'an integer 1–65535');
    if (numbers.has(e.segmentNumber)) bad(`${at}.segmentNumber`, `a number not used twice (${e.segmentNumber})`);
    if (!Number.isInteger(e.layer) || e.layer < 0) bad(`${at}.layer`, 'an integer ≥ 0');
    if (!Number.isInteger(e.value) || e.value < 1 || e.value > 65535) bad(`${at}.value`, 'an integer 1–65535');
    if (places.has(`${e.layer}/${e.value}`)) bad(`${at}.value`, `a (layer, value) pair not used twice (${e.layer}, ${e.value})`);
    if (typeof e.label !== 'string') bad(`${at}.label`, 'a string');
    if (!Array.isArray(e.color) || e.color.length !== 3 || !e.color.every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) bad(`${at}.color`, 'three integers 0–255');
    for (const key of ['category', 'type'] as const) if (!isConcept(e[key])) bad(`${at}.${key}`, 'a code {value, scheme, meaning}');
    for (const key of ['typeModifier', 'anatomicRegion'] as const) if (e[key] !== undefined && !isConcept(e[key])) bad(`${at}.${key}`, 'a code {value, scheme, meaning}');
    if (!ALGORITHM_TYPES.has(e.algorithmType)) bad(`${at}.algorithmType`, 'MANUAL, SEMIAUTOMATIC or AUTOMATIC');
    if (!e.review || !REVIEW_STATES.has(e.review.status)) bad(`${at}.review.status`, 'draft, proposal, reviewed or rejected');
    numbers.add(e.segmentNumber);
    places.add(`${e.layer}/${e.value}`);
  });
  return t as LabelTable;
}

function isConcept(c: unknown): c is CodedConcept {
  const x = c as CodedConcept;
  return !!x && typeof x.value === 'string' && typeof x.scheme === 'string' && typeof x.meaning === 'string';
}
