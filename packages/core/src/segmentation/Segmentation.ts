import { VoxaError } from '../errors/VoxaError.ts';
import type { Mat4 } from '../math/Mat4.ts';
import type { Dims3 } from '../math/Vec3.ts';
import { SEGMENT_CATEGORY, SEGMENT_TYPE } from './CodedConcept.ts';
import type { Segment } from './Segment.ts';

/**
 * Segments on one voxel grid. Voxels live in label layers (one uint8 label map each, on the grid
 * below): a segment owns the voxels of its layer that hold its value. Segments that must overlap
 * (a lesion inside an organ) live in different layers; within a layer they are exclusive.
 */
export interface Segmentation {
  dimensions: Dims3;
  /** Voxel index → patient LPS mm (column-major), as for volumes. */
  indexToWorld: Mat4;
  layers: Uint8Array[];
  segments: Segment[];
  /** Series Description / Content Label. */
  label: string;
  frameOfReferenceUid?: string;
  /** The image series segmented, and its instances by slice index k where known. */
  referencedSeriesUid?: string;
  referencedInstances?: { sopClassUid: string; sopInstanceUid: string }[];
}

/** Options of `createSegmentation`. */
export interface CreateSegmentationOptions {
  dimensions: Dims3;
  indexToWorld: Mat4;
  label?: string;
  frameOfReferenceUid?: string;
  referencedSeriesUid?: string;
}

/** An empty segmentation (no layers, no segments) on a grid, usually the image's. */
export function createSegmentation(o: CreateSegmentationOptions): Segmentation {
  const [nx, ny, nz] = o.dimensions;
  if (![nx, ny, nz].every((d) => Number.isInteger(d) && d >= 1)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `segmentation dimensions ${o.dimensions.join('×')} must be positive integers`);
  }
  return {
    dimensions: [nx, ny, nz],
    indexToWorld: o.indexToWorld.slice(),
    layers: [],
    segments: [],
    label: o.label ?? 'Segmentation',
    frameOfReferenceUid: o.frameOfReferenceUid,
    referencedSeriesUid: o.referencedSeriesUid,
  };
}

/** Voxels per layer. */
export function segmentationVoxelCount(s: Segmentation): number {
  return s.dimensions[0] * s.dimensions[1] * s.dimensions[2];
}

/** What `addSegment` needs; everything else has defaults. */
export type NewSegment = Partial<Omit<Segment, 'number' | 'layer' | 'value'>> & { label: string };

/** Where a new segment goes: the first layer with a free value, a given layer, or a new layer. */
export type SegmentPlacement = 'any' | 'new-layer' | number;

/**
 * Add an empty segment and return it. Numbers are max + 1; the layer is chosen by `placement`
 * (default 'any'); review starts as 'proposal' for automatic and semi-automatic segments,
 * 'draft' for manual ones.
 */
export function addSegment(s: Segmentation, init: NewSegment, placement: SegmentPlacement = 'any'): Segment {
  const layer = placeLayer(s, placement);
  const used = new Set(s.segments.filter((g) => g.layer === layer).map((g) => g.value));
  let value = 1;
  while (used.has(value)) value++;
  if (value > 255) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { layer }, 'the layer already holds 255 segments');
  const algorithmType = init.algorithmType ?? 'MANUAL';
  const segment: Segment = {
    color: [128, 174, 128],
    category: SEGMENT_CATEGORY.tissue,
    type: SEGMENT_TYPE.tissue,
    algorithmType,
    review: { status: algorithmType === 'MANUAL' ? 'draft' : 'proposal' },
    visible: true,
    locked: false,
    opacity: 1,
    ...init,
    number: s.segments.reduce((m, g) => Math.max(m, g.number), 0) + 1,
    layer,
    value,
  };
  s.segments.push(segment);
  return segment;
}

function placeLayer(s: Segmentation, placement: SegmentPlacement): number {
  if (typeof placement === 'number') {
    if (!Number.isInteger(placement) || placement < 0 || placement > s.layers.length) {
      throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { layer: placement }, `layer must be 0 … ${s.layers.length}`);
    }
    if (placement === s.layers.length) s.layers.push(new Uint8Array(segmentationVoxelCount(s)));
    return placement;
  }
  if (placement === 'any') {
    for (let l = 0; l < s.layers.length; l++) if (s.segments.filter((g) => g.layer === l).length < 255) return l;
  }
  s.layers.push(new Uint8Array(segmentationVoxelCount(s)));
  return s.layers.length - 1;
}

