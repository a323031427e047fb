import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3 } from '../../math/Vec3.ts';
import type { VoxelArray } from '../../volume/Volume.ts';
import type { IngestWarning } from '../../volume/IngestWarning.ts';
import { missingGeometryWarning, shearWarning, splitVolumes } from '../buildVolumes.ts';
import { gunzipBytes, isGzip } from '../compression.ts';
import { STORED_TYPE_BYTES, decodeVoxels } from '../voxelBytes.ts';
import type { ReadVolumeOptions, VolumeReadResult } from '../VolumeReadResult.ts';
import { niftiIndexToWorld, niftiSecondsPerUnit } from './niftiAffine.ts';
import { NIFTI_UNSUPPORTED_DATATYPES, niftiDatatype, type NiftiDatatype } from './niftiDatatypes.ts';
import { type NiftiHeader, parseNiftiHeader } from './NiftiHeader.ts';
import { applyNiftiScaling, niftiScalingApplies } from './niftiScaling.ts';

/** Options of `readNifti` / `readNiftiPair`. */
export interface ReadNiftiOptions extends ReadVolumeOptions {
  /**
   * complex64 / complex128 data: `'magnitude'` keeps |re + i·im| as float32 / float64 (phase is
   * dropped; `meta.extra.niftiComplex` says so); `'reject'` throws VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT.
   */
  complex?: 'magnitude' | 'reject';
}

/** Defaults of `ReadNiftiOptions`. */
export const READ_NIFTI_DEFAULTS = { complex: 'magnitude' } as const satisfies ReadNiftiOptions;

/** NIfTI intent code for label maps (nifti1.h NIFTI_INTENT_LABEL). */
const NIFTI_INTENT_LABEL = 1002;

/**
 * Read a `.nii` or `.nii.gz` (NIfTI-1 or NIfTI-2, either byte order). Given the `.hdr` of a pair
 * (or an Analyze 7.5 header), fetches the `.img` through `options.readFile`.
 *
 * @example const { volumes } = readNifti(bytes, { file: 'head.nii.gz' });
 */
export function readNifti(bytes: Uint8Array, options: ReadNiftiOptions = {}): VolumeReadResult {
  const file = options.file;
  const owned = isGzip(bytes);
  const data = owned ? gunzipBytes(bytes, 'VOXA_ERR_NIFTI_INVALID', file) : bytes;
  const header = parseNiftiHeader(data, file);
  if (header.singleFile) {
    const offset = Math.max(header.voxOffset, header.headerSize + 4);
    return decodeNifti(header, data, offset, owned, file ? [file] : [], options);
  }
  for (const imageFile of pairImageNames(file)) {
    const image = options.readFile?.(imageFile);
    if (image) return readNiftiPair(data, image, { ...options, imageFile });
  }
  throw new VoxaError('VOXA_ERR_NIFTI_INVALID', { file },
    `this is the header of a .hdr/.img pair: the image bytes (${pairImageNames(file).join(' or ') || '.img'}) are needed; pass readFile, or call readNiftiPair`);
}

/** Options of `readNiftiPair`. */
export interface ReadNiftiPairOptions extends ReadNiftiOptions {
  /** Name of the image file, for errors and `meta.sourceFiles` (default: `file` with .img). */
  imageFile?: string;
}

/**
 * Read a `.hdr`/`.img` pair (NIfTI-1/2 `ni1`/`ni2`, or Analyze 7.5) from its header and image
 * bytes; either may be gzipped. The image data starts at the header's vox_offset in the .img.
 */
export function readNiftiPair(headerBytes: Uint8Array, imageBytes: Uint8Array, options: ReadNiftiPairOptions = {}): VolumeReadResult {
  const file = options.file;
  const imageFile = options.imageFile;
  const hdr = isGzip(headerBytes) ? gunzipBytes(headerBytes, 'VOXA_ERR_NIFTI_INVALID', file) : headerBytes;
  const header = parseNiftiHeader(hdr, file);
  const owned = isGzip(imageBytes);
  const img = owned ? gunzipBytes(imageBytes, 'VOXA_ERR_NIFTI_INVALID', imageFile ?? file) : imageBytes;
  const files = [file, imageFile ?? (file ? pairImageNames(file)[0] : undefined)].filter((f): f is string => !!f);
  return decodeNifti(header, img, Math.max(0, header.voxOffset), owned, files, options);
}

/** Candidate .img names for a .hdr name (basename only: relative to the header's folder). */
function pairImageNames(file: string | undefined): string[] {
  if (!file) return [];
  const base = file.replace(/^.*[\\/]/, '').replace(/\.hdr(\.gz)?$/i, '');
  return [`${base}.img`, `${base}.img.gz`];
}

function unsupported(h: NiftiHeader, file: string | undefined): never {
  const name = NIFTI_UNSUPPORTED_DATATYPES[h.datatype];
  throw new VoxaError('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT', { file },
    `NIfTI datatype ${h.datatype}${name ? ` (${name})` : ''} is not supported; expected uint8, int8, int16, uint16, int32, uint32, int64, uint64, float32, float64, complex64/128, RGB24 or RGBA32`);
}

