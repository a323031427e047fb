import { VoxaError } from '../../errors/VoxaError.ts';
import type { StoredType } from '../voxelBytes.ts';
import { decodeText, endOfLine, expandFilePattern, parseNumbers } from '../textLines.ts';

/** The fields of a MetaImage (ITK MetaIO) `.mha` / `.mhd` header that Voxa uses. */
export interface MetaImageHeader {
  nDims: number;
  dimSize: number[];
  elementType: StoredType;
  /** ElementNumberOfChannels (1 scalar, 3 RGB, others become a series). */
  channels: number;
  elementSpacing: number[];
  /** Offset / Origin / Position: world position of voxel 0 (LPS mm). */
  offset: number[];
  /** TransformMatrix / Rotation / Orientation, nDims×nDims, listed axis by axis (ITK). */
  transformMatrix?: number[];
  anatomicalOrientation?: string;
  /** BinaryDataByteOrderMSB / ElementByteOrderMSB. */
  msb: boolean;
  compressed: boolean;
  compressedDataSize?: number;
  /** Bytes to skip in each data file (-1: the data is at the end). */
  headerSize: number;
  /** Data file names in order (relative to the header), or empty when `ElementDataFile = LOCAL`. */
  dataFiles: string[];
  /** Byte index of LOCAL data (just past the ElementDataFile line). */
  dataOffset: number;
  /** Every `Key = Value` field as written (keys as spelled in the file). */
  fields: Record<string, string>;
}

const ELEMENT_TYPES: Record<string, StoredType> = {
  MET_UCHAR: 'uint8', MET_CHAR: 'int8', MET_SHORT: 'int16', MET_USHORT: 'uint16',
  MET_INT: 'int32', MET_UINT: 'uint32', MET_LONG: 'int32', MET_ULONG: 'uint32',
  MET_LONG_LONG: 'int64', MET_ULONG_LONG: 'uint64', MET_FLOAT: 'float32', MET_DOUBLE: 'float64',
};

/** True when the bytes look like a MetaImage header (a known key on the first line). */
export function isMetaImageHeader(bytes: Uint8Array): boolean {
  const head = decodeText(bytes.subarray(0, 64)).trimStart();
  return /^(ObjectType|NDims|Comment|ObjectSubType|TransformType|DimSize|ElementType)\s*=/i.test(head);
}

/** Parse a MetaImage header; throws VOXA_ERR_METAIMAGE_INVALID naming `file`. */
export function parseMetaImageHeader(bytes: Uint8Array, file?: string): MetaImageHeader {
  const bad = (detail: string): never => {
    throw new VoxaError('VOXA_ERR_METAIMAGE_INVALID', { file }, detail);
  };
  if (!isMetaImageHeader(bytes)) bad('expected "Key = Value" lines starting with ObjectType or NDims');
  const fields: Record<string, string> = {};
  const lower: Record<string, string> = {};
  let at = 0;
  let dataOffset = -1;
  let listFiles: string[] | undefined;
  while (at < bytes.length) {
    const end = endOfLine(bytes, at);
    const line = decodeText(bytes.subarray(at, end)).trim();
    at = end;
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq < 0) bad(`header line ${JSON.stringify(line.slice(0, 80))} is not "Key = Value"`);
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    fields[key] = value;
    lower[key.toLowerCase()] = value;
    if (key.toLowerCase() === 'elementdatafile') {
      dataOffset = at;
      if (/^LIST(\s|$)/i.test(value)) listFiles = readList(bytes, at);
      break;
    }
  }
  if (dataOffset < 0) bad('the required field ElementDataFile is missing');
  const get = (...names: string[]) => names.map((n) => lower[n.toLowerCase()]).find((v) => v !== undefined);
  const nDims = Number(get('NDims'));
  if (!(Number.isInteger(nDims) && nDims >= 1 && nDims <= 4)) bad(`NDims is ${get('NDims')}, expected 1 to 4`);
  const dimSize = parseNumbers(get('DimSize') ?? '');
  if (dimSize.length !== nDims || !dimSize.every((d) => Number.isInteger(d) && d >= 1)) bad(`DimSize is "${get('DimSize') ?? ''}", expected ${nDims} positive integers`);
  const typeName = (get('ElementType') ?? '').toUpperCase().replace(/_ARRAY$/, '');
  const elementType = ELEMENT_TYPES[typeName] ?? bad(`ElementType "${get('ElementType') ?? ''}" is not supported; expected MET_UCHAR, MET_CHAR, MET_SHORT, MET_USHORT, MET_INT, MET_UINT, MET_LONG_LONG, MET_FLOAT or MET_DOUBLE`);
  const numbers = (names: string[], n: number, fallback: number): number[] => {
    const v = parseNumbers(get(...names) ?? '');
    return Array.from({ length: n }, (_, i) => (Number.isFinite(v[i]) ? v[i] : fallback));
  };
  const tm = get('TransformMatrix', 'Rotation', 'Orientation');
  const transformMatrix = tm ? parseNumbers(tm) : undefined;
  if (transformMatrix && (transformMatrix.length !== nDims * nDims || !transformMatrix.every(Number.isFinite))) {
    bad(`TransformMatrix has ${transformMatrix.length} values, expected ${nDims * nDims}`);
  }
  const spacing = get('ElementSpacing') !== undefined ? numbers(['ElementSpacing'], nDims, 1) : numbers(['ElementSize'], nDims, 1);
  const dataFile = get('ElementDataFile')!;
  let dataFiles: string[] = [];
  if (listFiles) dataFiles = listFiles;
  else if (dataFile.toUpperCase() !== 'LOCAL') {
    const parts = dataFile.split(/\s+/);
    dataFiles = parts.length >= 4 && /%\d*d/.test(parts[0])
      ? expandFilePattern(parts[0], Number(parts[1]), Number(parts[2]), Number(parts[3]))
      : [dataFile];
  }
  const yes = (v: string | undefined) => /^(true|1|yes)$/i.test(v ?? '');
  const channels = Number(get('ElementNumberOfChannels') ?? 1);
  if (!(Number.isInteger(channels) && channels >= 1)) bad(`ElementNumberOfChannels is ${get('ElementNumberOfChannels')}, expected a positive integer`);
  const compressedSize = Number(get('CompressedDataSize'));
  return {
    nDims,
    dimSize,
    elementType,
    channels,
    elementSpacing: spacing,
    offset: numbers(['Offset', 'Origin', 'Position'], nDims, 0),
    transformMatrix,
    anatomicalOrientation: get('AnatomicalOrientation'),
    msb: yes(get('BinaryDataByteOrderMSB', 'ElementByteOrderMSB')),
    compressed: yes(get('CompressedData')),
    compressedDataSize: compressedSize > 0 ? compressedSize : undefined,
    headerSize: Number(get('HeaderSize') ?? 0) || 0,
    dataFiles,
    dataOffset,
    fields,
  };
}

/** File names on the lines after `ElementDataFile = LIST`. */
function readList(bytes: Uint8Array, from: number): string[] {
  return decodeText(bytes.subarray(from)).split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== '');
}
