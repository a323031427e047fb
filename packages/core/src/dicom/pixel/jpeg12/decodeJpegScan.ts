import { VoxaError, type ErrorWhere } from '../../../errors/VoxaError.ts';
import { idct8x8 } from './idct.ts';
import { JpegBitReader } from './JpegBitReader.ts';
import type { JpegFrame, JpegScanComponent } from './JpegFrame.ts';

/** Natural (row-major) index of the coefficient at zig-zag position k (ITU-T T.81 Figure A.6). */
const ZIGZAG = new Uint8Array([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42,
  49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]);

/** Dequantized coefficients of the block being decoded, reused for every block. */
const _block = new Int32Array(64);

/**
 * Decodes the entropy-coded data of one sequential Huffman scan (ITU-T T.81 F.2.2) that starts at
 * byte `start`, straight into the component sample planes: DC prediction per component, restart
 * markers every `restartInterval` MCUs (B.2.4.4, F.2.1.3.1), MCU order of A.2.2 (one component:
 * blocks in raster order) or A.2.3 (interleaved). Returns the offset of the marker that ends the
 * scan. Throws VOXA_ERR_DECODE_FAILED, naming `where`, on a corrupt or short scan.
 */
export function decodeJpegScan(
  data: Uint8Array,
  start: number,
  frame: JpegFrame,
  scan: JpegScanComponent[],
  restartInterval: number,
  where: ErrorWhere,
): number {
  const reader = new JpegBitReader(data, start);
  const single = scan.length === 1;
  const first = scan[0].component;
  const mcusPerLine = single ? first.blocksPerLine : frame.mcusPerLine;
  const mcuCount = single ? first.blocksPerLine * first.blocksPerColumn : frame.mcusPerLine * frame.mcusPerColumn;
  const predictions = new Int32Array(scan.length);
  const precision = frame.precision;
  let nextRestart = 0;
  for (let mcu = 0; mcu < mcuCount; mcu++) {
    if (restartInterval > 0 && mcu > 0 && mcu % restartInterval === 0) {
      const marker = reader.seekMarker();
      if (marker !== 0xd0 + nextRestart) {
        const found = marker === 0 ? 'the end of the stream' : `marker 0xFF${hex(marker)}`;
        fail(where, `expected restart marker RST${nextRestart} before MCU ${mcu} of ${mcuCount}, found ${found}`);
      }
      reader.restartAt(reader.pos + 2);
      nextRestart = (nextRestart + 1) & 7;
      predictions.fill(0);
    }
    const mcuRow = (mcu / mcusPerLine) | 0;
    const mcuCol = mcu - mcuRow * mcusPerLine;
    for (let s = 0; s < scan.length; s++) {
      const sc = scan[s];
      const c = sc.component;
      // A single-component scan has one block per MCU whatever the sampling factors (A.2.2).
      const bh = single ? 1 : c.h;
      const bv = single ? 1 : c.v;
      for (let by = 0; by < bv; by++) {
        for (let bx = 0; bx < bh; bx++) {
          predictions[s] = decodeBlock(reader, sc, predictions[s], where);
          const row = (mcuRow * bv + by) * 8;
          const col = (mcuCol * bh + bx) * 8;
          idct8x8(_block, c.plane, row * c.planeWidth + col, c.planeWidth, precision);
        }
      }
    }
    if (reader.overrun) fail(where, `the entropy-coded data ends in MCU ${mcu} of ${mcuCount}`);
  }
  reader.seekMarker();
  return reader.pos;
}

/**
 * Decodes one 8×8 block into {@link _block} (T.81 F.2.2.1 DC difference, F.2.2.2 AC run/size
 * codes) and dequantizes it (A.3.4); returns the new DC prediction.
 */
function decodeBlock(reader: JpegBitReader, sc: JpegScanComponent, prediction: number, where: ErrorWhere): number {
  const block = _block;
  const quant = sc.quant;
  block.fill(0);
  const t = sc.dc.decode(reader);
  if (t < 0 || t > 16) fail(where, t < 0 ? 'no DC Huffman code matches the data' : `DC difference category ${t}`);
  const dc = prediction + (t === 0 ? 0 : reader.receiveExtend(t));
  block[0] = dc * quant[0];
  const ac = sc.ac;
  for (let k = 1; k < 64; ) {
    const rs = ac.decode(reader);
    if (rs < 0) fail(where, 'no AC Huffman code matches the data');
    const size = rs & 15;
    const run = rs >> 4;
    if (size === 0) {
      if (run !== 15) break; // EOB: the rest of the block is zero
      k += 16; // ZRL: sixteen zero coefficients
      continue;
    }
    k += run;
    if (k > 63) fail(where, 'an AC run goes past the 64th coefficient');
    block[ZIGZAG[k]] = reader.receiveExtend(size) * quant[k];
    k++;
  }
  return dc;
}

function fail(where: ErrorWhere, detail: string): never {
  throw new VoxaError('VOXA_ERR_DECODE_FAILED', where, `JPEG scan: ${detail}`);
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}
