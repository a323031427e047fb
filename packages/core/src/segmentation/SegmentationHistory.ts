import { VoxaError } from '../errors/VoxaError.ts';
import type { Segment } from './Segment.ts';
import type { Segmentation } from './Segmentation.ts';

/** An index box [lo, hi] inclusive per axis, limiting what an edit may touch. */
export interface VoxelBox {
  lo: [number, number, number];
  hi: [number, number, number];
}

/** The changed voxels of one layer: indices with their values before and after. */
interface LayerChange {
  layer: number;
  indices: Uint32Array;
  before: Uint8Array;
  after: Uint8Array;
}

/** One undoable edit. */
export interface SegmentationEdit {
  label: string;
  changes: LayerChange[];
  layersBefore: number;
  layersAfter: number;
  segmentsBefore: Segment[];
  segmentsAfter: Segment[];
}

/** Options of the history. */
export interface SegmentationHistoryOptions {
  /** Most edits kept (default 100). */
  limit?: number;
  /** Most bytes of diffs kept (default 256 MiB); the oldest edits are dropped first. */
  maxBytes?: number;
}

const cloneSegments = (s: Segment[]): Segment[] => s.map((g) => structuredClone(g));

/**
 * Undo/redo for a segmentation. An edit snapshots the existing layers (inside `box` when given,
 * so a brush stroke copies only its neighbourhood), runs the mutation, and keeps only the voxels
 * that changed plus the segment list before and after. Layers the edit adds are recorded whole
 * (as changes from zero) and removed again on undo.
 *
 * @example history.edit('paint', () => writeSegmentMask(seg, 1, mask, { mode: 'add' }));
 */
export class SegmentationHistory {
  private readonly done: SegmentationEdit[] = [];
  private readonly undone: SegmentationEdit[] = [];
  private readonly limit: number;
  private readonly maxBytes: number;

  constructor(readonly segmentation: Segmentation, options: SegmentationHistoryOptions = {}) {
    this.limit = options.limit ?? 100;
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  }

  get canUndo(): boolean { return this.done.length > 0; }
  get canRedo(): boolean { return this.undone.length > 0; }
  /** Labels of the edits that undo would revert, newest last. */
  get labels(): string[] { return this.done.map((e) => e.label); }

  /** Run `mutate` as one undoable edit; returns what it returned. Nothing is recorded when nothing changed. */
  edit<T>(label: string, mutate: () => T, box?: VoxelBox): T {
    this.begin(label, box);
    try {
      return mutate();
    } finally {
      this.commit();
    }
  }

  /**
   * Start an edit made of many changes (a brush stroke): snapshots now, records at `commit`.
   * `box`, when given, must contain every voxel the edit will change.
   */
  begin(label: string, box?: VoxelBox): void {
    const s = this.segmentation;
    const region = boxIndices(s, box);
    this.pending = { label, region, layersBefore: s.layers.length, snapshots: s.layers.map((a) => gather(a, region)), segmentsBefore: cloneSegments(s.segments) };
  }

  /** Record the edit begun last (nothing when nothing changed). */
  commit(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    const s = this.segmentation;
    const changes: LayerChange[] = [];
    for (let l = 0; l < Math.min(p.layersBefore, s.layers.length); l++) {
      const c = diff(s.layers[l], p.snapshots[l], p.region, l);
      if (c) changes.push(c);
    }
    for (let l = p.layersBefore; l < s.layers.length; l++) {
      const c = diff(s.layers[l], null, null, l);
      if (c) changes.push(c);
    }
    // Layers the edit dropped: their voxels went to zero.
    for (let l = s.layers.length; l < p.layersBefore; l++) {
      const c = diff(new Uint8Array(s.layers.length ? s.layers[0].length : p.snapshots[l].length), p.snapshots[l], p.region, l);
      if (c) changes.push(c);
    }
    const segmentsAfter = cloneSegments(s.segments);
    if (changes.length === 0 && s.layers.length === p.layersBefore && JSON.stringify(p.segmentsBefore) === JSON.stringify(segmentsAfter)) return;
    this.done.push({ label: p.label, changes, layersBefore: p.layersBefore, layersAfter: s.layers.length, segmentsBefore: p.segmentsBefore, segmentsAfter });
    this.undone.length = 0;
    this.trim();
  }

