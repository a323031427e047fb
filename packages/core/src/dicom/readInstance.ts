import { cross, type Vec3 } from '../math/Vec3.ts';
import { VoxaError } from '../errors/VoxaError.ts';
import type { InstanceInfo, PetAttributes, SliceRef } from './InstanceInfo.ts';
import type { ParsedDicom } from './parseDicom.ts';
import type { AttributeReader } from './AttributeReader.ts';
import { DataSetReader } from './DataSetReader.ts';
import { PIXEL_DATA_TAGS, pixelDescriptionOf, type PixelDataTag } from './pixel/readPixelDescription.ts';
import { checkPlaneGeometry, firstPositive, positiveSpacing } from './checkGeometry.ts';
import { csaNumber, csaNumbers, parseSiemensCsa } from './siemensCsa.ts';
import { TS } from './pixel/PixelDescription.ts';

const LOSSY_TS = new Set<string>([TS.JPEGBaseline, TS.JPEGExtended, TS.JPEGLSNearLossless, TS.JPEG2000, TS.HTJ2K]);

/** What {@link readInstanceFrom} needs to know besides the attributes: facts of the encoding. */
export interface InstanceEncoding {
  file: string;
  transferSyntaxUid: string;
  /** The element that holds the frames; undefined when the object has none. */
  pixelDataTag: PixelDataTag | undefined;
  /** Byte length of native (not encapsulated) Pixel Data, to check Number of Frames against; undefined when unknown. */
  nativePixelDataBytes?: number;
}

/**
 * Read what Voxa needs from a parsed DICOM image: the instance (identity, pixel format) and its
 * slices — one per frame, or one per tile of a Siemens mosaic — each with its own geometry.
 * Throws VOXA_ERR_NO_PIXEL_DATA / VOXA_ERR_DICOM_MISSING_TAG naming the file and tag.
 */
export function readInstance(parsed: ParsedDicom): { instance: InstanceInfo; slices: SliceRef[] } {
  const { dataSet, file, transferSyntaxUid } = parsed;
  const el = dataSet.elements.x7fe00010;
  const native = el && !el.encapsulatedPixelData && !el.hadUndefinedLength && el.length !== 0xffffffff;
  return readInstanceFrom(new DataSetReader(dataSet), {
    file,
    transferSyntaxUid,
    pixelDataTag: PIXEL_DATA_TAGS.find((tag) => dataSet.elements[tag] !== undefined),
    nativePixelDataBytes: native ? el.length : undefined,
  });
}

/**
 * {@link readInstance} over any {@link AttributeReader}: the same InstanceInfo and SliceRefs from
 * a DICOM JSON data set (see instanceFromDicomJson) as from the Part 10 file.
 */
export function readInstanceFrom(ds: AttributeReader, encoding: InstanceEncoding): { instance: InstanceInfo; slices: SliceRef[] } {
  const { file, transferSyntaxUid } = encoding;
  if (!encoding.pixelDataTag) {
    throw new VoxaError('VOXA_ERR_NO_PIXEL_DATA', { file, uid: ds.str('x00080016') || undefined },
      `SOP class ${ds.str('x00080016') || 'unknown'}, modality ${ds.str('x00080060') || 'unknown'}`);
  }
  const rows = ds.num('x00280010');
  const columns = ds.num('x00280011');
  if (!rows || !columns) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file, tag: rows ? '(0028,0011) Columns' : '(0028,0010) Rows' });
  const pixel = pixelDescriptionOf(ds, { transferSyntaxUid, file, pixelDataTag: encoding.pixelDataTag });
  const modality = ds.str('x00080060');
  const imageType = ds.strs('x00080008').map((s) => s.toUpperCase());
  const instance: InstanceInfo = {
    file,
    transferSyntaxUid,
    sopClassUid: ds.str('x00080016'),
    sopInstanceUid: ds.str('x00080018'),
    modality,
    imageType,
    manufacturer: ds.str('x00080070'),
    patientId: ds.str('x00100020'),
    patientName: ds.str('x00100010'),
    studyInstanceUid: ds.str('x0020000d'),
    studyDate: ds.str('x00080020'),
    studyDescription: ds.str('x00081030'),
    seriesInstanceUid: ds.str('x0020000e'),
    seriesNumber: ds.num('x00200011'),
    seriesDescription: ds.str('x0008103e'),
    frameOfReferenceUid: ds.str('x00200052'),
    instanceNumber: ds.num('x00200013'),
    acquisitionNumber: ds.num('x00200012'),
    echoNumber: ds.num('x00180086'),
    numberOfFrames: ds.num('x00280008') ?? 1,
    enhanced: ds.has('x52009230'),
    gantryTiltDeg: ds.num('x00181120') ?? 0,
    pixel,
    window: windowOf(ds),
    lossyCompressed: ds.str('x00282110') === '01' || LOSSY_TS.has(transferSyntaxUid),
    pet: modality === 'PT' ? petAttributes(ds) : undefined,
    acquisition: acquisitionFacts(ds),
  };
  checkFrameCount(instance, encoding.nativePixelDataBytes);
  const slices = instance.enhanced ? enhancedSlices(ds, instance) : classicSlices(ds, instance);
  return { instance, slices };
}

