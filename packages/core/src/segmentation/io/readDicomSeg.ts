import type { DataSet } from 'dicom-parser';
import { DataSetReader } from '../../dicom/DataSetReader.ts';
import { parseDicom } from '../../dicom/parseDicom.ts';
import { defaultCodecRegistry, type CodecRegistry } from '../../dicom/pixel/CodecRegistry.ts';
import { decodeFrame } from '../../dicom/pixel/decodeFrame.ts';
import { frameBytes } from '../../dicom/pixel/frameBytes.ts';
import type { PixelDescription } from '../../dicom/pixel/PixelDescription.ts';
import { readPixelDescription } from '../../dicom/pixel/readPixelDescription.ts';
import { loadVrDictionary, needsVrDictionary } from '../../dicom/vrForTag.ts';
import { VoxaError } from '../../errors/VoxaError.ts';
import { createSegmentation } from '../Segmentation.ts';
import { type DicomSegmentation, READ_DICOM_SEG_DEFAULTS, type ReadDicomSegOptions, type SegmentFractions } from './DicomSegmentation.ts';
import { placeSegmentSlices, type SegmentSlice } from './placeSegmentSlices.ts';
import { readSegFrames, type SegFrame } from './readSegFrames.ts';
import { readSegmentDescription, type SegmentDescription } from './readSegmentDescription.ts';
import { LABEL_MAP_SEGMENTATION_STORAGE, SEGMENTATION_STORAGE, type SegmentationType } from './segConstants.ts';
import { gridFromFrames, gridOnReference } from './segGrid.ts';
import { type TextDecoding, textDecodingOf } from './textDecoding.ts';

/**
 * Read a DICOM Segmentation (PS3.3 A.51; BINARY, FRACTIONAL or LABELMAP) into a segmentation on a
 * voxel grid: the grid the frames span (sorted along the slice normal, spacing from the positions),
 * or `options.referenceGrid`. Segments keep their numbers and metadata; overlapping segments go to
 * separate layers. Throws VoxaError for a non-SEG, missing functional groups, frames that reference
 * unknown segments, or frames off the reference grid.
 *
 * @example const seg = await readDicomSeg(bytes, { file: 'liver.dcm' });
 */
