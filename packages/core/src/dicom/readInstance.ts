import type { DataSet } from 'dicom-parser';
import { cross, type Vec3 } from '../math/Vec3.ts';
import { VoxaError } from '../errors/VoxaError.ts';
import type { InstanceInfo, PetAttributes, SliceRef } from './InstanceInfo.ts';
import type { ParsedDicom } from './parseDicom.ts';
import { item, num, nums, str, strs } from './dataSetValues.ts';
import { readPixelDescription } from './pixel/readPixelDescription.ts';
import { checkPlaneGeometry, firstPositive, positiveSpacing } from './checkGeometry.ts';
import { csaNumber, csaNumbers, parseSiemensCsa } from './siemensCsa.ts';
import { TS } from './pixel/PixelDescription.ts';

const LOSSY_TS = new Set<string>([TS.JPEGBaseline, TS.JPEGExtended, TS.JPEGLSNearLossless, TS.JPEG2000, TS.HTJ2K]);

/**
 * Read what Voxa needs from a parsed DICOM image: the instance (identity, pixel format) and its
 * slices — one per frame, or one per tile of a Siemens mosaic — each with its own geometry.
 * Throws VOXA_ERR_NO_PIXEL_DATA / VOXA_ERR_DICOM_MISSING_TAG naming the file and tag.
 */
export function readInstance(parsed: ParsedDicom): { instance: InstanceInfo; slices: SliceRef[] } {
  const { dataSet: ds, file } = parsed;
  if (!ds.elements.x7fe00010 && !ds.elements.x7fe00008 && !ds.elements.x7fe00009) {
    throw new VoxaError('VOXA_ERR_NO_PIXEL_DATA', { file, uid: str(ds, 'x00080016') || undefined },
      `SOP class ${str(ds, 'x00080016') || 'unknown'}, modality ${str(ds, 'x00080060') || 'unknown'}`);
  }
  const rows = num(ds, 'x00280010');
  const columns = num(ds, 'x00280011');
  if (!rows || !columns) throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file, tag: rows ? '(0028,0011) Columns' : '(0028,0010) Rows' });
  const pixel = readPixelDescription(ds, { transferSyntaxUid: parsed.transferSyntaxUid, file });
  const modality = str(ds, 'x00080060');
  const imageType = strs(ds, 'x00080008').map((s) => s.toUpperCase());
  const instance: InstanceInfo = {
    file,
    transferSyntaxUid: parsed.transferSyntaxUid,
    sopClassUid: str(ds, 'x00080016'),
    sopInstanceUid: str(ds, 'x00080018'),
    modality,
    imageType,
    manufacturer: str(ds, 'x00080070'),
    patientId: str(ds, 'x00100020'),
    patientName: str(ds, 'x00100010'),
    studyInstanceUid: str(ds, 'x0020000d'),
    studyDate: str(ds, 'x00080020'),
    studyDescription: str(ds, 'x00081030'),
    seriesInstanceUid: str(ds, 'x0020000e'),
    seriesNumber: num(ds, 'x00200011'),
    seriesDescription: str(ds, 'x0008103e'),
    frameOfReferenceUid: str(ds, 'x00200052'),
    instanceNumber: num(ds, 'x00200013'),
    acquisitionNumber: num(ds, 'x00200012'),
    echoNumber: num(ds, 'x00180086'),
    numberOfFrames: num(ds, 'x00280008') ?? 1,
    enhanced: !!ds.elements.x52009230,
    gantryTiltDeg: num(ds, 'x00181120') ?? 0,
    pixel,
    window: windowOf(ds),
    lossyCompressed: str(ds, 'x00282110') === '01' || LOSSY_TS.has(parsed.transferSyntaxUid),
    pet: modality === 'PT' ? petAttributes(ds) : undefined,
    acquisition: acquisitionFacts(ds),
  };
  checkFrameCount(ds, instance);
  const slices = instance.enhanced ? enhancedSlices(ds, instance) : classicSlices(ds, instance);
  return { instance, slices };
}

