import type { JpegBitReader } from './JpegBitReader.ts';

/** Bits of look-ahead resolved by one table lookup; longer codes take the MAXCODE path. */
const LOOKAHEAD_BITS = 9;

/**
 * A Huffman decoding table from a DHT segment (ITU-T T.81 B.2.4.2): code lengths BITS and values
 * HUFFVAL become canonical codes (Annex C), decoded with a 9-bit look-ahead table and, for longer
 * codes, the MINCODE / MAXCODE / VALPTR procedure of F.2.2.3.
 *
 * @example
 * const table = JpegHuffmanTable.from(counts, values);
 * const category = table.decode(reader);
 */
export class JpegHuffmanTable {
  /** (length << 8) | value for every 9-bit prefix that starts with a code of ≤ 9 bits, else 0. */
  private readonly lookup = new Uint16Array(1 << LOOKAHEAD_BITS);
  /** Largest code of each length 1…16, −1 when there is none. */
  private readonly maxCode = new Int32Array(17).fill(-1);
  private readonly minCode = new Int32Array(17);
  private readonly valPtr = new Int32Array(17);
  private readonly values: Uint8Array;

  private constructor(values: Uint8Array) {
    this.values = values;
  }

  /**
   * Builds the table from the 16 code counts (BITS) and the values (HUFFVAL); undefined when the
   * counts describe more codes than fit (a corrupt DHT).
   */
  static from(counts: ArrayLike<number>, values: Uint8Array): JpegHuffmanTable | undefined {
    const table = new JpegHuffmanTable(values);
    // Generate_size_table and Generate_code_table (T.81 C.1, C.2) folded together.
    let code = 0;
    let k = 0;
    for (let length = 1; length <= 16; length++) {
      const n = counts[length - 1];
      if (n > 0) {
        table.valPtr[length] = k;
        table.minCode[length] = code;
        if (code + n > 1 << length) return undefined;
        for (let i = 0; i < n; i++, code++, k++) {
          if (length <= LOOKAHEAD_BITS) {
            const shift = LOOKAHEAD_BITS - length;
            const entry = (length << 8) | values[k];
            table.lookup.fill(entry, code << shift, (code + 1) << shift);
          }
        }
        table.maxCode[length] = code - 1;
      }
      code <<= 1;
    }
    return table;
  }

  /** DECODE (T.81 F.2.2.3): the next value from `reader`, or −1 when no code matches. */
  decode(reader: JpegBitReader): number {
    const bits16 = reader.peek(16);
    const hit = this.lookup[bits16 >>> (16 - LOOKAHEAD_BITS)];
    if (hit !== 0) {
      reader.advance(hit >> 8);
      return hit & 0xff;
    }
    for (let length = LOOKAHEAD_BITS + 1; length <= 16; length++) {
      const code = bits16 >>> (16 - length);
      if (code <= this.maxCode[length]) {
        reader.advance(length);
        return this.values[this.valPtr[length] + code - this.minCode[length]];
      }
    }
    return -1;
  }
}
