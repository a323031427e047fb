import type { DataSet } from 'dicom-parser';
import { VoxaError } from '../../errors/VoxaError.ts';
import type { AttributeReader } from '../AttributeReader.ts';
import { DataSetReader } from '../DataSetReader.ts';
import type { PaletteLut } from './PixelDescription.ts';
import { tagLabel } from './tagLabel.ts';

const CHANNELS = [
  { name: 'red', descriptor: 'x00281101', data: 'x00281201', segmented: 'x00281221' },
  { name: 'green', descriptor: 'x00281102', data: 'x00281202', segmented: 'x00281222' },
  { name: 'blue', descriptor: 'x00281103', data: 'x00281203', segmented: 'x00281223' },
] as const;

/**
 * Reads the Red/Green/Blue Palette Color Lookup Tables (PS3.3 C.7.6.3.1.5-6), normal or
 * segmented (PS3.3 C.7.9.2); undefined when the data set has no palette descriptor.
 * `littleEndian` is false for Explicit VR Big Endian, where 8-bit entries packed in OW words are swapped.
 */
export function readPaletteLut(
  dataSet: DataSet,
  pixelRepresentation: 0 | 1,
  littleEndian: boolean,
  file?: string,
): PaletteLut | undefined {
  return paletteLutOf(new DataSetReader(dataSet), pixelRepresentation, littleEndian, file);
}

/** {@link readPaletteLut} over any {@link AttributeReader} (e.g. a DICOM JSON data set). */
export function paletteLutOf(
  dataSet: AttributeReader,
  pixelRepresentation: 0 | 1,
  littleEndian: boolean,
  file?: string,
): PaletteLut | undefined {
  if (!dataSet.has(CHANNELS[0].descriptor)) return undefined;
  const tables: Uint16Array[] = [];
  let entries = 0;
  let firstValue = 0;
  let bits = 16;
  for (const channel of CHANNELS) {
    const count = dataSet.uint16(channel.descriptor, 0);
    const first = pixelRepresentation === 1 ? dataSet.int16(channel.descriptor, 1) : dataSet.uint16(channel.descriptor, 1);
    const depth = dataSet.uint16(channel.descriptor, 2);
    if (count === undefined || first === undefined || depth === undefined) {
      throw new VoxaError('VOXA_ERR_DICOM_BAD_VALUE', { file, tag: tagLabel(channel.descriptor) }, 'palette descriptor needs 3 values');
    }
    // PS3.3 C.7.6.3.1.5: a first value of 0 means 2^16 entries.
    entries = count === 0 ? 65536 : count;
    firstValue = first;
    bits = depth;
    tables.push(readChannel(dataSet, channel, entries, bits, littleEndian, file));
  }
  return { entries, firstValue, bits, red: tables[0], green: tables[1], blue: tables[2] };
}

function readChannel(
  dataSet: AttributeReader,
  channel: (typeof CHANNELS)[number],
  entries: number,
  bits: number,
  littleEndian: boolean,
  file: string | undefined,
): Uint16Array {
  const plain = dataSet.bytes(channel.data);
  if (plain) return readPlain(plain, entries, bits, littleEndian);
  const segmented = dataSet.bytes(channel.segmented);
  if (segmented) return expandSegmentedLut(readWords(segmented, littleEndian), entries);
  throw new VoxaError('VOXA_ERR_DICOM_MISSING_TAG', { file, tag: tagLabel(channel.data) }, `no ${channel.name} palette LUT data`);
}

/** Normal LUT data: 16-bit words, or 8-bit entries packed two per OW word (PS3.3 C.7.6.3.1.6). */
function readPlain(bytes: Uint8Array, entries: number, bits: number, littleEndian: boolean): Uint16Array {
  const out = new Uint16Array(entries);
  if (bits === 8 && bytes.length < entries * 2) {
    // Packed 8-bit entries; in big endian the OW words were byte-swapped on encoding.
    const flip = littleEndian ? 0 : 1;
    const n = Math.min(entries, bytes.length);
    for (let i = 0; i < n; i++) out[i] = bytes[i ^ flip] ?? 0;
    return out;
  }
  const words = readWords(bytes, littleEndian);
  out.set(words.subarray(0, Math.min(entries, words.length)));
  if (bits === 8) {
    // Some writers store 8-bit entries one per word, in the high byte: bring them down.
    let max = 0;
    for (let i = 0; i < out.length; i++) if (out[i] > max) max = out[i];
    if (max > 255) for (let i = 0; i < out.length; i++) out[i] >>= 8;
  }
  return out;
}

function readWords(bytes: Uint8Array, littleEndian: boolean): Uint16Array {
  const n = bytes.length >> 1;
  const out = new Uint16Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, n * 2);
  for (let i = 0; i < n; i++) out[i] = view.getUint16(i * 2, littleEndian);
  return out;
}

/**
 * Expands Segmented Palette Color LUT Data (PS3.3 C.7.9.2): discrete (opcode 0), linear (1) and
 * indirect (2) segments, to `entries` values (padded with the last value).
 */
export function expandSegmentedLut(words: Uint16Array, entries: number): Uint16Array {
  const out = new Uint16Array(entries);
  let n = 0;
  const run = (start: number, maxSegments: number, allowIndirect: boolean): void => {
    let i = start;
    let segments = 0;
    while (i < words.length && segments < maxSegments && n < entries) {
      const opcode = words[i];
      const length = words[i + 1] ?? 0;
      if (opcode === 0) {
        for (let k = 0; k < length && n < entries; k++) out[n++] = words[i + 2 + k] ?? 0;
        i += 2 + length;
      } else if (opcode === 1) {
        const y0 = n > 0 ? out[n - 1] : 0;
        const y1 = words[i + 2] ?? 0;
        for (let k = 1; k <= length && n < entries; k++) out[n++] = Math.round(y0 + ((y1 - y0) * k) / length);
        i += 3;
      } else if (opcode === 2 && allowIndirect) {
        // The offset is a byte offset into the segmented data, least significant word first.
        const offset = ((words[i + 2] ?? 0) | ((words[i + 3] ?? 0) << 16)) >>> 0;
        run(offset >> 1, length, false);
        i += 4;
      } else {
        return;
      }
      segments++;
    }
  };
  run(0, Infinity, true);
  if (n > 0) out.fill(out[n - 1], n);
  return out;
}

