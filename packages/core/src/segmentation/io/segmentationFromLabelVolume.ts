import { VoxaError } from '../../errors/VoxaError.ts';
import type { Volume } from '../../volume/Volume.ts';
import { SEGMENT_CATEGORY, SEGMENT_TYPE } from '../CodedConcept.ts';
import type { Segment } from '../Segment.ts';
import { createSegmentation, type Segmentation } from '../Segmentation.ts';
import type { LabelTable, LabelTableEntry } from './LabelTable.ts';

/** Colours of labels the table does not name (Slicer's generic anatomy colours). */
const DEFAULT_COLORS: [number, number, number][] = [
  [128, 174, 128], [241, 214, 145], [177, 122, 101], [111, 184, 210], [216, 101, 79], [221, 130, 101],
  [144, 238, 144], [192, 104, 88], [220, 245, 20], [78, 63, 0], [255, 250, 220], [230, 220, 70],
];

/** Largest label value read (label files are integer; 16-bit covers every label map in use). */
const MAX_LABEL = 65535;

/**
 * Label volumes (one or several, on one grid: several become several layers) → a segmentation:
 * every distinct non-zero value is a segment. With a label table, segments take number, name,
 * colour, codes, algorithm and review from the entry of their (volume index, value); table entries
 * whose value does not occur become empty segments; an entry for a volume not given is an error. Without one, segments are numbered in order
 * of (volume, value) and named 'Label <value>'. Values 1–255 keep their value in the layer; larger
 * ones are renumbered into extra layers. Throws VOXA_ERR_GRID_MISMATCH when the volumes' grids
 * differ, VOXA_ERR_BAD_ARGUMENT for negative, fractional or RGB values.
 */
export function segmentationFromLabelVolume(input: Volume | Volume[], table?: LabelTable): Segmentation {
  const volumes = Array.isArray(input) ? input : [input];
  if (!volumes.length) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'no label volume given');
  const first = volumes[0];
  volumes.forEach((v, n) => checkVolume(v, first, n));
  const s = createSegmentation({
    dimensions: first.dimensions,
    indexToWorld: first.indexToWorld,
    label: table?.label ?? first.meta.seriesDescription ?? 'Segmentation',
    frameOfReferenceUid: table?.frameOfReferenceUid ?? first.meta.frameOfReferenceUid,
    referencedSeriesUid: table?.referencedSeriesUid ?? first.meta.seriesInstanceUid,
  });
  for (const e of table?.segments ?? []) {
    if (e.layer >= volumes.length) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { segment: e.segmentNumber },
        `the label table puts segment ${e.segmentNumber} (${e.label}) in layer ${e.layer}, but ${volumes.length} label volume(s) were given`);
    }
  }
  const entries = new Map((table?.segments ?? []).map((e) => [`${e.layer}/${e.value}`, e]));
  let nextNumber = (table?.segments ?? []).reduce((m, e) => Math.max(m, e.segmentNumber), 0) + 1;
  volumes.forEach((v, n) => {
    const values = new Set(distinctLabels(v, n));
    for (const e of table?.segments ?? []) if (e.layer === n) values.add(e.value);
    const sorted = [...values].sort((a, b) => a - b);
    const small = sorted.filter((x) => x <= 255), large = sorted.filter((x) => x > 255);
    const layer = s.layers.length;
    s.layers.push(copyLabels(v, small));
    for (const x of small) s.segments.push(segmentFor(entries.get(`${n}/${x}`), x, layer, x, () => nextNumber++));
    // Values above 255 go to further layers, 255 at a time, as 1…255 in the order of their value.
    for (let start = 0; start < large.length; start += 255) {
      const chunk = large.slice(start, start + 255);
      const extra = s.layers.length;
      s.layers.push(remapLabels(v, chunk));
      chunk.forEach((x, m) => s.segments.push(segmentFor(entries.get(`${n}/${x}`), x, extra, m + 1, () => nextNumber++)));
    }
  });
  return s;
}

function segmentFor(e: LabelTableEntry | undefined, fileValue: number, layer: number, value: number, next: () => number): Segment {
  if (!e) {
    return {
      number: next(), label: `Label ${fileValue}`, color: DEFAULT_COLORS[(fileValue - 1) % DEFAULT_COLORS.length],
      category: SEGMENT_CATEGORY.tissue, type: SEGMENT_TYPE.tissue, algorithmType: 'MANUAL', review: { status: 'draft' },
      layer, value, visible: true, locked: false, opacity: 1,
    };
  }
  const { segmentNumber, layer: _fileLayer, value: _fileValue, ...rest } = e;
  return {
    ...structuredClone(rest),
    number: segmentNumber, layer, value, visible: true, locked: false, opacity: 1,
  };
}

function checkVolume(v: Volume, first: Volume, n: number): void {
  if (v.components !== 1) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { volume: n }, 'a label volume must be scalar, not RGB');
  const same = v.dimensions.every((d, a) => d === first.dimensions[a]) && v.indexToWorld.every((x, i) => Math.abs(x - first.indexToWorld[i]) <= 1e-4);
  if (!same) {
    throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { volume: n }, `label volume ${n} (${v.dimensions.join('×')}) is not on the grid of volume 0 (${first.dimensions.join('×')})`);
  }
}

/** The distinct non-zero values of a label volume; they must be integers 0–65535. */
function distinctLabels(v: Volume, n: number): number[] {
  const seen = new Uint8Array(MAX_LABEL + 1);
  const a = v.voxels;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === 0) continue;
    if (!(x > 0 && x <= MAX_LABEL && Number.isInteger(x))) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { volume: n, voxel: i }, `label value ${x}: expected an integer 0–${MAX_LABEL}`);
    }
    seen[x] = 1;
  }
  const out: number[] = [];
  for (let x = 1; x <= MAX_LABEL; x++) if (seen[x]) out.push(x);
  return out;
}

/** The volume's values 1–255 as a layer (others 0). */
function copyLabels(v: Volume, keep: number[]): Uint8Array {
  const out = new Uint8Array(v.voxels.length);
  if (!keep.length) return out;
  const a = v.voxels;
  for (let i = 0; i < a.length; i++) if (a[i] <= 255) out[i] = a[i];
  return out;
}

/** The listed values, as 1, 2, … in their order, as a layer. */
function remapLabels(v: Volume, values: number[]): Uint8Array {
  const lut = new Map(values.map((x, m) => [x, m + 1]));
  const out = new Uint8Array(v.voxels.length);
  const a = v.voxels;
  for (let i = 0; i < a.length; i++) {
    const m = a[i] > 255 ? lut.get(a[i]) : undefined;
    if (m) out[i] = m;
  }
  return out;
}
