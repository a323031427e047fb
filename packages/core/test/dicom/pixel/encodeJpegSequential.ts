/**
 * A small sequential-DCT JPEG encoder (ITU-T T.81 Annex F, encoder side) for tests only: it makes
 * the streams no shared file has (12-bit colour, 4:2:0 / 4:2:2, restart intervals, one scan per
 * component, 16-bit DQT, odd sizes). Huffman tables are fixed, not optimised; codes of 12–16 bits
 * are used on purpose so decoders take their long-code path.
 */

/** One component: sampling factors and its samples at its own resolution ⌈X·h/Hmax⌉ × ⌈Y·v/Vmax⌉. */
export interface TestJpegComponent {
  h: number;
  v: number;
  samples: ArrayLike<number>;
  /** Quantization table used (index into `quantTables`). */
  tq: number;
}

export interface TestJpegOptions {
  precision: 8 | 12;
  columns: number;
  rows: number;
  components: TestJpegComponent[];
  /** Quantization tables, 64 values each in zig-zag order. */
  quantTables: number[][];
  /** Write DQT with 16-bit values (Pq = 1). */
  quant16?: boolean;
  /** MCUs between restart markers; 0 or absent for none. */
  restartInterval?: number;
  /** Component indices of each scan; default one interleaved scan of all components. */
  scans?: number[][];
  /** SOF marker: 0xC0 (baseline) or 0xC1 (extended, default). */
  sofMarker?: number;
}

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49,
  56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

const BASIS: number[] = [];
for (let u = 0; u < 8; u++) for (let x = 0; x < 8; x++) BASIS.push(((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16));

interface Table {
  counts: number[];
  values: number[];
  code: Map<number, { code: number; length: number }>;
}

/** Canonical codes (T.81 C.2) for code-length counts and values. */
function table(counts: number[], values: number[]): Table {
  const code = new Map<number, { code: number; length: number }>();
  let next = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < counts[length - 1]; i++) code.set(values[k++], { code: next++, length });
    next <<= 1;
  }
  return { counts, values, code };
}

/** DC categories 0–7 get 4-bit codes, 8–15 12-bit codes. */
const DC = table([0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0], [...Array(16).keys()]);
/** EOB and run-0 sizes 1–15 (the commonest symbols) get 16-bit codes, the other 240 symbols 8-bit codes. */
const COMMON = [...Array(16).keys()];
const AC = table([0, 0, 0, 0, 0, 0, 0, 240, 0, 0, 0, 0, 0, 0, 0, 16], [...[...Array(256).keys()].filter((s) => s > 15), ...COMMON]);

/** Bit writer with 0xFF byte stuffing (T.81 F.1.2.3). */
class BitWriter {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;
  put(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  /** Pads with 1-bits to a byte boundary (F.1.2.3). */
  align(): void {
    while (this.n !== 0) this.put(1, 1);
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0);
    this.acc = 0;
    this.n = 0;
  }
}

function category(v: number): number {
  let a = Math.abs(v);
  let s = 0;
  while (a > 0) {
    s++;
    a >>= 1;
  }
  return s;
}

function putValue(w: BitWriter, v: number, s: number): void {
  w.put(v >= 0 ? v : v + (1 << s) - 1, s);
}

/** Forward DCT (A.3.3), quantization (A.3.4) and Huffman coding (F.1.2) of one block. */
function encodeBlock(w: BitWriter, block: number[], quant: number[], prediction: number): number {
  const coef = new Array<number>(64).fill(0);
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) sum += BASIS[v * 8 + y] * BASIS[u * 8 + x] * block[y * 8 + x];
      coef[v * 8 + u] = sum;
    }
  }
  const q = ZIGZAG.map((n, k) => Math.round(coef[n] / quant[k]));
  const diff = q[0] - prediction;
  const s = category(diff);
  const dc = DC.code.get(s)!;
  w.put(dc.code, dc.length);
  if (s) putValue(w, diff, s);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    if (q[k] === 0) {
      run++;
      continue;
    }
    while (run > 15) {
      const zrl = AC.code.get(0xf0)!;
      w.put(zrl.code, zrl.length);
      run -= 16;
    }
    const size = category(q[k]);
    const c = AC.code.get((run << 4) | size)!;
    w.put(c.code, c.length);
    putValue(w, q[k], size);
    run = 0;
  }
  if (run > 0) {
    const eob = AC.code.get(0)!;
    w.put(eob.code, eob.length);
  }
  return q[0];
}

