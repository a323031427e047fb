import { VoxaError } from '../../errors/VoxaError.ts';
import type { StoredType } from '../voxelBytes.ts';
import { decodeText, endOfBlankLine, expandFilePattern, parseNumbers } from '../textLines.ts';

/** NRRD data encodings (teem NRRD format spec, "encoding"). */
export type NrrdEncoding = 'raw' | 'gzip' | 'bzip2' | 'ascii' | 'hex';

/** The fields of a NRRD header (http://teem.sourceforge.net/nrrd/format.html) that Voxa uses. */
export interface NrrdHeader {
  /** N of the NRRD000N magic. */
  version: number;
  type: StoredType;
  dimension: number;
  sizes: number[];
  endian: 'little' | 'big';
  encoding: NrrdEncoding;
  /** Lower-case space name, e.g. 'left-posterior-superior'. */
  space?: string;
  /** One entry per axis: the world vector of a unit step, or null for `none` (non-spatial axes). */
  spaceDirections?: (number[] | null)[];
  spaceOrigin?: number[];
  spaceUnits?: string[];
  spacings?: number[];
  axisMins?: number[];
  kinds?: string[];
  content?: string;
  measurementFrame?: number[][];
  /** Detached data files in order (names as written, relative to the header); empty when attached. */
  dataFiles: string[];
  lineSkip: number;
  byteSkip: number;
  /** `key:=value` pairs, unescaped. */
  keyValues: Record<string, string>;
  /** Byte index of attached data (just past the blank line ending the header). */
  dataOffset: number;
}

const TYPE_NAMES: Record<string, StoredType> = {};
const TYPE_ALIASES: [StoredType, string[]][] = [
  ['int8', ['signed char', 'int8', 'int8_t']],
  ['uint8', ['uchar', 'unsigned char', 'uint8', 'uint8_t']],
  ['int16', ['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t']],
  ['uint16', ['ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t']],
  ['int32', ['int', 'signed int', 'int32', 'int32_t']],
  ['uint32', ['uint', 'unsigned int', 'uint32', 'uint32_t']],
  ['int64', ['longlong', 'long long', 'long long int', 'signed long long', 'signed long long int', 'int64', 'int64_t']],
  ['uint64', ['ulonglong', 'unsigned long long', 'unsigned long long int', 'uint64', 'uint64_t']],
  ['float32', ['float']],
  ['float64', ['double']],
];
for (const [type, names] of TYPE_ALIASES) for (const n of names) TYPE_NAMES[n] = type;

/** Field identifiers of the NRRD spec; any other `a: b` line containing `:=` is a key/value pair. */
const FIELDS = new Set([
  'content', 'dimension', 'type', 'block size', 'blocksize', 'encoding', 'endian', 'byte skip', 'byteskip',
  'line skip', 'lineskip', 'data file', 'datafile', 'sizes', 'spacings', 'thicknesses', 'axis mins', 'axismins',
  'axis maxs', 'axismaxs', 'centers', 'centerings', 'labels', 'units', 'kinds', 'min', 'max', 'old min', 'oldmin',
  'old max', 'oldmax', 'number', 'sample units', 'sampleunits', 'space', 'space dimension', 'space directions',
  'space origin', 'space units', 'measurement frame',
]);

const ENCODINGS: Record<string, NrrdEncoding> = {
  raw: 'raw', gzip: 'gzip', gz: 'gzip', bzip2: 'bzip2', bz2: 'bzip2', ascii: 'ascii', text: 'ascii', txt: 'ascii', hex: 'hex',
};

/** Undo the NRRD key/value escapes (`\\` and `\n`). */
function unescapeValue(s: string): string {
  return s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** `(1,0,0) (0,1,0) none` → vectors, null for none. */
function parseVectors(text: string): (number[] | null)[] {
  const out: (number[] | null)[] = [];
  for (const m of text.matchAll(/\(([^)]*)\)|none/gi)) out.push(m[1] === undefined ? null : parseNumbers(m[1]));
  return out;
}

/**
 * Parse a NRRD header (attached `.nrrd` or detached `.nhdr`); throws VOXA_ERR_NRRD_INVALID
 * naming `file` when a required field is missing or malformed.
 */
