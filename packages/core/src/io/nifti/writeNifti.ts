import { VoxaError } from '../../errors/VoxaError.ts';
import { type Volume, type VolumeSeries4D, voxelTypeOf } from '../../volume/Volume.ts';
import { concatBytes, gzipChunks } from '../compression.ts';
import { littleEndianBytes } from '../voxelBytes.ts';
import { seriesVolumes } from '../seriesVolumes.ts';
import { niftiTransforms } from './niftiAffine.ts';
import { niftiCodeFor } from './niftiDatatypes.ts';
import { encodeNiftiHeader, type NiftiHeader } from './NiftiHeader.ts';

/** Options of `writeNifti`. */
export interface WriteNiftiOptions {
  /** Gzip the whole file (`.nii.gz`). */
  gzip?: boolean;
  /** NIfTI-1 (348-byte header, float32 affine) or NIfTI-2 (540 bytes, float64). NIfTI-2 is used anyway when a size exceeds 32 767. */
  version?: 1 | 2;
  /** sform/qform code: 1 scanner, 2 aligned, 3 Talairach, 4 MNI152 (default: the code the volume was read with, else 1). */
  xformCode?: number;
  /** Seconds between volumes of a series (pixdim[4]); default `meta.extra.timeStepSec`, else 0. */
  timeStepSec?: number;
  /** Up to 79 ASCII characters for `descrip`. */
  description?: string;
}

/** Defaults of `WriteNiftiOptions`. */
export const WRITE_NIFTI_DEFAULTS = { gzip: false, version: 1 } as const satisfies WriteNiftiOptions;

const NIFTI_UNITS_MM = 2;
const NIFTI_UNITS_SEC = 8;
const NIFTI_INTENT_LABEL = 1002;

/**
 * Encode a volume, or a series as one 4D file, as a single-file NIfTI (`.nii`, or `.nii.gz` with
 * `gzip`). Little-endian, scl_slope 1 / scl_inter 0, the sform always set and the qform too when
 * the axes are orthogonal (a qform cannot hold shear).
 *
 * @example const bytes = writeNifti(volume, { gzip: true });
 */
export function writeNifti(data: Volume | VolumeSeries4D, options: WriteNiftiOptions = {}): Uint8Array {
  const chunks = niftiChunks(data, options);
  return options.gzip ? gzipChunks(chunks) : concatBytes(chunks);
}

/**
 * The bytes of a single-file NIfTI as chunks — the header, then each volume's voxels (views, not
 * copies, on little-endian machines) — for writers that stream them (and gzip natively).
 */
export function niftiChunks(data: Volume | VolumeSeries4D, options: Omit<WriteNiftiOptions, 'gzip'> = {}): Uint8Array[] {
  const volumes = seriesVolumes(data, 'NIfTI');
  const v = volumes[0];
  const type = voxelTypeOf(v.voxels);
  const dt = niftiCodeFor(type, v.components);
  if (!dt) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {},
      v.components === 3 ? `NIfTI RGB24 needs uint8 voxels, got ${type}` : `no NIfTI datatype for ${type}`);
  }
  const header = niftiHeaderFor(v, dt, volumes.length, options);
  return [encodeNiftiHeader(header), ...volumes.map((vol) => littleEndianBytes(vol.voxels))];
}

/**
 * The header of a single-file NIfTI holding `t` volumes on `v`'s grid, stored as `dt`: geometry
 * (LPS → RAS in niftiTransforms), units, window and intent from the volume. Shared with the
 * vector-image writer, which changes dim and intent.
 */
export function niftiHeaderFor(v: Volume, dt: { code: number; values: number }, t: number, options: Omit<WriteNiftiOptions, 'gzip'> = {}): NiftiHeader {
  const [nx, ny, nz] = v.dimensions;
  const version = Math.max(nx, ny, nz, t) > 32767 ? 2 : (options.version ?? WRITE_NIFTI_DEFAULTS.version);
  const x = niftiTransforms(v.indexToWorld);
  const readCode = Number(v.meta.extra?.niftiSformCode);
  const code = options.xformCode ?? (readCode > 0 ? readCode : 1);
  const timeStep = options.timeStepSec ?? (Number(v.meta.extra?.timeStepSec) || 0);
  return {
    version,
    littleEndian: true,
    singleFile: true,
    headerSize: version === 2 ? 540 : 348,
    dim: [t > 1 ? 4 : 3, nx, ny, nz, t, 1, 1, 1],
    datatype: dt.code,
    bitpix: dt.values * 8 * v.voxels.BYTES_PER_ELEMENT,
    pixdim: [x.qform?.qfac ?? 1, x.pixdim[0], x.pixdim[1], x.pixdim[2], t > 1 ? timeStep : 0, 0, 0, 0],
    voxOffset: version === 2 ? 544 : 352,
    sclSlope: 1,
    sclInter: 0,
    calMin: v.meta.window ? v.meta.window.center - v.meta.window.width / 2 : 0,
    calMax: v.meta.window ? v.meta.window.center + v.meta.window.width / 2 : 0,
    toffset: 0,
    xyztUnits: NIFTI_UNITS_MM | (t > 1 ? NIFTI_UNITS_SEC : 0),
    intentCode: v.units === 'label' ? NIFTI_INTENT_LABEL : 0,
    intentName: '',
    descrip: options.description ?? v.meta.seriesDescription ?? '',
    qformCode: x.qform ? code : 0,
    sformCode: code,
    quatern: x.qform?.quatern ?? [0, 0, 0],
    qoffset: x.qform?.qoffset ?? [x.srow[3], x.srow[7], x.srow[11]],
    srow: x.srow,
  };
}