  private pending?: { label: string; region: Uint32Array | null; layersBefore: number; snapshots: Uint8Array[]; segmentsBefore: Segment[] };

  /** Revert the newest edit; returns its label (undefined when there is none). */
  undo(): string | undefined {
    const e = this.done.pop();
    if (!e) return undefined;
    this.restore(e, 'before');
    this.undone.push(e);
    return e.label;
  }

  /** Re-apply the newest undone edit; returns its label. */
  redo(): string | undefined {
    const e = this.undone.pop();
    if (!e) return undefined;
    this.restore(e, 'after');
    this.done.push(e);
    return e.label;
  }

  /** Put the layers and segments as they were before or after an edit. */
  private restore(e: SegmentationEdit, side: 'before' | 'after'): void {
    const s = this.segmentation;
    const layers = side === 'before' ? e.layersBefore : e.layersAfter;
    const n = s.dimensions[0] * s.dimensions[1] * s.dimensions[2];
    while (s.layers.length < layers) s.layers.push(new Uint8Array(n));
    for (const c of e.changes) if (c.layer < layers) scatter(s.layers[c.layer], c.indices, c[side]);
    s.layers.length = layers;
    s.segments = cloneSegments(side === 'before' ? e.segmentsBefore : e.segmentsAfter);
  }

  /** Forget everything (after loading a new segmentation, for example). */
  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
  }

  private trim(): void {
    const bytes = (e: SegmentationEdit) => e.changes.reduce((t, c) => t + c.indices.byteLength + 2 * c.before.byteLength, 0);
    let total = this.done.reduce((t, e) => t + bytes(e), 0);
    while (this.done.length > 1 && (this.done.length > this.limit || total > this.maxBytes)) total -= bytes(this.done.shift()!);
  }
}

/** Linear indices inside the box, or null for the whole grid. */
function boxIndices(s: Segmentation, box: VoxelBox | undefined): Uint32Array | null {
  if (!box) return null;
  const [nx, ny, nz] = s.dimensions;
  const lo = box.lo.map((v) => Math.max(0, Math.floor(v))) as [number, number, number];
  const hi = box.hi.map((v, a) => Math.min([nx, ny, nz][a] - 1, Math.ceil(v))) as [number, number, number];
  if (lo.some((v, a) => v > hi[a])) return new Uint32Array(0);
  const out = new Uint32Array((hi[0] - lo[0] + 1) * (hi[1] - lo[1] + 1) * (hi[2] - lo[2] + 1));
  let n = 0;
  for (let k = lo[2]; k <= hi[2]; k++) {
    for (let j = lo[1]; j <= hi[1]; j++) {
      const row = nx * (j + ny * k);
      for (let i = lo[0]; i <= hi[0]; i++) out[n++] = row + i;
    }
  }
  if (n !== out.length) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'edit box indexing failed');
  return out;
}

function gather(a: Uint8Array, region: Uint32Array | null): Uint8Array {
  if (!region) return a.slice();
  const out = new Uint8Array(region.length);
  for (let n = 0; n < region.length; n++) out[n] = a[region[n]];
  return out;
}

function scatter(a: Uint8Array, indices: Uint32Array, values: Uint8Array): void {
  for (let n = 0; n < indices.length; n++) a[indices[n]] = values[n];
}

/** Voxels of `now` that differ from `before` (null: from zero over the whole layer). */
function diff(now: Uint8Array, before: Uint8Array | null, region: Uint32Array | null, layer: number): LayerChange | null {
  const count = region ? region.length : now.length;
  let changed = 0;
  for (let n = 0; n < count; n++) {
    const at = region ? region[n] : n;
    if (now[at] !== (before ? before[n] : 0)) changed++;
  }
  if (changed === 0) return null;
  const indices = new Uint32Array(changed);
  const b = new Uint8Array(changed);
  const a = new Uint8Array(changed);
  let m = 0;
  for (let n = 0; n < count; n++) {
    const at = region ? region[n] : n;
    const old = before ? before[n] : 0;
    if (now[at] !== old) {
      indices[m] = at;
      b[m] = old;
      a[m++] = now[at];
    }
  }
  return { layer, indices, before: b, after: a };
}