function classicSlices(ds: AttributeReader, inst: InstanceInfo): SliceRef[] {
  const base = baseSlice(ds, inst);
  const mosaic = inst.imageType.includes('MOSAIC') && inst.manufacturer.toUpperCase().includes('SIEMENS') ? mosaicLayout(ds, inst) : undefined;
  if (mosaic) return mosaicSlices(ds, inst, base, mosaic);
  // A classic multi-frame image has one Image Position. Its frames are slices only when the Frame
  // Increment Pointer (0028,0009) says they step through space (Slice Vector (0054,0080), as in NM
  // tomography) or there is no geometry at all; otherwise (cine: Frame Time (0018,1063) …) they
  // share the position and become time points.
  const spatial = inst.numberOfFrames > 1 && ds.tags('x00280009').includes('x00540080');
  const spacing = firstPositive(base.spacingBetweenSlicesMm, base.sliceThicknessMm) ?? 1;
  const normal = cross(base.rowCosine, base.columnCosine);
  const out: SliceRef[] = [];
  for (let f = 0; f < inst.numberOfFrames; f++) {
    const p = spatial && !base.geometryMissing
      ? [0, 1, 2].map((a) => base.positionLps[a] + f * spacing * normal[a]) as Vec3
      : base.positionLps;
    out.push({ ...base, frameIndex: f, positionLps: p, temporalPositionIndex: inst.numberOfFrames > 1 && !spatial && !base.geometryMissing ? f + 1 : base.temporalPositionIndex });
  }
  return out;
}

function baseSlice(ds: AttributeReader, inst: InstanceInfo): SliceRef {
  const plane = checkPlaneGeometry(ds.nums('x00200032'), ds.nums('x00200037'));
  const ps = positiveSpacing(ds.nums('x00280030')) ?? positiveSpacing(ds.nums('x00181164'));
  const missing = 'problem' in plane;
  const notes = [missing ? plane.problem : '', ps ? '' : 'Pixel Spacing missing or not positive: 1 mm assumed'].filter(Boolean);
  return {
    instance: inst,
    frameIndex: 0,
    tileIndex: -1,
    rows: inst.pixel.rows,
    columns: inst.pixel.columns,
    positionLps: missing ? [0, 0, 0] : plane.position,
    rowCosine: missing ? [1, 0, 0] : plane.row,
    columnCosine: missing ? [0, 1, 0] : plane.column,
    pixelSpacingMm: ps ?? [1, 1],
    sliceThicknessMm: firstPositive(ds.num('x00180050')),
    spacingBetweenSlicesMm: firstPositive(ds.num('x00180088')),
    rescaleSlope: ds.num('x00281053') ?? 1,
    rescaleIntercept: ds.num('x00281052') ?? 0,
    temporalPositionIndex: ds.num('x00200100'),
    triggerTimeMs: ds.num('x00181060'),
    acquisitionTimeS: timeSeconds(ds.str('x00080032')),
    geometryMissing: missing,
    geometryNote: notes.length ? notes.join('; ') : undefined,
  };
}

/** Most frames one object may declare: beyond this a header is taken as corrupt, not allocated. */
const MAX_FRAMES = 1 << 20;

/**
 * Number of Frames must fit the pixel data: a corrupt or hostile header must not make us allocate
 * gigabytes. Native pixel data has a known length; encapsulated data is bounded by MAX_FRAMES.
 */
function checkFrameCount(inst: InstanceInfo, nativePixelDataBytes: number | undefined): void {
  const n = inst.numberOfFrames;
  const where = { file: inst.file, tag: '(0028,0008) NumberOfFrames' };
  if (!Number.isInteger(n) || n < 1 || n > MAX_FRAMES) throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', where, `${n}: expected a whole number from 1 to ${MAX_FRAMES}`);
  if (nativePixelDataBytes === undefined) return;
  const p = inst.pixel;
  const bits = p.rows * p.columns * p.samplesPerPixel * p.bitsAllocated * n;
  if (Math.ceil(bits / 8) > nativePixelDataBytes + 1) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', where, `${n} frames of ${p.columns}×${p.rows}×${p.samplesPerPixel} at ${p.bitsAllocated} bits need ${Math.ceil(bits / 8)} bytes, Pixel Data holds ${nativePixelDataBytes}`);
  }
}