export async function readDicomSeg(bytes: Uint8Array, options: ReadDicomSegOptions = {}): Promise<DicomSegmentation> {
  const file = options.file ?? '';
  if (needsVrDictionary(bytes)) await loadVrDictionary();
  const parsed = parseDicom(bytes, file);
  const ds = new DataSetReader(parsed.dataSet);
  const type = segmentationType(ds, file);
  const labelmap = type === 'LABELMAP';
  const desc = readPixelDescription(parsed.dataSet, { file, transferSyntaxUid: parsed.transferSyntaxUid });
  checkPixelFormat(desc, type, file);

  const warnings: string[] = [];
  const text = textDecodingOf(ds);
  const descriptions = readSegments(ds, file, warnings, text);
  const { frames, plane } = readSegFrames(ds, desc.numberOfFrames ?? 1, labelmap, file);
  const known = new Set(descriptions.map((d) => d.number));
  for (const f of frames) {
    if (f.segmentNumber !== undefined && !known.has(f.segmentNumber)) {
      throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0062,000B) ReferencedSegmentNumber', frame: f.index + 1 },
        `frame references segment ${f.segmentNumber}; the Segment Sequence describes ${[...known].join(', ') || 'none'}`);
    }
  }
  const placement = options.referenceGrid
    ? gridOnReference(frames, plane, desc.rows, desc.columns, options.referenceGrid, file)
    : gridFromFrames(frames, plane, desc.rows, desc.columns, file);

  const seg: DicomSegmentation = {
    ...createSegmentation({
      dimensions: placement.dimensions,
      indexToWorld: placement.indexToWorld,
      label: text(ds.str('x0008103e') || ds.str('x00700080')) || 'Segmentation',
      frameOfReferenceUid: ds.str('x00200052') || undefined,
      referencedSeriesUid: ds.item('x00081115')?.str('x0020000e') || undefined,
    }),
    segmentationType: type,
    sopInstanceUid: ds.str('x00080018'),
    seriesInstanceUid: ds.str('x0020000e'),
    studyInstanceUid: ds.str('x0020000d'),
    warnings,
  };
  const decoder = new FrameDecoder(parsed.dataSet, desc, options.codecs ?? defaultCodecRegistry());
  if (labelmap) {
    await readLabelmap(seg, descriptions, frames, placement.sliceOfFrame, decoder, ds.uint16('x00280120'), file);
  } else {
    const maxValue = type === 'FRACTIONAL' ? (ds.uint16('x0062000e') ?? 255) : 1;
    const threshold = options.threshold ?? READ_DICOM_SEG_DEFAULTS.threshold;
    // Pixel values at or above the cut are inside; never 0 (threshold 0 would otherwise take the whole grid).
    const cut = Math.max(1, Math.ceil(threshold * maxValue - 1e-9));
    const keep = type === 'FRACTIONAL' && (options.keepFractional ?? READ_DICOM_SEG_DEFAULTS.keepFractional);
    if (keep) seg.fractional = [];
    const fractionalType = ds.str('x00620010').toUpperCase() === 'OCCUPANCY' ? 'OCCUPANCY' : 'PROBABILITY';
    for (const d of descriptions) {
      const slices: SegmentSlice[] = [];
      const fractions: SegmentFractions | undefined = keep
        ? { segmentNumber: d.number, values: new Uint8Array(voxels(seg)), maxValue, fractionalType }
        : undefined;
      for (let n = 0; n < frames.length; n++) {
        if (frames[n].segmentNumber !== d.number) continue;
        const k = placement.sliceOfFrame[n];
        const pixels = await decoder.frame(frames[n].index);
        const mask = new Uint8Array(pixels.length);
        for (let p = 0; p < pixels.length; p++) mask[p] = pixels[p] >= cut ? 1 : 0;
        slices.push({ k, mask });
        if (fractions) keepMax(fractions.values, pixels, k * pixels.length);
      }
      const { background, ...segment } = d;
      const at = placeSegmentSlices(seg, slices);
      seg.segments.push({ ...segment, ...at });
      if (fractions) seg.fractional!.push(fractions);
    }
  }
  seg.referencedInstances = instancesBySlice(frames, placement.sliceOfFrame, placement.dimensions[2]);
  return seg;
}

function voxels(s: { dimensions: [number, number, number] }): number {
  return s.dimensions[0] * s.dimensions[1] * s.dimensions[2];
}

function keepMax(values: Uint8Array, pixels: ArrayLike<number>, base: number): void {
  for (let p = 0; p < pixels.length; p++) if (pixels[p] > values[base + p]) values[base + p] = pixels[p];
}

/** The SOP class says SEG and the Segmentation Type is one we read. */
function segmentationType(ds: DataSetReader, file: string): SegmentationType {
  const sopClass = ds.str('x00080016');
  if (sopClass !== SEGMENTATION_STORAGE && sopClass !== LABEL_MAP_SEGMENTATION_STORAGE) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0008,0016) SOPClassUID' },
      `not a DICOM SEG: SOP class ${sopClass || 'missing'}, modality ${ds.str('x00080060') || 'missing'}; expected ${SEGMENTATION_STORAGE} or ${LABEL_MAP_SEGMENTATION_STORAGE}`);
  }
  const type = ds.str('x00620001').toUpperCase();
  if (type !== 'BINARY' && type !== 'FRACTIONAL' && type !== 'LABELMAP') {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0062,0001) SegmentationType' }, `'${type}': expected BINARY, FRACTIONAL or LABELMAP`);
  }
  return type;
}

