import type { JpegHuffmanTable } from './JpegHuffmanTable.ts';

/** One image component of a frame (ITU-T T.81 B.2.2) and the samples decoded for it so far. */
export interface JpegComponent {
  /** Component identifier Ci. */
  id: number;
  /** Horizontal and vertical sampling factors Hi, Vi (1…4). */
  h: number;
  v: number;
  /** Quantization table destination Tqi (0…3). */
  tq: number;
  /** Blocks of the component proper, ⌈⌈X·Hi/Hmax⌉/8⌉ × ⌈⌈Y·Vi/Vmax⌉/8⌉ (A.2.2, non-interleaved scans). */
  blocksPerLine: number;
  blocksPerColumn: number;
  /** Sample plane padded to whole MCUs (A.2.3, interleaved scans); `plane` holds it row by row. */
  planeWidth: number;
  planeHeight: number;
  plane: Uint16Array;
  /** A scan has decoded this component (each appears in exactly one scan of a sequential image). */
  decoded: boolean;
}

/** A sequential DCT frame (SOF0 / SOF1, ITU-T T.81 B.2.2) with its geometry in MCUs (A.2.3). */
export interface JpegFrame {
  /** Sample precision P: 8 or 12. */
  precision: number;
  /** Number of lines Y and samples per line X. */
  rows: number;
  columns: number;
  hMax: number;
  vMax: number;
  /** MCUs of an interleaved scan: ⌈X / (8·Hmax)⌉ × ⌈Y / (8·Vmax)⌉. */
  mcusPerLine: number;
  mcusPerColumn: number;
  components: JpegComponent[];
}

/** One component of a scan header (B.2.3) with the tables it is decoded with. */
export interface JpegScanComponent {
  component: JpegComponent;
  dc: JpegHuffmanTable;
  ac: JpegHuffmanTable;
  /** Quantization values Q0…Q63 in zig-zag order, as the DQT segment lists them (B.2.4.1). */
  quant: Int32Array;
}
