import { randomUid } from '../../dicom/write/randomUid.ts';
import { studyContextAttributes } from '../../dicom/write/studyContextAttributes.ts';
import { type NaturalDataset, writePart10 } from '../../dicom/write/writePart10.ts';
import { VoxaError } from '../../errors/VoxaError.ts';
import type { CodedConcept } from '../CodedConcept.ts';
import type { Segmentation } from '../Segmentation.ts';
import { SEGMENTATION_STORAGE } from './segConstants.ts';
import { segFunctionalGroups } from './segFunctionalGroups.ts';
import { segmentSequenceItem } from './segmentSequenceItem.ts';
import { type SegmentFractionValues, segPixelFrames } from './segPixelFrames.ts';
import type { SegSourceImage } from './SegSourceImage.ts';

/** Options of {@link writeDicomSeg}. */
export interface WriteDicomSegOptions {
  /** BINARY (1 bit per pixel, default) or FRACTIONAL (8 bits, 0 … maxFractionalValue). */
  type?: 'BINARY' | 'FRACTIONAL';
  /**
   * FRACTIONAL: per-voxel values by segment number (floats 0–1 are scaled to maxFractionalValue;
   * bytes are taken as they are). A segment without them is written from its mask (0 or max).
   */
  fractions?: ReadonlyMap<number, SegmentFractionValues>;
  /** Segmentation Fractional Type (default PROBABILITY). */
  fractionalType?: 'PROBABILITY' | 'OCCUPANCY';
  /** Maximum Fractional Value (default 255). */
  maxFractionalValue?: number;
  /** Also write the frames of slices where a segment has no voxel (default false). */
  keepEmptyFrames?: boolean;
  /** New UIDs are made unless given. */
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  seriesNumber?: number;
  instanceNumber?: number;
  /** Series Description (default: the segmentation's label). */
  seriesDescription?: string;
  /** Content Label (CS: upper case, digits, '_' and space, ≤ 16; default: from the label). */
  contentLabel?: string;
  contentDescription?: string;
  /** Content Creator's Name (PN, e.g. 'Doe^Jane'). */
  contentCreatorName?: string;
  /** Content and series date/time (default: now). */
  date?: Date;
  /** Enhanced General Equipment (PS3.3 C.7.5.2). */
  manufacturer?: string;
  manufacturerModelName?: string;
  deviceSerialNumber?: string;
  softwareVersions?: string;
  /** Algorithm family for segments with an algorithm version (default: by algorithm type). */
  algorithmFamily?: CodedConcept;
}

/** Defaults of {@link WriteDicomSegOptions}. */
export const WRITE_DICOM_SEG_DEFAULTS = {
  type: 'BINARY',
  fractionalType: 'PROBABILITY',
  maxFractionalValue: 255,
  keepEmptyFrames: false,
  seriesNumber: 300,
  instanceNumber: 1,
  manufacturer: 'Voxa',
  manufacturerModelName: 'Voxa',
  deviceSerialNumber: '0',
  softwareVersions: '0.1.0',
} as const satisfies WriteDicomSegOptions;

/**
 * Encode a segmentation as a DICOM Segmentation (PS3.3 A.51, Segmentation Storage) Part 10 file in
 * Explicit VR Little Endian, referencing the source image series: one frame per segment and slice
 * that holds it, Segment Numbers 1…n in the order of the model's numbers (gaps are closed), new
 * series/instance UIDs unless given. The segmentation must be on the source grid: one source image
 * per slice, and `source.grid` (when given) equal to the segmentation's.
 *
 * @example const bytes = writeDicomSeg(seg, segSourceFromSlices(plan.slices[0], header, plan));
 */
export function writeDicomSeg(s: Segmentation, source: SegSourceImage, options: WriteDicomSegOptions = {}): Uint8Array {
  return writePart10(dicomSegDataset(s, source, options));
}