function checkPixelFormat(desc: PixelDescription, type: SegmentationType, file: string): void {
  const ok = type === 'BINARY' ? desc.bitsAllocated === 1 : type === 'FRACTIONAL' ? desc.bitsAllocated === 8 : desc.bitsAllocated === 8 || desc.bitsAllocated === 16;
  if (!ok || desc.samplesPerPixel !== 1) {
    throw new VoxaError('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT', { file, tag: '(0028,0100) BitsAllocated' },
      `${type} SEG with ${desc.bitsAllocated}-bit, ${desc.samplesPerPixel}-sample pixels; expected ${type === 'BINARY' ? '1' : type === 'FRACTIONAL' ? '8' : '8 or 16'}-bit, 1 sample`);
  }
}

function readSegments(ds: DataSetReader, file: string, warnings: string[], text: TextDecoding): SegmentDescription[] {
  if (!ds.item('x00620002')) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file, tag: '(0062,0002) SegmentSequence' });
  const out: SegmentDescription[] = [];
  for (let n = 0; ds.item('x00620002', n); n++) {
    const d = readSegmentDescription(ds.item('x00620002', n)!, n, warnings, text);
    if (out.some((o) => o.number === d.number)) {
      throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: '(0062,0004) SegmentNumber' }, `segment number ${d.number} appears twice`);
    }
    out.push(d);
  }
  return out;
}

/** LABELMAP: pixels hold segment numbers; background (padding value, segment 0, DCM 125040) is left 0. */
async function readLabelmap(
  seg: DicomSegmentation, descriptions: SegmentDescription[], frames: SegFrame[], sliceOfFrame: Int32Array,
  decoder: FrameDecoder, padding: number | undefined, file: string,
): Promise<void> {
  // -1: no segment has this value; 0: background; else layer << 8 | value.
  const lut = new Int32Array(65536).fill(-1);
  lut[0] = 0;
  if (padding !== undefined) lut[padding] = 0;
  let placed = 0;
  for (const d of descriptions) {
    const { background, ...segment } = d;
    if (background) {
      lut[d.number] = 0;
      continue;
    }
    const layer = Math.floor(placed / 255), value = (placed % 255) + 1;
    placed++;
    lut[d.number] = (layer << 8) | value;
    seg.segments.push({ ...segment, layer, value });
  }
  const layers = Math.ceil(placed / 255) || 1;
  while (seg.layers.length < layers) seg.layers.push(new Uint8Array(voxels(seg)));
  for (let n = 0; n < frames.length; n++) {
    const pixels = await decoder.frame(frames[n].index);
    const base = sliceOfFrame[n] * pixels.length;
    for (let p = 0; p < pixels.length; p++) {
      const code = lut[pixels[p]];
      if (code > 0) seg.layers[code >> 8][base + p] = code & 0xff;
      else if (code < 0) {
        throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, frame: frames[n].index + 1 },
          `pixel value ${pixels[p]} is not a segment number of the Segment Sequence (${descriptions.map((x) => x.number).join(', ')}) nor the Pixel Padding Value`);
      }
    }
  }
}

/** Referenced image per slice k, when every slice has one. */
function instancesBySlice(frames: SegFrame[], sliceOfFrame: Int32Array, nz: number): DicomSegmentation['referencedInstances'] {
  const out: { sopClassUid: string; sopInstanceUid: string }[] = new Array(nz);
  frames.forEach((f, n) => {
    if (f.source) out[sliceOfFrame[n]] = { sopClassUid: f.source.sopClassUid, sopInstanceUid: f.source.sopInstanceUid };
  });
  for (let k = 0; k < nz; k++) if (!out[k]) return undefined;
  return out;
}

/** Decodes frames to stored values; a PALETTE COLOR label map is read as indices, not colours. */
class FrameDecoder {
  private readonly desc: PixelDescription;

  constructor(private readonly dataSet: DataSet, desc: PixelDescription, private readonly codecs: CodecRegistry) {
    this.desc = desc.photometricInterpretation === 'PALETTE COLOR' ? { ...desc, photometricInterpretation: 'MONOCHROME2', palette: undefined } : desc;
  }

  async frame(index: number): Promise<Uint8Array | Uint16Array> {
    const decoded = await decodeFrame(frameBytes(this.dataSet, index, this.desc), this.desc, this.codecs);
    return decoded.pixels as Uint8Array | Uint16Array;
  }
}