function classicSlices(ds: DataSet, inst: InstanceInfo): SliceRef[] {
  const base = baseSlice(ds, inst);
  const mosaic = inst.imageType.includes('MOSAIC') && inst.manufacturer.toUpperCase().includes('SIEMENS') ? mosaicLayout(ds, inst) : undefined;
  if (mosaic) return mosaicSlices(ds, inst, base, mosaic);
  // A classic multi-frame image has one Image Position. Its frames are slices only when the Frame
  // Increment Pointer (0028,0009) says they step through space (Slice Vector (0054,0080), as in NM
  // tomography) or there is no geometry at all; otherwise (cine: Frame Time (0018,1063) …) they
  // share the position and become time points.
  const spatial = inst.numberOfFrames > 1 && frameIncrementTags(ds).includes('x00540080');
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

/** The tags the Frame Increment Pointer (AT, PS3.3 C.7.6.6) points to, as 'xGGGGEEEE'. */
function frameIncrementTags(ds: DataSet): string[] {
  const el = ds.elements.x00280009;
  if (!el || el.length < 4) return [];
  const out: string[] = [];
  for (let i = 0; i + 4 <= el.length; i += 4) {
    const g = ds.uint16('x00280009', i / 2) ?? 0, e = ds.uint16('x00280009', i / 2 + 1) ?? 0;
    out.push(`x${g.toString(16).padStart(4, '0')}${e.toString(16).padStart(4, '0')}`);
  }
  return out;
}

function baseSlice(ds: DataSet, inst: InstanceInfo): SliceRef {
  const plane = checkPlaneGeometry(nums(ds, 'x00200032'), nums(ds, 'x00200037'));
  const ps = positiveSpacing(nums(ds, 'x00280030')) ?? positiveSpacing(nums(ds, 'x00181164'));
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
    sliceThicknessMm: firstPositive(num(ds, 'x00180050')),
    spacingBetweenSlicesMm: firstPositive(num(ds, 'x00180088')),
    rescaleSlope: num(ds, 'x00281053') ?? 1,
    rescaleIntercept: num(ds, 'x00281052') ?? 0,
    temporalPositionIndex: num(ds, 'x00200100'),
    triggerTimeMs: num(ds, 'x00181060'),
    acquisitionTimeS: timeSeconds(str(ds, 'x00080032')),
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
function checkFrameCount(ds: DataSet, inst: InstanceInfo): void {
  const n = inst.numberOfFrames;
  const where = { file: inst.file, tag: '(0028,0008) NumberOfFrames' };
  if (!Number.isInteger(n) || n < 1 || n > MAX_FRAMES) throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', where, `${n}: expected a whole number from 1 to ${MAX_FRAMES}`);
  const el = ds.elements.x7fe00010;
  if (!el || el.encapsulatedPixelData || el.hadUndefinedLength || el.length === 0xffffffff) return;
  const p = inst.pixel;
  const bits = p.rows * p.columns * p.samplesPerPixel * p.bitsAllocated * n;
  if (Math.ceil(bits / 8) > el.length + 1) {
    throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', where, `${n} frames of ${p.columns}×${p.rows}×${p.samplesPerPixel} at ${p.bitsAllocated} bits need ${Math.ceil(bits / 8)} bytes, Pixel Data holds ${el.length}`);
  }
}

/** Siemens mosaic layout from the CSA image header or the private (0019,100A) tag. */
function mosaicLayout(ds: DataSet, inst: InstanceInfo): InstanceInfo['mosaic'] {
  const csa = parseSiemensCsa(privateBytes(ds, 0x0029, 'SIEMENS CSA HEADER', 0x10));
  const n = csaNumber(csa, 'NumberOfImagesInMosaic') ?? num(ds, 'x0019100a');
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
function mosaicSlices(ds: DataSet, inst: InstanceInfo, base: SliceRef, m: NonNullable<InstanceInfo['mosaic']>): SliceRef[] {
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
function enhancedSlices(ds: DataSet, inst: InstanceInfo): SliceRef[] {
  const shared = item(ds, 'x52009229');
  const perFrame = ds.elements.x52009230?.items ?? [];
  const out: SliceRef[] = [];
  const base = baseSlice(ds, inst);
  for (let f = 0; f < inst.numberOfFrames; f++) {
    const pf = perFrame[f]?.dataSet;
    const group = (tag: string) => item(pf, tag) ?? item(shared, tag);
    const pos = group('x00209113');
    const ori = group('x00209116');
    const meas = group('x00289110');
    const xform = group('x00289145');
    const content = item(pf, 'x00209111');
    const cardiac = group('x00189118');
    // Functional groups first; a converter that wrote the plane at the top level is accepted too.
    const plane = checkPlaneGeometry(pos ? nums(pos, 'x00200032') : [], ori ? nums(ori, 'x00200037') : []);
    const ps = meas ? positiveSpacing(nums(meas, 'x00280030')) : undefined;
    const frameGeometry = !('problem' in plane);
    out.push({
      ...base,
      frameIndex: f,
      positionLps: frameGeometry ? plane.position : base.positionLps,
      rowCosine: frameGeometry ? plane.row : base.rowCosine,
      columnCosine: frameGeometry ? plane.column : base.columnCosine,
      pixelSpacingMm: ps ?? base.pixelSpacingMm,
      sliceThicknessMm: firstPositive(meas && num(meas, 'x00180050'), base.sliceThicknessMm),
      spacingBetweenSlicesMm: firstPositive(meas && num(meas, 'x00180088'), base.spacingBetweenSlicesMm),
      rescaleSlope: (xform && num(xform, 'x00281053')) ?? base.rescaleSlope,
      rescaleIntercept: (xform && num(xform, 'x00281052')) ?? base.rescaleIntercept,
      temporalPositionIndex: content ? num(content, 'x00209128') : undefined,
      triggerTimeMs: cardiac ? num(cardiac, 'x00209153') : undefined,
      acquisitionTimeS: content ? dateTimeSeconds(str(content, 'x00189074')) : undefined,
      stackId: content ? str(content, 'x00209056') || undefined : undefined,
      inStackPosition: content ? num(content, 'x00209057') : undefined,
      dimensionIndex: content ? nums(content, 'x00209157') : undefined,
      geometryMissing: !frameGeometry && base.geometryMissing,
      geometryNote: frameGeometry && ps ? undefined : base.geometryNote,
    });
  }
  return out;
}

/** Bytes of a private element by its creator (PS3.5 §7.8.1), e.g. (0029,xx10). */
function privateBytes(ds: DataSet, group: number, creator: string, element: number): Uint8Array {
  const g = group.toString(16).padStart(4, '0');
  for (let block = 0x10; block <= 0xff; block++) {
    const tag = `x${g}00${block.toString(16).padStart(2, '0')}`;
    if (!ds.elements[tag]) continue;
    if (str(ds, tag).toUpperCase() !== creator) continue;
    const el = ds.elements[`x${g}${block.toString(16).padStart(2, '0')}${element.toString(16).padStart(2, '0')}`];
    if (el) return (ds.byteArray as Uint8Array).subarray(el.dataOffset, el.dataOffset + el.length);
  }
  return new Uint8Array(0);
}

function windowOf(ds: DataSet): { center: number; width: number } | undefined {
  let src: DataSet | undefined = ds;
  if (num(ds, 'x00281050') === undefined) {
    src = item(item(ds, 'x52009229'), 'x00289132') ?? item(item(ds, 'x52009230'), 'x00289132');
  }
  const center = src ? num(src, 'x00281050') : undefined;
  const width = src ? num(src, 'x00281051') : undefined;
  return center !== undefined && width !== undefined && width > 0 ? { center, width } : undefined;
}

function petAttributes(ds: DataSet): PetAttributes {
  const rp = item(ds, 'x00540016');
  return {
    units: str(ds, 'x00541001') || undefined,
    decayCorrection: str(ds, 'x00541102') || undefined,
    correctedImage: strs(ds, 'x00280051'),
    patientWeightKg: num(ds, 'x00101030'),
    radionuclideTotalDoseBq: rp ? num(rp, 'x00181074') : undefined,
    radionuclideHalfLifeS: rp ? num(rp, 'x00181075') : undefined,
    radiopharmaceuticalStartTime: rp ? str(rp, 'x00181072') || undefined : undefined,
    radiopharmaceuticalStartDateTime: rp ? str(rp, 'x00181078') || undefined : undefined,
    seriesDate: str(ds, 'x00080021') || undefined,
    seriesTime: str(ds, 'x00080031') || undefined,
    acquisitionDate: str(ds, 'x00080022') || undefined,
    acquisitionTime: str(ds, 'x00080032') || undefined,
  };
}

const FACTS: [string, string][] = [
  ['x00180080', 'RepetitionTime'], ['x00180081', 'EchoTime'], ['x00180082', 'InversionTime'],
  ['x00181314', 'FlipAngle'], ['x00180087', 'MagneticFieldStrength'], ['x00180060', 'KVP'],
  ['x00181151', 'XRayTubeCurrent'], ['x00181210', 'ConvolutionKernel'], ['x00181030', 'ProtocolName'],
  ['x00081090', 'ManufacturerModelName'], ['x00180015', 'BodyPartExamined'], ['x00185100', 'PatientPosition'],
  ['x00180050', 'SliceThickness'], ['x00180088', 'SpacingBetweenSlices'], ['x00080021', 'SeriesDate'],
];

function acquisitionFacts(ds: DataSet): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [tag, name] of FACTS) {
    const el = ds.elements[tag];
    if (!el || !el.length) continue;
    const n = num(ds, tag);
    out[name] = n !== undefined && /^(DS|IS|US|FD|FL|UL|SL|SS)$/.test(el.vr ?? 'DS') && name !== 'SeriesDate' ? n : str(ds, tag);
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
