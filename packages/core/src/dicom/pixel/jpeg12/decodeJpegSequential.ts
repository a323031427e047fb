import { VoxaError, type ErrorWhere } from '../../../errors/VoxaError.ts';
import { assembleJpegSamples } from './assembleJpegSamples.ts';
import { decodeJpegScan } from './decodeJpegScan.ts';
import type { JpegComponent, JpegFrame, JpegScanComponent } from './JpegFrame.ts';
import { JpegHuffmanTable } from './JpegHuffmanTable.ts';

/** Options of {@link decodeJpegSequential}. */
export interface DecodeJpegSequentialOptions {
  /** Where the stream comes from (file, UID), named in every error. */
  where?: ErrorWhere;
}

/** An image decoded by {@link decodeJpegSequential}. */
export interface JpegSequentialImage {
  columns: number;
  rows: number;
  /** Sample precision P of the frame: 8 or 12. */
  precision: number;
  /** Component identifiers, in frame order. */
  componentIds: number[];
  /** Interleaved samples as coded (YCbCr stays YCbCr); Uint8Array for P = 8, Uint16Array for P = 12. */
  samples: Uint8Array | Uint16Array;
}

/**
 * Decodes a JPEG stream of the sequential DCT processes with Huffman coding (ITU-T T.81 Annex F;
 * baseline SOF0 and extended SOF1, i.e. DICOM processes 1, 2 and 4): 8- or 12-bit precision, any
 * number of components and sampling factors, interleaved or one-component scans, restart
 * intervals, 8- and 16-bit quantization tables. The inverse DCT is double-precision floating point
 * ({@link idct8x8}). Progressive, lossless, hierarchical and arithmetic-coded frames, and a DNL
 * marker, throw VOXA_ERR_DECODE_FAILED, as do corrupt or truncated streams.
 *
 * @example
 * const image = decodeJpegSequential(fragment, { where: { file } });
 * image.samples; // Uint16Array for a 12-bit frame
 */
export function decodeJpegSequential(data: Uint8Array, options: DecodeJpegSequentialOptions = {}): JpegSequentialImage {
  const where = options.where ?? {};
  const fail: Fail = (detail) => {
    throw new VoxaError('VOXA_ERR_DECODE_FAILED', where, `JPEG: ${detail}`);
  };
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) fail('no SOI marker at the start of the stream');
  const quantTables: (Int32Array | undefined)[] = [];
  const dcTables: (JpegHuffmanTable | undefined)[] = [];
  const acTables: (JpegHuffmanTable | undefined)[] = [];
  let frame: JpegFrame | undefined;
  let restartInterval = 0;
  let at = 2;
  for (;;) {
    if (at + 2 > data.length) fail(`the stream ends at byte ${data.length} without an EOI marker`);
    if (data[at] !== 0xff) fail(`expected a marker at byte ${at}, found 0x${hex(data[at])}`);
    let marker = data[at + 1];
    at += 2;
    // Any number of 0xFF fill bytes may precede a marker (B.1.1.2).
    while (marker === 0xff && at < data.length) marker = data[at++];
    if (marker === 0xd9) break; // EOI
    // Markers without a length: TEM, RSTn outside a scan, a second SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    if (at + 2 > data.length) fail(`marker 0xFF${hex(marker)} at byte ${at - 2} is cut off`);
    const length = (data[at] << 8) | data[at + 1];
    const end = at + length;
    if (length < 2 || end > data.length) fail(`segment 0xFF${hex(marker)} at byte ${at - 2} runs past the end of the stream`);
    const segment = data.subarray(at + 2, end);
    if (marker === 0xdb) {
      readQuantTables(segment, quantTables, fail);
    } else if (marker === 0xc4) {
      readHuffmanTables(segment, dcTables, acTables, fail);
    } else if (marker === 0xdd) {
      if (segment.length < 2) fail('DRI segment too short');
      restartInterval = (segment[0] << 8) | segment[1];
    } else if (marker === 0xc0 || marker === 0xc1) {
      if (frame) fail('a second frame header (SOFn)');
      frame = readFrame(segment, marker, fail);
    } else if (marker === 0xda) {
      if (!frame) fail('a scan (SOS) before the frame header (SOFn)');
      const scan = readScan(segment, frame, quantTables, dcTables, acTables, fail);
      at = decodeJpegScan(data, end, frame, scan, restartInterval, where);
      continue;
    } else if (marker === 0xdc) {
      fail('a DNL marker (number of lines defined after the first scan) is not supported');
    } else if (marker === 0xcc || (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8)) {
      fail(`marker 0xFF${hex(marker)}: not a sequential Huffman DCT frame (SOF0/SOF1)`);
    }
    // APPn, COM, DHP, EXP and reserved markers carry nothing the decoder needs.
    at = end;
  }
  if (!frame) fail('no frame header (SOF0/SOF1) before EOI');
  const missing = frame.components.filter((c) => !c.decoded).map((c) => c.id);
  if (missing.length > 0) fail(`component ${missing.join(', ')} is in no scan`);
  return {
    columns: frame.columns,
    rows: frame.rows,
    precision: frame.precision,
    componentIds: frame.components.map((c) => c.id),
    samples: assembleJpegSamples(frame),
  };
}

