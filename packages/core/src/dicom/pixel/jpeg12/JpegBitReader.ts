/**
 * Reads the entropy-coded segments of a JPEG scan bit by bit, most significant bit first
 * (ITU-T T.81 F.2.2.5): a stuffed 0xFF00 is one 0xFF data byte; a marker, or the end of the
 * stream, ends the data and is followed by zero bits. Reading a zero-fill bit is an overrun,
 * which the scan decoder checks after each MCU.
 *
 * @example
 * const reader = new JpegBitReader(stream, scanStart);
 * const sign = reader.receive(1);
 */
export class JpegBitReader {
  /** Byte offset of the next byte to load; at a marker once {@link atMarker} is true. */
  pos: number;
  /** A marker (or the end of the stream) was reached: every further bit is zero fill. */
  atMarker = false;
  private readonly data: Uint8Array;
  /** The low `bits` bits of `buffer` are unread, oldest first; at most 32 are held. */
  private buffer = 0;
  private bits = 0;
  /** How many of the unread bits are zero fill after the data (always the newest ones). */
  private fillBits = 0;

  constructor(data: Uint8Array, pos: number) {
    this.data = data;
    this.pos = pos;
  }

  /** True once a bit past the end of the entropy-coded data has been consumed. */
  get overrun(): boolean {
    return this.bits < this.fillBits;
  }

  /** The next `n` (≤ 16) bits without consuming them. */
  peek(n: number): number {
    if (this.bits < n) this.fill();
    return (this.buffer >>> (this.bits - n)) & ((1 << n) - 1);
  }

  /** Consumes `n` bits already seen with {@link peek}. */
  advance(n: number): void {
    this.bits -= n;
  }

  /** RECEIVE(s) then EXTEND (T.81 F.2.2.1, F.2.2.4): the signed value of an `s`-bit magnitude category. */
  receiveExtend(s: number): number {
    if (this.bits < s) this.fill();
    this.bits -= s;
    const v = (this.buffer >>> this.bits) & ((1 << s) - 1);
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
  }

  /**
   * Drops the buffered bits and moves to the marker that ends the entropy-coded data, skipping
   * any stray bytes before it; returns its code (0 when the stream ends without one).
   * {@link pos} is then at the marker's first 0xFF.
   */
  seekMarker(): number {
    const data = this.data;
    let at = this.pos;
    for (; at + 1 < data.length; at++) {
      // 0xFF00 is stuffing and 0xFFFF a fill byte before a marker (T.81 B.1.1.2).
      if (data[at] === 0xff && data[at + 1] !== 0x00 && data[at + 1] !== 0xff) break;
    }
    this.pos = at;
    this.resetBits();
    return at + 1 < data.length ? data[at + 1] : 0;
  }

  /** Continues with fresh entropy-coded data at `pos` (after a restart marker). */
  restartAt(pos: number): void {
    this.pos = pos;
    this.resetBits();
  }

  private resetBits(): void {
    this.buffer = 0;
    this.bits = 0;
    this.fillBits = 0;
    this.atMarker = false;
  }

  /** Loads bytes until more than 24 bits are buffered (so 16-bit peeks and receives always fit). */
  private fill(): void {
    const data = this.data;
    while (this.bits <= 24) {
      let byte = 0;
      if (!this.atMarker && this.pos < data.length) {
        byte = data[this.pos];
        if (byte !== 0xff) {
          this.pos++;
        } else if (data[this.pos + 1] === 0x00) {
          this.pos += 2;
        } else {
          // A marker: leave pos on it and feed zero bits from here on.
          this.atMarker = true;
          byte = 0;
        }
      } else {
        this.atMarker = true;
      }
      if (this.atMarker) this.fillBits += 8;
      this.buffer = (this.buffer << 8) | byte;
      this.bits += 8;
    }
  }
}