/** Siemens mosaic layout from the CSA image header or the private (0019,100A) tag. */
function mosaicLayout(ds: AttributeReader, inst: InstanceInfo): InstanceInfo['mosaic'] {
  const csa = parseSiemensCsa(privateBytes(ds, 0x0029, 'SIEMENS CSA HEADER', 0x10));
  const n = csaNumber(csa, 'NumberOfImagesInMosaic') ?? ds.num('x0019100a');
  if (!n || n < 1 || n > 4096 || !Number.isInteger(n)) return undefined;
  const tilesPerRow = Math.ceil(Math.sqrt(n));
  const tileRows = Math.floor(inst.pixel.rows / tilesPerRow);
  const tileColumns = Math.floor(inst.pixel.columns / tilesPerRow);
  return { tiles: n, tileRows, tileColumns, tilesPerRow };
}

/**
 * Tiles of a mosaic become slices. The mosaic's Image Position is that of the whole mosaic's
 * top-left pixel: shift it to the first tile's, then step along the CSA SliceNormalVector (which
 * gives the true acquisition order) by the slice spacing.
 */
function mosaicSlices(ds: AttributeReader, inst: InstanceInfo, base: SliceRef, m: NonNullable<InstanceInfo['mosaic']>): SliceRef[] {
  inst.mosaic = m;
  const csa = parseSiemensCsa(privateBytes(ds, 0x0029, 'SIEMENS CSA HEADER', 0x10));
  const normal = cross(base.rowCosine, base.columnCosine);
  const csaNormal = csaNumbers(csa, 'SliceNormalVector');
  const dir: Vec3 = csaNormal.length === 3 ? (csaNormal as Vec3) : normal;
  const [rowSp, colSp] = base.pixelSpacingMm;
  const dc = ((inst.pixel.columns - m.tileColumns) / 2) * colSp;
  const dr = ((inst.pixel.rows - m.tileRows) / 2) * rowSp;
  const p0 = [0, 1, 2].map((a) => base.positionLps[a] + base.rowCosine[a] * dc + base.columnCosine[a] * dr) as Vec3;
  const step = firstPositive(base.spacingBetweenSlicesMm, base.sliceThicknessMm) ?? 1;
  const out: SliceRef[] = [];
  for (let t = 0; t < m.tiles; t++) {
    out.push({
      ...base,
      tileIndex: t,
      rows: m.tileRows,
      columns: m.tileColumns,
      positionLps: [0, 1, 2].map((a) => p0[a] + t * step * dir[a]) as Vec3,
    });
  }
  return out;
}

/** Enhanced multi-frame: geometry and value mapping per frame from the functional groups. */
function enhancedSlices(ds: AttributeReader, inst: InstanceInfo): SliceRef[] {
  const shared = ds.item('x52009229');
  const out: SliceRef[] = [];
  const base = baseSlice(ds, inst);
  for (let f = 0; f < inst.numberOfFrames; f++) {
    const pf = ds.item('x52009230', f);
    const group = (tag: string) => pf?.item(tag) ?? shared?.item(tag);
    const pos = group('x00209113');
    const ori = group('x00209116');
    const meas = group('x00289110');
    const xform = group('x00289145');
    const content = pf?.item('x00209111');
    const cardiac = group('x00189118');
    // Functional groups first; a converter that wrote the plane at the top level is accepted too.
    const plane = checkPlaneGeometry(pos ? pos.nums('x00200032') : [], ori ? ori.nums('x00200037') : []);
    const ps = meas ? positiveSpacing(meas.nums('x00280030')) : undefined;
    const frameGeometry = !('problem' in plane);
    out.push({
      ...base,
      frameIndex: f,
      positionLps: frameGeometry ? plane.position : base.positionLps,
      rowCosine: frameGeometry ? plane.row : base.rowCosine,
      columnCosine: frameGeometry ? plane.column : base.columnCosine,
      pixelSpacingMm: ps ?? base.pixelSpacingMm,
      sliceThicknessMm: firstPositive(meas && meas.num('x00180050'), base.sliceThicknessMm),
      spacingBetweenSlicesMm: firstPositive(meas && meas.num('x00180088'), base.spacingBetweenSlicesMm),
      rescaleSlope: (xform && xform.num('x00281053')) ?? base.rescaleSlope,
      rescaleIntercept: (xform && xform.num('x00281052')) ?? base.rescaleIntercept,
      temporalPositionIndex: content ? content.num('x00209128') : undefined,
      triggerTimeMs: cardiac ? cardiac.num('x00209153') : undefined,
      acquisitionTimeS: content ? dateTimeSeconds(content.str('x00189074')) : undefined,
      stackId: content ? content.str('x00209056') || undefined : undefined,
      inStackPosition: content ? content.num('x00209057') : undefined,
      dimensionIndex: content ? content.nums('x00209157') : undefined,
      geometryMissing: !frameGeometry && base.geometryMissing,
      geometryNote: frameGeometry && ps ? undefined : base.geometryNote,
    });
  }
  return out;
}