type Fail = (detail: string) => never;

/** DQT (T.81 B.2.4.1): one or more tables of 64 values, 8-bit (Pq 0) or 16-bit (Pq 1), zig-zag order. */
function readQuantTables(segment: Uint8Array, tables: (Int32Array | undefined)[], fail: Fail): void {
  for (let at = 0; at < segment.length; ) {
    const pq = segment[at] >> 4;
    const tq = segment[at] & 15;
    const size = pq === 0 ? 64 : 128;
    if (pq > 1 || tq > 3 || at + 1 + size > segment.length) fail(`invalid DQT table (Pq ${pq}, Tq ${tq})`);
    const table = new Int32Array(64);
    for (let k = 0; k < 64; k++) table[k] = pq === 0 ? segment[at + 1 + k] : (segment[at + 1 + 2 * k] << 8) | segment[at + 2 + 2 * k];
    tables[tq] = table;
    at += 1 + size;
  }
}

/** DHT (T.81 B.2.4.2): one or more tables, each 16 code-length counts then the values. */
function readHuffmanTables(
  segment: Uint8Array,
  dcTables: (JpegHuffmanTable | undefined)[],
  acTables: (JpegHuffmanTable | undefined)[],
  fail: Fail,
): void {
  for (let at = 0; at < segment.length; ) {
    const tc = segment[at] >> 4;
    const th = segment[at] & 15;
    if (tc > 1 || th > 3 || at + 17 > segment.length) fail(`invalid DHT table (Tc ${tc}, Th ${th})`);
    const counts = segment.subarray(at + 1, at + 17);
    let total = 0;
    for (let i = 0; i < 16; i++) total += counts[i];
    if (at + 17 + total > segment.length) fail(`DHT table (Tc ${tc}, Th ${th}) lists more values than the segment holds`);
    const table = JpegHuffmanTable.from(counts, segment.slice(at + 17, at + 17 + total));
    if (!table) fail(`DHT table (Tc ${tc}, Th ${th}) has more codes of some length than fit`);
    (tc === 0 ? dcTables : acTables)[th] = table;
    at += 17 + total;
  }
}