function segment(marker: number, body: number[]): number[] {
  return [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
}

/** Encodes `o` as a complete JPEG stream (SOI … EOI). */
export function encodeJpegSequential(o: TestJpegOptions): Uint8Array {
  const hMax = Math.max(...o.components.map((c) => c.h));
  const vMax = Math.max(...o.components.map((c) => c.v));
  const mcusPerLine = Math.ceil(o.columns / (8 * hMax));
  const mcusPerColumn = Math.ceil(o.rows / (8 * vMax));
  const comps = o.components.map((c, i) => {
    const width = Math.ceil((o.columns * c.h) / hMax);
    const height = Math.ceil((o.rows * c.v) / vMax);
    return { ...c, id: i + 1, width, height, blocksPerLine: Math.ceil(width / 8), blocksPerColumn: Math.ceil(height / 8) };
  });
  const out: number[] = [0xff, 0xd8];
  for (let t = 0; t < o.quantTables.length; t++) {
    const body = [((o.quant16 ? 1 : 0) << 4) | t];
    for (const q of o.quantTables[t]) body.push(...(o.quant16 ? [q >> 8, q & 0xff] : [q]));
    out.push(...segment(0xdb, body));
  }
  const sof = [o.precision, o.rows >> 8, o.rows & 0xff, o.columns >> 8, o.columns & 0xff, comps.length];
  for (const c of comps) sof.push(c.id, (c.h << 4) | c.v, c.tq);
  out.push(...segment(o.sofMarker ?? 0xc1, sof));
  out.push(...segment(0xc4, [0x00, ...DC.counts, ...DC.values, 0x10, ...AC.counts, ...AC.values]));
  const interval = o.restartInterval ?? 0;
  if (interval > 0) out.push(...segment(0xdd, [interval >> 8, interval & 0xff]));
  const shift = 1 << (o.precision - 1);
  for (const scanComps of o.scans ?? [comps.map((_, i) => i)]) {
    const scan = scanComps.map((i) => comps[i]);
    const sos = [scan.length];
    for (const c of scan) sos.push(c.id, 0x00);
    out.push(...segment(0xda, [...sos, 0, 63, 0]));
    const single = scan.length === 1;
    const perLine = single ? scan[0].blocksPerLine : mcusPerLine;
    const mcuCount = single ? scan[0].blocksPerLine * scan[0].blocksPerColumn : mcusPerLine * mcusPerColumn;
    const w = new BitWriter();
    const predictions = scan.map(() => 0);
    let rst = 0;
    for (let mcu = 0; mcu < mcuCount; mcu++) {
      if (interval > 0 && mcu > 0 && mcu % interval === 0) {
        w.align();
        w.bytes.push(0xff, 0xd0 + rst);
        rst = (rst + 1) & 7;
        predictions.fill(0);
      }
      const row = Math.floor(mcu / perLine);
      const col = mcu % perLine;
      scan.forEach((c, s) => {
        const bh = single ? 1 : c.h;
        const bv = single ? 1 : c.v;
        for (let by = 0; by < bv; by++) {
          for (let bx = 0; bx < bh; bx++) {
            const block: number[] = [];
            // Samples past the component's edge repeat its last column / row (A.2.4 leaves them free).
            for (let y = 0; y < 8; y++) {
              const sy = Math.min((row * bv + by) * 8 + y, c.height - 1);
              for (let x = 0; x < 8; x++) block.push(c.samples[sy * c.width + Math.min((col * bh + bx) * 8 + x, c.width - 1)] - shift);
            }
            predictions[s] = encodeBlock(w, block, o.quantTables[c.tq], predictions[s]);
          }
        }
      });
    }
    w.align();
    out.push(...w.bytes);
  }
  out.push(0xff, 0xd9);
  return new Uint8Array(out);
}
