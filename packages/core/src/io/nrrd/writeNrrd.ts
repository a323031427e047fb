import { VoxaError } from '../../errors/VoxaError.ts';
import type { Mat4 } from '../../math/Mat4.ts';
import { type Volume, type VolumeSeries4D, type VoxelType, voxelTypeOf } from '../../volume/Volume.ts';
import { concatBytes, gzipChunks } from '../compression.ts';
import { seriesVolumes } from '../seriesVolumes.ts';
import { encodeText, formatNumber } from '../textLines.ts';
import { littleEndianBytes } from '../voxelBytes.ts';

/** Options of `writeNrrd`. */
export interface WriteNrrdOptions {
  /** Data encoding. */
  encoding?: 'gzip' | 'raw';
  /**
   * `key:=value` pairs to store (e.g. a segmentation's label table). Default: the volume's
   * `meta.extra.keyValues` (what `readNrrd` found), so a read → write keeps them.
   */
  keyValues?: Record<string, string>;
  /** The `content` field (default: `meta.seriesDescription`). */
  content?: string;
}

/** Defaults of `WriteNrrdOptions`. */
export const WRITE_NRRD_DEFAULTS = { encoding: 'gzip' } as const satisfies WriteNrrdOptions;

const NRRD_TYPE: Record<VoxelType, string> = {
  int8: 'signed char', uint8: 'unsigned char', int16: 'short', uint16: 'unsigned short',
  int32: 'int', uint32: 'unsigned int', float32: 'float', float64: 'double',
};

/** Escape a key or value for a `key:=value` line (NRRD spec: `\\` and `\n`). */
function escapeValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function vector(m: Mat4, col: number): string {
  return `(${[0, 1, 2].map((r) => formatNumber(m[col * 4 + r])).join(',')})`;
}

/**
 * Encode a volume (or a series, as a 4D file with a trailing list/time axis) as an attached
 * NRRD in LPS space, little-endian, gzip-compressed unless `encoding: 'raw'`. RGB volumes get a
 * leading `RGB-color` axis.
 *
 * @example const bytes = writeNrrd(labels, { keyValues: { Segment0_Name: 'liver' } });
 */
export function writeNrrd(data: Volume | VolumeSeries4D, options: WriteNrrdOptions = {}): Uint8Array {
  const volumes = seriesVolumes(data, 'NRRD');
  const v = volumes[0];
  const type = voxelTypeOf(v.voxels);
  const encoding = options.encoding ?? WRITE_NRRD_DEFAULTS.encoding;
  const rgb = v.components === 3;
  const series = volumes.length > 1;
  const sizes = [...(rgb ? [3] : []), ...v.dimensions, ...(series ? [volumes.length] : [])];
  const directions = [...(rgb ? ['none'] : []), vector(v.indexToWorld, 0), vector(v.indexToWorld, 1), vector(v.indexToWorld, 2), ...(series ? ['none'] : [])];
  const seriesKind = 'axis' in data && data.axis === 'time' ? 'time' : 'list';
  const kinds = [...(rgb ? ['RGB-color'] : []), 'domain', 'domain', 'domain', ...(series ? [seriesKind] : [])];
  const lines = [
    'NRRD0004',
    '# Complete NRRD file format specification at:',
    '# http://teem.sourceforge.net/nrrd/format.html',
    `type: ${NRRD_TYPE[type]}`,
    `dimension: ${sizes.length}`,
    'space: left-posterior-superior',
    `sizes: ${sizes.join(' ')}`,
    `space directions: ${directions.join(' ')}`,
    `kinds: ${kinds.join(' ')}`,
    ...(v.voxels.BYTES_PER_ELEMENT > 1 ? ['endian: little'] : []),
    `encoding: ${encoding}`,
    `space origin: (${[12, 13, 14].map((e) => formatNumber(v.indexToWorld[e])).join(',')})`,
  ];
  const content = options.content ?? v.meta.seriesDescription;
  if (content) lines.push(`content: ${content.replace(/[\r\n]+/g, ' ')}`);
  const keyValues = options.keyValues ?? stringRecord(v.meta.extra?.keyValues);
  for (const [k, val] of Object.entries(keyValues ?? {})) {
    if (k.includes(':=') || k === '') throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `NRRD key ${JSON.stringify(k)} must be non-empty and must not contain ":="`);
    lines.push(`${escapeValue(k)}:=${escapeValue(val)}`);
  }
  const header = encodeText(`${lines.join('\n')}\n\n`);
  const payload = volumes.map((vol) => littleEndianBytes(vol.voxels));
  return encoding === 'gzip' ? concatBytes([header, gzipChunks(payload)]) : concatBytes([header, ...payload]);
}

function stringRecord(x: unknown): Record<string, string> | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(x)) if (typeof v === 'string') out[k] = v;
  return out;
}