function decodeNifti(h: NiftiHeader, data: Uint8Array, offset: number, owned: boolean, files: string[], options: ReadNiftiOptions): VolumeReadResult {
  const file = files[0];
  const dt = niftiDatatype(h.datatype) ?? unsupported(h, file);
  const dims: Dims3 = [h.dim[1], h.dim[0] >= 2 ? h.dim[2] : 1, h.dim[0] >= 3 ? h.dim[3] : 1];
  let volumeCount = 1;
  for (let n = 4; n <= h.dim[0]; n++) volumeCount *= h.dim[n];
  const voxelCount = dims[0] * dims[1] * dims[2];
  const valueCount = voxelCount * dt.values * volumeCount;
  const needed = offset + valueCount * STORED_TYPE_BYTES[dt.stored];
  if (data.length < needed) {
    throw new VoxaError('VOXA_ERR_NIFTI_INVALID', { file },
      `image data is truncated: ${dims.join('×')}×${volumeCount} ${dt.name} needs ${needed} bytes from offset ${offset}, the file has ${data.length}`);
  }
  const complexMode = options.complex ?? READ_NIFTI_DEFAULTS.complex;
  if (dt.kind === 'complex' && complexMode === 'reject') {
    throw new VoxaError('VOXA_ERR_UNSUPPORTED_PIXEL_FORMAT', { file }, `NIfTI ${dt.name} data was rejected (options.complex is 'reject'); expected real-valued data`);
  }
  const decoded = decodeVoxels(data, offset, dt.stored, valueCount, h.littleEndian, owned);
  const extra: Record<string, unknown> = {
    format: h.version === 0 ? 'analyze' : `nifti${h.version}`,
    niftiDatatype: dt.name,
    niftiSformCode: h.sformCode,
    niftiQformCode: h.qformCode,
    niftiIntentCode: h.intentCode,
  };
  if (h.intentName) extra.niftiIntentName = h.intentName;
  if (decoded.conversion) extra.niftiTypeConversion = decoded.conversion;
  if (h.dim[0] > 4 && volumeCount > h.dim[4]) extra.niftiExtraDimensions = `dim[5..7] = ${h.dim.slice(5, h.dim[0] + 1).join('×')} flattened into the volume list`;

  let voxels: VoxelArray;
  let components: 1 | 3 = 1;
  const slope = h.version === 0 ? 0 : h.sclSlope;
  if (dt.kind === 'scalar') {
    const scaled = applyNiftiScaling(decoded.voxels, slope, h.sclInter, decoded.owned);
    voxels = scaled.voxels;
    extra.niftiScaling = scaled.record;
  } else if (dt.kind === 'complex') {
    voxels = complexMagnitude(decoded.voxels, dt, slope, h.sclInter);
    extra.niftiComplex = `magnitude of ${dt.name} (re, im); phase discarded`;
    extra.niftiScaling = { slope, intercept: h.sclInter, applied: niftiScalingApplies(slope, h.sclInter), note: 'applied to re and im before the magnitude' };
  } else {
    components = 3;
    voxels = dt.kind === 'rgb' ? decoded.voxels : dropAlpha(decoded.voxels);
    if (dt.kind === 'rgba') extra.niftiRgba = 'RGBA32: alpha channel dropped';
  }

  const geometry = niftiIndexToWorld(h);
  extra.niftiGeometry = geometry.source;
  const warnings: IngestWarning[] = [];
  if (geometry.source === 'pixdim') {
    const sizes = [1, 2, 3].map((n) => Math.abs(h.pixdim[n]) || 1).join('×');
    const why = h.version === 0 ? 'Analyze 7.5 header has no orientation' : 'NIfTI qform_code and sform_code are both 0';
    warnings.push(missingGeometryWarning(`${why}: position and orientation are unknown; placed from pixdim only (${sizes} mm, origin 0, axes taken as RAS)`, file));
  }
  if (geometry.fallback) warnings.push(missingGeometryWarning(`${geometry.fallback}; used the ${geometry.source} instead`, file));
  const shear = shearWarning(geometry.indexToWorld, file);
  if (shear) warnings.push(shear);

  const timeStepS = h.pixdim[4] * niftiSecondsPerUnit(h.xyztUnits);
  if (volumeCount > 1 && timeStepS > 0) extra.timeStepSec = timeStepS;
  const volumes = splitVolumes(voxels, volumeCount, {
    dimensions: dims,
    components,
    indexToWorld: geometry.indexToWorld,
    units: h.intentCode === NIFTI_INTENT_LABEL ? 'label' : 'arbitrary',
    meta: {
      sourceFiles: files,
      warnings,
      seriesDescription: h.descrip.trim() || undefined,
      window: h.calMax > h.calMin ? { center: (h.calMax + h.calMin) / 2, width: h.calMax - h.calMin } : undefined,
      extra,
    },
  }, timeStepS > 0 ? (n) => `${+(h.toffset + n * timeStepS).toPrecision(12)} s` : undefined);
  return { format: h.version === 0 ? 'analyze' : h.version === 1 ? 'nifti1' : 'nifti2', volumes, axis: volumeCount > 1 ? 'time' : 'none' };
}

/** |z| of complex pairs, each part scaled first (nifti1.h: the same scaling applies to both parts). */
function complexMagnitude(pairs: VoxelArray, dt: NiftiDatatype, slope: number, inter: number): VoxelArray {
  const scale = niftiScalingApplies(slope, inter);
  const s = scale ? slope : 1, b = scale && Number.isFinite(inter) ? inter : 0;
  const out = dt.stored === 'float64' ? new Float64Array(pairs.length / 2) : new Float32Array(pairs.length / 2);
  for (let n = 0, p = 0; n < out.length; n++, p += 2) {
    const re = pairs[p] * s + b, im = pairs[p + 1] * s + b;
    out[n] = Math.sqrt(re * re + im * im);
  }
  return out;
}

function dropAlpha(rgba: VoxelArray): Uint8Array {
  const out = new Uint8Array((rgba.length / 4) * 3);
  for (let n = 0, s = 0; n < out.length; n += 3, s += 4) {
    out[n] = rgba[s];
    out[n + 1] = rgba[s + 1];
    out[n + 2] = rgba[s + 2];
  }
  return out;
}