/**
 * The first layer where a new segment with this mask would take no other segment's voxels and
 * still has a free value; `s.layers.length` (a new layer) when there is none. For results that
 * must not eat into what is there (a lesion inside an organ, a threshold over several organs).
 */
export function layerWithoutOverlap(s: Segmentation, mask: ArrayLike<number>): number {
  for (let l = 0; l < s.layers.length; l++) {
    if (s.segments.filter((g) => g.layer === l).length >= 255) continue;
    const a = s.layers[l];
    let overlap = false;
    for (let n = 0; n < a.length; n++) {
      if (a[n] !== 0 && mask[n] !== 0) { overlap = true; break; }
    }
    if (!overlap) return l;
  }
  return s.layers.length;
}

/** The segment with this number; throws a clear error when there is none. */
export function getSegment(s: Segmentation, number: number): Segment {
  const g = s.segments.find((x) => x.number === number);
  if (!g) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { segment: number }, `no segment ${number} (have ${s.segments.map((x) => x.number).join(', ') || 'none'})`);
  return g;
}

/** Remove a segment and clear its voxels. */
export function removeSegment(s: Segmentation, number: number): void {
  const g = getSegment(s, number);
  const a = s.layers[g.layer];
  for (let n = 0; n < a.length; n++) if (a[n] === g.value) a[n] = 0;
  s.segments.splice(s.segments.indexOf(g), 1);
}

/** The segment as a 0/1 mask (written into `out` when given). */
export function segmentMask(s: Segmentation, number: number, out?: Uint8Array): Uint8Array {
  const g = getSegment(s, number);
  const a = s.layers[g.layer];
  const m = out ?? new Uint8Array(a.length);
  const v = g.value;
  for (let n = 0; n < a.length; n++) m[n] = a[n] === v ? 1 : 0;
  return m;
}

/** How a mask is written into a segment. */
export type MaskMode = 'replace' | 'add' | 'remove';

/** Options of `writeSegmentMask`. */
export interface WriteMaskOptions {
  /** 'replace' (default): the segment becomes the mask; 'add': union; 'remove': the mask is erased. */
  mode?: MaskMode;
  /** Paint over other segments of the same layer (default true). False leaves their voxels alone. */
  overwrite?: boolean;
}

/**
 * Write a 0/non-zero mask into a segment's layer. Locked segments of the layer are never
 * overwritten. Returns the number of voxels that changed.
 */
export function writeSegmentMask(s: Segmentation, number: number, mask: ArrayLike<number>, options: WriteMaskOptions = {}): number {
  const g = getSegment(s, number);
  const a = s.layers[g.layer];
  if (mask.length !== a.length) {
    throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { segment: number }, `mask has ${mask.length} voxels, the segmentation ${a.length}`);
  }
  const mode = options.mode ?? 'replace';
  const overwrite = options.overwrite ?? true;
  const locked = new Uint8Array(256);
  for (const o of s.segments) if (o.layer === g.layer && o.locked && o.number !== g.number) locked[o.value] = 1;
  const v = g.value;
  let changed = 0;
  for (let n = 0; n < a.length; n++) {
    const cur = a[n];
    const inside = mask[n] !== 0;
    let next = cur;
    if (mode === 'remove') {
      if (inside && cur === v) next = 0;
    } else if (inside) {
      if (cur !== v && (cur === 0 || (overwrite && !locked[cur]))) next = v;
    } else if (mode === 'replace' && cur === v) next = 0;
    if (next !== cur) {
      a[n] = next;
      changed++;
    }
  }
  return changed;
}

/** Voxels of a segment. */
export function segmentVoxelCount(s: Segmentation, number: number): number {
  const g = getSegment(s, number);
  const a = s.layers[g.layer];
  let c = 0;
  for (let n = 0; n < a.length; n++) if (a[n] === g.value) c++;
  return c;
}