export function parseNrrdHeader(bytes: Uint8Array, file?: string): NrrdHeader {
  const bad = (detail: string): never => {
    throw new VoxaError('VOXA_ERR_NRRD_INVALID', { file }, detail);
  };
  const magic = decodeText(bytes.subarray(0, 8));
  if (!/^NRRD000\d$/.test(magic)) bad(`expected the magic NRRD000N at byte 0, found ${JSON.stringify(magic)}`);
  const blank = endOfBlankLine(bytes);
  const dataOffset = blank < 0 ? bytes.length : blank;
  const lines = decodeText(bytes.subarray(0, dataOffset)).split(/\r?\n/);
  const fields: Record<string, string> = {};
  const keyValues: Record<string, string> = {};
  let listFiles: string[] | undefined;
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n];
    if (listFiles) {
      if (line.trim() !== '') listFiles.push(line.trim());
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    const kv = line.indexOf(':=');
    const colon = line.indexOf(': ');
    const name = colon < 0 ? '' : line.slice(0, colon).trim().toLowerCase().replace(/\s+/g, ' ');
    if (kv >= 0 && !FIELDS.has(name)) {
      keyValues[unescapeValue(line.slice(0, kv))] = unescapeValue(line.slice(kv + 2));
      continue;
    }
    if (colon < 0) bad(`header line ${n + 1} is neither "field: value" nor "key:=value": ${JSON.stringify(line)}`);
    const value = line.slice(colon + 2).trim();
    fields[name] = value;
    if ((name === 'data file' || name === 'datafile') && /^LIST(\s|$)/.test(value)) listFiles = [];
  }
  const get = (...names: string[]) => names.map((x) => fields[x]).find((x) => x !== undefined);

  const typeName = get('type')?.toLowerCase().replace(/\s+/g, ' ');
  if (!typeName) bad('the required field "type" is missing');
  const type = TYPE_NAMES[typeName!] ?? bad(`type "${typeName}" is not supported; expected an integer type, float or double`);
  const dimension = Number(get('dimension'));
  if (!(dimension >= 1 && dimension <= 16 && Number.isInteger(dimension))) bad(`"dimension" is ${get('dimension')}, expected 1 to 16`);
  const sizes = parseNumbers(get('sizes') ?? '');
  if (sizes.length !== dimension || !sizes.every((s) => Number.isInteger(s) && s >= 1)) {
    bad(`"sizes" is "${get('sizes') ?? ''}", expected ${dimension} positive integers`);
  }
  const encodingName = (get('encoding') ?? '').toLowerCase();
  const encoding = ENCODINGS[encodingName] ?? bad(`encoding "${encodingName}" is not supported; expected raw, gzip, ascii or hex`);
  const endianName = (get('endian') ?? 'little').toLowerCase();
  if (endianName !== 'little' && endianName !== 'big') bad(`"endian" is "${endianName}", expected little or big`);

  const h: NrrdHeader = {
    version: Number(magic[7]),
    type, dimension, sizes, encoding,
    endian: endianName as 'little' | 'big',
    dataFiles: [],
    lineSkip: Number(get('line skip', 'lineskip') ?? 0) || 0,
    byteSkip: Number(get('byte skip', 'byteskip') ?? 0) || 0,
    keyValues,
    dataOffset,
  };
  const space = get('space');
  if (space) h.space = space.toLowerCase();
  const dirs = get('space directions');
  if (dirs) {
    h.spaceDirections = parseVectors(dirs);
    if (h.spaceDirections.length !== dimension) bad(`"space directions" has ${h.spaceDirections.length} entries, expected ${dimension}`);
    if (h.spaceDirections.some((d) => d && !d.every(Number.isFinite))) bad(`"space directions" is not numeric: ${dirs}`);
  }
  const origin = get('space origin');
  if (origin) {
    h.spaceOrigin = parseVectors(origin)[0] ?? undefined;
    if (!h.spaceOrigin?.every(Number.isFinite)) bad(`"space origin" is not a numeric vector: ${origin}`);
  }
  const units = get('space units');
  if (units) h.spaceUnits = [...units.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  const spacings = get('spacings');
  if (spacings) h.spacings = parseNumbers(spacings);
  const mins = get('axis mins', 'axismins');
  if (mins) h.axisMins = parseNumbers(mins);
  const kinds = get('kinds');
  if (kinds) h.kinds = kinds.split(/\s+/);
  const content = get('content');
  if (content) h.content = content;
  const frame = get('measurement frame');
  if (frame) h.measurementFrame = parseVectors(frame).filter((v): v is number[] => v !== null);
  const dataFile = get('data file', 'datafile');
  if (dataFile) h.dataFiles = listFiles ?? parseDataFile(dataFile);
  return h;
}

/** A single name, or the `format min max step [subdim]` numbered form. */
function parseDataFile(value: string): string[] {
  const parts = value.split(/\s+/);
  if (parts.length >= 4 && /%\d*d/.test(parts[0])) {
    return expandFilePattern(parts[0], Number(parts[1]), Number(parts[2]), Number(parts[3]));
  }
  return [value];
}
