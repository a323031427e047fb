import { VoxaError } from '../../errors/VoxaError.ts';
import { mat4Identity } from '../../math/Mat4.ts';
import { type Dims3, type Vec3, cross, normalize } from '../../math/Vec3.ts';
import type { IngestWarning } from '../../volume/IngestWarning.ts';
import { concatVoxels, deinterleave, missingGeometryWarning, shearWarning, splitVolumes } from '../buildVolumes.ts';
import { concatBytes, inflateBytes } from '../compression.ts';
import { STORED_TYPE_BYTES, decodeVoxels } from '../voxelBytes.ts';
import type { ReadVolumeOptions, VolumeReadResult } from '../VolumeReadResult.ts';
import { type MetaImageHeader, parseMetaImageHeader } from './MetaImageHeader.ts';

const MODALITIES: Record<string, string> = { MET_MOD_CT: 'CT', MET_MOD_MR: 'MR', MET_MOD_NM: 'NM', MET_MOD_US: 'US' };

/** ITK orientation letters ("from" convention: RAI is the identity) → LPS unit axis. */
const ORIENTATION_AXES: Record<string, Vec3> = {
  R: [1, 0, 0], L: [-1, 0, 0], A: [0, 1, 0], P: [0, -1, 0], I: [0, 0, 1], S: [0, 0, -1],
};

/**
 * Read a MetaImage: `.mha` (data inline) or `.mhd` (data files through `options.readFile`),
 * raw or zlib-compressed (`CompressedData = True`). Geometry is ITK's: TransformMatrix (listed
 * axis by axis), ElementSpacing and Offset in LPS mm. 3 channels become RGB components.
 *
 * @example const { volumes: [ct] } = readMetaImage(bytes, { file: 'ct.mha' });
 */
export function readMetaImage(bytes: Uint8Array, options: ReadVolumeOptions = {}): VolumeReadResult {
  const file = options.file;
  const h = parseMetaImageHeader(bytes, file);
  const dims: Dims3 = [h.dimSize[0], h.dimSize[1] ?? 1, h.dimSize[2] ?? 1];
  const timePoints = h.nDims === 4 ? h.dimSize[3] : 1;
  const total = dims[0] * dims[1] * dims[2] * timePoints * h.channels;
  const data = readData(h, bytes, total * STORED_TYPE_BYTES[h.elementType], options);
  const decoded = decodeVoxels(data.bytes, 0, h.elementType, total, !h.msb, data.owned);

  const warnings: IngestWarning[] = [];
  const indexToWorld = metaImageIndexToWorld(h, warnings, file);
  const shear = shearWarning(indexToWorld, file);
  if (shear) warnings.push(shear);
  const extra: Record<string, unknown> = { format: 'metaimage', metaImageFields: h.fields };
  if (decoded.conversion) extra.metaImageTypeConversion = decoded.conversion;

  let voxels = decoded.voxels;
  let count = timePoints;
  const components = h.channels === 3 ? 3 : 1;
  if (h.channels !== 1 && h.channels !== 3) {
    if (timePoints > 1) throw new VoxaError('VOXA_ERR_METAIMAGE_INVALID', { file }, `${h.channels} channels in a 4D image are not supported; expected 1 or 3`);
    voxels = concatVoxels(deinterleave(voxels, h.channels));
    count = h.channels;
  }
  const modality = MODALITIES[(h.fields.Modality ?? '').toUpperCase()];
  const volumes = splitVolumes(voxels, count, {
    dimensions: dims,
    components,
    indexToWorld,
    units: 'arbitrary',
    meta: { sourceFiles: [file, ...h.dataFiles].filter((f): f is string => !!f), warnings, modality, extra },
  });
  return { format: 'metaimage', volumes, axis: count > 1 ? (timePoints > 1 ? 'time' : 'channel') : 'none' };
}

/** Voxel → LPS: column i = spacing_i · (TransformMatrix entries i·n … i·n+2), translation Offset. */
function metaImageIndexToWorld(h: MetaImageHeader, warnings: IngestWarning[], file: string | undefined) {
  const n = h.nDims;
  const axes: Vec3[] = [];
  for (let i = 0; i < Math.min(n, 3); i++) {
    let axis: Vec3 = [0, 0, 0];
    if (h.transformMatrix) for (let r = 0; r < Math.min(n, 3); r++) axis[r] = h.transformMatrix[i * n + r];
    else if (h.anatomicalOrientation && /^[RLAPIS]{3}$/i.test(h.anatomicalOrientation)) axis = [...ORIENTATION_AXES[h.anatomicalOrientation[i].toUpperCase()]] as Vec3;
    else axis[i] = 1;
    axes.push(axis);
  }
  if (!h.transformMatrix && !h.anatomicalOrientation && n >= 3) {
    warnings.push(missingGeometryWarning('MetaImage has no TransformMatrix: axes taken as LPS (identity direction)', file));
  }
  if (axes.length === 1) axes.push([0, 1, 0]);
  if (axes.length === 2) axes.push(normalize(cross(axes[0], axes[1])));
  const m = mat4Identity();
  for (let c = 0; c < 3; c++) {
    const s = c < n ? h.elementSpacing[c] : 1;
    for (let r = 0; r < 3; r++) m[c * 4 + r] = axes[c][r] * s;
  }
  for (let r = 0; r < 3; r++) m[12 + r] = h.offset[r] ?? 0;
  return m;
}

/** The binary payload: inline after the header or from data files, inflated when compressed. */
function readData(h: MetaImageHeader, bytes: Uint8Array, needed: number, options: ReadVolumeOptions): { bytes: Uint8Array; owned: boolean } {
  const file = options.file;
  const sources: { bytes: Uint8Array; name?: string }[] = h.dataFiles.length === 0
    ? [{ bytes: bytes.subarray(h.dataOffset) }]
    : h.dataFiles.map((name) => {
      const data = options.readFile?.(name);
      if (!data) throw new VoxaError('VOXA_ERR_METAIMAGE_INVALID', { file }, `the data file "${name}" is needed; pass readFile to supply it`);
      return { bytes: data, name };
    });
  const perFile = needed / sources.length;
  if (!Number.isInteger(perFile)) throw new VoxaError('VOXA_ERR_METAIMAGE_INVALID', { file }, `${needed} data bytes cannot be split evenly over ${sources.length} data files`);
  const parts = sources.map((s) => {
    const where = s.name ?? file;
    let data = s.bytes;
    if (h.compressed) {
      if (h.compressedDataSize && sources.length === 1) data = data.subarray(0, h.compressedDataSize);
      data = inflateBytes(data, 'VOXA_ERR_METAIMAGE_INVALID', where);
    } else if (h.headerSize !== 0) {
      data = data.subarray(h.headerSize === -1 ? Math.max(0, data.length - perFile) : h.headerSize);
    }
    if (data.length < perFile) {
      throw new VoxaError('VOXA_ERR_METAIMAGE_INVALID', { file: where },
        `image data is truncated: ${perFile} bytes of ${h.elementType} expected for DimSize ${h.dimSize.join(' ')}${h.channels > 1 ? ` × ${h.channels} channels` : ''}, ${data.length} present`);
    }
    return data.subarray(0, perFile);
  });
  return parts.length === 1 ? { bytes: parts[0], owned: h.compressed } : { bytes: concatBytes(parts), owned: true };
}
