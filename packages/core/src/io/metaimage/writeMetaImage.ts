import type { Mat4 } from '../../math/Mat4.ts';
import { type Volume, type VolumeSeries4D, type VoxelType, voxelTypeOf } from '../../volume/Volume.ts';
import { concatBytes, zlibChunks } from '../compression.ts';
import { seriesVolumes } from '../seriesVolumes.ts';
import { encodeText, formatNumber } from '../textLines.ts';
import { littleEndianBytes } from '../voxelBytes.ts';

/** Options of `writeMetaImage` / `writeMetaImagePair`. */
export interface WriteMetaImageOptions {
  /** zlib-compress the data (`CompressedData = True`). */
  compress?: boolean;
}

/** Defaults of `WriteMetaImageOptions`. */
export const WRITE_METAIMAGE_DEFAULTS = { compress: true } as const satisfies WriteMetaImageOptions;

const MET_TYPE: Record<VoxelType, string> = {
  int8: 'MET_CHAR', uint8: 'MET_UCHAR', int16: 'MET_SHORT', uint16: 'MET_USHORT',
  int32: 'MET_INT', uint32: 'MET_UINT', float32: 'MET_FLOAT', float64: 'MET_DOUBLE',
};

const MET_MODALITY: Record<string, string> = { CT: 'MET_MOD_CT', MR: 'MET_MOD_MR', NM: 'MET_MOD_NM', US: 'MET_MOD_US' };

/** ITK's orientation code of a direction ("from" convention: identity LPS axes → RAI). */
function orientationCode(m: Mat4): string {
  let code = '';
  for (let c = 0; c < 3; c++) {
    const v = [m[c * 4], m[c * 4 + 1], m[c * 4 + 2]];
    const a = v.reduce((best, x, i) => (Math.abs(x) > Math.abs(v[best]) ? i : best), 0);
    code += (v[a] >= 0 ? 'RAI' : 'LPS')[a];
  }
  return code;
}

function header(volumes: Volume[], compressedSize: number | undefined, dataFile: string): Uint8Array {
  const v = volumes[0];
  const m = v.indexToWorld;
  const t = volumes.length;
  const nd = t > 1 ? 4 : 3;
  const spacing = [0, 1, 2].map((c) => Math.hypot(m[c * 4], m[c * 4 + 1], m[c * 4 + 2]));
  const tm: number[] = [];
  for (let i = 0; i < nd; i++) for (let r = 0; r < nd; r++) tm.push(i < 3 && r < 3 ? m[i * 4 + r] / (spacing[i] || 1) : i === r ? 1 : 0);
  const f = (xs: number[]) => xs.map(formatNumber).join(' ');
  const lines = [
    'ObjectType = Image',
    `NDims = ${nd}`,
    'BinaryData = True',
    'BinaryDataByteOrderMSB = False',
    `CompressedData = ${compressedSize !== undefined ? 'True' : 'False'}`,
    ...(compressedSize !== undefined ? [`CompressedDataSize = ${compressedSize}`] : []),
    `TransformMatrix = ${f(tm)}`,
    `Offset = ${f([m[12], m[13], m[14], ...(nd === 4 ? [0] : [])])}`,
    `CenterOfRotation = ${f(Array(nd).fill(0))}`,
    `AnatomicalOrientation = ${orientationCode(m)}`,
    `ElementSpacing = ${f([...spacing, ...(nd === 4 ? [1] : [])])}`,
    `DimSize = ${[...v.dimensions, ...(nd === 4 ? [t] : [])].join(' ')}`,
    ...(v.meta.modality && MET_MODALITY[v.meta.modality] ? [`Modality = ${MET_MODALITY[v.meta.modality]}`] : []),
    ...(v.components === 3 ? ['ElementNumberOfChannels = 3'] : []),
    `ElementType = ${MET_TYPE[voxelTypeOf(v.voxels)]}`,
    `ElementDataFile = ${dataFile}`,
  ];
  return encodeText(`${lines.join('\n')}\n`);
}

function payload(volumes: Volume[], compress: boolean): Uint8Array[] {
  const raw = volumes.map((vol) => littleEndianBytes(vol.voxels));
  return compress ? [zlibChunks(raw)] : raw;
}

/**
 * Encode a volume (or a series as NDims 4) as an inline MetaImage (`.mha`), little-endian, the
 * data zlib-compressed unless `compress: false`.
 *
 * @example const bytes = writeMetaImage(volume);
 */
export function writeMetaImage(data: Volume | VolumeSeries4D, options: WriteMetaImageOptions = {}): Uint8Array {
  const volumes = seriesVolumes(data, 'MetaImage');
  const compress = options.compress ?? WRITE_METAIMAGE_DEFAULTS.compress;
  const body = payload(volumes, compress);
  return concatBytes([header(volumes, compress ? body[0].length : undefined, 'LOCAL'), ...body]);
}

/**
 * Encode a volume as a `.mhd` header naming `dataFileName` (relative to the header) and the data
 * file's bytes (`.raw`, or `.zraw` content when compressed). Uncompressed single-volume data
 * is a view on the voxels (no copy) on little-endian machines.
 */
export function writeMetaImagePair(data: Volume | VolumeSeries4D, dataFileName: string, options: WriteMetaImageOptions = {}): { header: Uint8Array; data: Uint8Array } {
  const volumes = seriesVolumes(data, 'MetaImage');
  const compress = options.compress ?? WRITE_METAIMAGE_DEFAULTS.compress;
  const body = payload(volumes, compress);
  return { header: header(volumes, compress ? body[0].length : undefined, dataFileName), data: body.length === 1 ? body[0] : concatBytes(body) };
}