/** The data set {@link writeDicomSeg} encodes, in dcmjs natural form. */
export function dicomSegDataset(s: Segmentation, source: SegSourceImage, options: WriteDicomSegOptions = {}): NaturalDataset {
  const o = { ...WRITE_DICOM_SEG_DEFAULTS, ...options };
  checkSource(s, source);
  if (!s.segments.length) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'the segmentation has no segments: a SEG needs at least one');
  const fractional = o.type === 'FRACTIONAL';
  if (fractional && !(Number.isInteger(o.maxFractionalValue) && o.maxFractionalValue >= 1 && o.maxFractionalValue <= 255)) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `maxFractionalValue ${o.maxFractionalValue}: expected an integer 1–255`);
  }
  const written = [...s.segments].sort((a, b) => a.number - b.number).map((segment, n) => ({ segment, number: n + 1 }));
  const { frames, pixelData } = segPixelFrames(s, written, {
    fractional, maxFractionalValue: o.maxFractionalValue, fractions: o.fractions, keepEmptyFrames: o.keepEmptyFrames,
  });
  const seriesUid = o.seriesInstanceUid ?? randomUid('seg/series');
  const sopUid = o.sopInstanceUid ?? randomUid('seg/instance');
  const date = o.date ?? new Date();
  const da = dicomDate(date), tm = dicomTime(date);
  const [nx, ny] = s.dimensions;
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    ImageType: ['DERIVED', 'PRIMARY'],
    SOPClassUID: SEGMENTATION_STORAGE,
    SOPInstanceUID: sopUid,
    ...studyContextAttributes(source),
    SeriesDate: da,
    ContentDate: da,
    SeriesTime: tm,
    ContentTime: tm,
    Modality: 'SEG',
    Manufacturer: o.manufacturer,
    SeriesDescription: (o.seriesDescription ?? s.label).slice(0, 64),
    ManufacturerModelName: o.manufacturerModelName,
    ReferencedSeriesSequence: [{
      ReferencedInstanceSequence: uniqueInstances(source).map((i) => ({ ReferencedSOPClassUID: i.sopClassUid, ReferencedSOPInstanceUID: i.sopInstanceUid })),
      SeriesInstanceUID: source.seriesInstanceUid,
    }],
    DeviceSerialNumber: o.deviceSerialNumber,
    SoftwareVersions: o.softwareVersions,
    SeriesInstanceUID: seriesUid,
    SeriesNumber: o.seriesNumber,
    InstanceNumber: o.instanceNumber,
    FrameOfReferenceUID: source.frameOfReferenceUid,
    PositionReferenceIndicator: '',
    ...segFunctionalGroups(s, frames, source.instances, randomUid('seg/dimension-organization')),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    NumberOfFrames: frames.length,
    Rows: ny,
    Columns: nx,
    BitsAllocated: fractional ? 8 : 1,
    BitsStored: fractional ? 8 : 1,
    HighBit: fractional ? 7 : 0,
    PixelRepresentation: 0,
    LossyImageCompression: '00',
    SegmentationType: fractional ? 'FRACTIONAL' : 'BINARY',
    ...(fractional ? { SegmentationFractionalType: o.fractionalType, MaximumFractionalValue: o.maxFractionalValue } : {}),
    SegmentSequence: written.map(({ segment, number }) => segmentSequenceItem(segment, number, o.algorithmFamily)),
    SegmentsOverlap: segmentsOverlap(s) ? 'YES' : 'NO',
    ContentLabel: contentLabel(o.contentLabel ?? s.label),
    ContentDescription: (o.contentDescription ?? s.label).slice(0, 64),
    ContentCreatorName: o.contentCreatorName ?? '',
    PixelData: [pixelData.buffer.slice(pixelData.byteOffset, pixelData.byteOffset + pixelData.byteLength)],
    _vrMap: { PixelData: 'OB' },
  };
}

function checkSource(s: Segmentation, source: SegSourceImage): void {
  const [nx, ny, nz] = s.dimensions;
  if (source.instances.length !== nz) {
    throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { uid: source.seriesInstanceUid }, `the segmentation has ${nz} slices, the source series ${source.instances.length} images`);
  }
  const g = source.grid;
  if (!g) return;
  const [gx, gy, gz] = g.dimensions;
  if (gx !== nx || gy !== ny || gz !== nz) {
    throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { uid: source.seriesInstanceUid }, `segmentation ${nx}×${ny}×${nz}, source series ${gx}×${gy}×${gz}`);
  }
  // 1 µm, or a thousandth of a voxel step: DS rounding of the source's geometry stays below it.
  for (let c = 0; c < 4; c++) {
    for (let r = 0; r < 3; r++) {
      const d = Math.abs(s.indexToWorld[4 * c + r] - g.indexToWorld[4 * c + r]);
      if (d > 1e-3) {
        throw new VoxaError('VOXA_ERR_GRID_MISMATCH', { uid: source.seriesInstanceUid },
          `segmentation indexToWorld [${Array.from(s.indexToWorld).map((x) => +x.toFixed(4)).join(', ')}] differs from the source series' [${Array.from(g.indexToWorld).map((x) => +x.toFixed(4)).join(', ')}]`);
      }
    }
  }
}

/** True when two segments share a voxel (they are in different layers then). */
function segmentsOverlap(s: Segmentation): boolean {
  if (s.layers.length < 2) return false;
  const used = new Set(s.segments.map((g) => g.layer));
  const active = s.layers.filter((_, l) => used.has(l));
  if (active.length < 2) return false;
  const n = active[0].length;
  for (let v = 0; v < n; v++) {
    let count = 0;
    for (const a of active) if (a[v] !== 0 && ++count > 1) return true;
  }
  return false;
}

/** The source images once each (a multi-frame source is one instance for many slices). */
function uniqueInstances(source: SegSourceImage): SegSourceImage['instances'] {
  const byUid = new Map(source.instances.map((i) => [i.sopInstanceUid, i]));
  return [...byUid.values()];
}

/** A Content Label (CS, PS3.5 6.2): upper case, digits, space and '_', at most 16 characters. */
function contentLabel(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9_ ]/g, '_').slice(0, 16).trim() || 'SEGMENTATION';
}


const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function dicomDate(d: Date): string {
  return `${pad(d.getFullYear(), 4)}${pad(d.getMonth() + 1, 2)}${pad(d.getDate(), 2)}`;
}

function dicomTime(d: Date): string {
  return `${pad(d.getHours(), 2)}${pad(d.getMinutes(), 2)}${pad(d.getSeconds(), 2)}`;
}