/** SOF0 / SOF1 (T.81 B.2.2): precision, size and components, with the MCU geometry of A.2.3. */
function readFrame(segment: Uint8Array, marker: number, fail: Fail): JpegFrame {
  if (segment.length < 6) fail('frame header too short');
  const precision = segment[0];
  const rows = (segment[1] << 8) | segment[2];
  const columns = (segment[3] << 8) | segment[4];
  const count = segment[5];
  // T.81 allows 12 bits only with SOF1, but SOF0 codes the same way: accept it, as libjpeg does.
  if (precision !== 8 && precision !== 12) fail(`${precision}-bit samples in a DCT frame (0xFF${hex(marker)}); expected 8 or 12`);
  if (rows === 0) fail('0 lines in the frame header (a DNL marker would define them; not supported)');
  if (columns === 0 || count === 0 || count > 4 || segment.length < 6 + 3 * count) {
    fail(`invalid frame header (${columns} samples per line, ${count} components)`);
  }
  let hMax = 1;
  let vMax = 1;
  const specs: { id: number; h: number; v: number; tq: number }[] = [];
  for (let c = 0; c < count; c++) {
    const o = 6 + 3 * c;
    const spec = { id: segment[o], h: segment[o + 1] >> 4, v: segment[o + 1] & 15, tq: segment[o + 2] };
    if (spec.h < 1 || spec.h > 4 || spec.v < 1 || spec.v > 4 || spec.tq > 3) {
      fail(`component ${spec.id}: sampling factors ${spec.h}x${spec.v}, quantization table ${spec.tq}`);
    }
    hMax = Math.max(hMax, spec.h);
    vMax = Math.max(vMax, spec.v);
    specs.push(spec);
  }
  const mcusPerLine = Math.ceil(columns / (8 * hMax));
  const mcusPerColumn = Math.ceil(rows / (8 * vMax));
  const components = specs.map((s): JpegComponent => {
    const planeWidth = mcusPerLine * s.h * 8;
    const planeHeight = mcusPerColumn * s.v * 8;
    return {
      ...s,
      blocksPerLine: Math.ceil(Math.ceil((columns * s.h) / hMax) / 8),
      blocksPerColumn: Math.ceil(Math.ceil((rows * s.v) / vMax) / 8),
      planeWidth,
      planeHeight,
      plane: new Uint16Array(planeWidth * planeHeight),
      decoded: false,
    };
  });
  return { precision, rows, columns, hMax, vMax, mcusPerLine, mcusPerColumn, components };
}

/**
 * SOS (T.81 B.2.3): the scan's components and their tables. Ss, Se, Ah and Al are ignored, as
 * libjpeg does for sequential frames: some writers put Se = 0 there (pydicom's JPEG-lossy.dcm).
 */
function readScan(
  segment: Uint8Array,
  frame: JpegFrame,
  quantTables: (Int32Array | undefined)[],
  dcTables: (JpegHuffmanTable | undefined)[],
  acTables: (JpegHuffmanTable | undefined)[],
  fail: Fail,
): JpegScanComponent[] {
  const count = segment[0] ?? 0;
  if (count < 1 || count > 4 || segment.length < 1 + 2 * count) fail(`invalid scan header (${count} components)`);
  const scan: JpegScanComponent[] = [];
  let blocksPerMcu = 0;
  for (let i = 0; i < count; i++) {
    const id = segment[1 + 2 * i];
    const component = frame.components.find((c) => c.id === id);
    if (!component) return fail(`the scan names component ${id}, which the frame does not have`);
    if (component.decoded) fail(`component ${id} is in more than one scan`);
    const dc = dcTables[segment[2 + 2 * i] >> 4];
    const ac = acTables[segment[2 + 2 * i] & 15];
    const quant = quantTables[component.tq];
    if (!dc || !ac) return fail(`component ${id}: its Huffman table is not defined`);
    if (!quant) return fail(`component ${id}: quantization table ${component.tq} is not defined`);
    component.decoded = true;
    blocksPerMcu += component.h * component.v;
    scan.push({ component, dc, ac, quant });
  }
  if (count > 1 && blocksPerMcu > 10) fail(`${blocksPerMcu} blocks per MCU (at most 10, B.2.3)`);
  return scan;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