/** Bytes of a private element by its creator (PS3.5 §7.8.1), e.g. (0029,xx10). */
function privateBytes(ds: AttributeReader, group: number, creator: string, element: number): Uint8Array {
  const g = group.toString(16).padStart(4, '0');
  for (let block = 0x10; block <= 0xff; block++) {
    const tag = `x${g}00${block.toString(16).padStart(2, '0')}`;
    if (!ds.has(tag)) continue;
    if (ds.str(tag).toUpperCase() !== creator) continue;
    const valueTag = `x${g}${block.toString(16).padStart(2, '0')}${element.toString(16).padStart(2, '0')}`;
    if (ds.has(valueTag)) return ds.bytes(valueTag) ?? new Uint8Array(0);
  }
  return new Uint8Array(0);
}

function windowOf(ds: AttributeReader): { center: number; width: number } | undefined {
  let src: AttributeReader | undefined = ds;
  if (ds.num('x00281050') === undefined) {
    src = ds.item('x52009229')?.item('x00289132') ?? ds.item('x52009230')?.item('x00289132');
  }
  const center = src ? src.num('x00281050') : undefined;
  const width = src ? src.num('x00281051') : undefined;
  return center !== undefined && width !== undefined && width > 0 ? { center, width } : undefined;
}

function petAttributes(ds: AttributeReader): PetAttributes {
  const rp = ds.item('x00540016');
  return {
    units: ds.str('x00541001') || undefined,
    decayCorrection: ds.str('x00541102') || undefined,
    correctedImage: ds.strs('x00280051'),
    patientWeightKg: ds.num('x00101030'),
    patientSex: ds.str('x00100040') || undefined,
    patientHeightM: ds.num('x00101020'),
    radionuclideTotalDoseBq: rp ? rp.num('x00181074') : undefined,
    radionuclideHalfLifeS: rp ? rp.num('x00181075') : undefined,
    radiopharmaceuticalStartTime: rp ? rp.str('x00181072') || undefined : undefined,
    radiopharmaceuticalStartDateTime: rp ? rp.str('x00181078') || undefined : undefined,
    seriesDate: ds.str('x00080021') || undefined,
    seriesTime: ds.str('x00080031') || undefined,
    acquisitionDate: ds.str('x00080022') || undefined,
    acquisitionTime: ds.str('x00080032') || undefined,
  };
}

const FACTS: [string, string][] = [
  ['x00180080', 'RepetitionTime'], ['x00180081', 'EchoTime'], ['x00180082', 'InversionTime'],
  ['x00181314', 'FlipAngle'], ['x00180087', 'MagneticFieldStrength'], ['x00180060', 'KVP'],
  ['x00181151', 'XRayTubeCurrent'], ['x00181210', 'ConvolutionKernel'], ['x00181030', 'ProtocolName'],
  ['x00081090', 'ManufacturerModelName'], ['x00180015', 'BodyPartExamined'], ['x00185100', 'PatientPosition'],
  ['x00180050', 'SliceThickness'], ['x00180088', 'SpacingBetweenSlices'], ['x00080021', 'SeriesDate'],
];

function acquisitionFacts(ds: AttributeReader): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [tag, name] of FACTS) {
    if (!ds.strs(tag).length) continue;
    const n = ds.num(tag);
    out[name] = n !== undefined && /^(DS|IS|US|FD|FL|UL|SL|SS)$/.test(ds.vr(tag) ?? 'DS') && name !== 'SeriesDate' ? n : ds.str(tag);
  }
  return out;
}

/** HHMMSS.FFFFFF → seconds since midnight. */
export function timeSeconds(tm: string): number | undefined {
  const m = /^(\d{2})(\d{2})?(\d{2})?(\.\d+)?/.exec(tm.replace(/:/g, ''));
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0);
}

function dateTimeSeconds(dt: string): number | undefined {
  return dt.length >= 8 ? timeSeconds(dt.slice(8)) : undefined;
}
