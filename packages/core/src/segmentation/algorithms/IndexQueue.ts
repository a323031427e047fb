/**
 * A FIFO of voxel indices on a growable Int32Array ring buffer. Flood fills keep only their
 * frontier here (a surface, far smaller than the volume), so the buffer starts small and doubles.
 */
export class IndexQueue {
  private buf: Int32Array;
  private head = 0;
  private tail = 0;
  private wrap: number;
  /** Indices queued and not yet taken. */
  size = 0;

  constructor(initialCapacity = 1 << 14) {
    let c = 16;
    while (c < initialCapacity) c <<= 1;
    this.buf = new Int32Array(c);
    this.wrap = c - 1;
  }

  push(index: number): void {
    if (this.size === this.buf.length) this.grow();
    this.buf[this.tail] = index;
    this.tail = (this.tail + 1) & this.wrap;
    this.size++;
  }

  /** The oldest index; only call when size > 0. */
  shift(): number {
    const v = this.buf[this.head];
    this.head = (this.head + 1) & this.wrap;
    this.size--;
    return v;
  }

  clear(): void {
    this.head = this.tail = this.size = 0;
  }

  private grow(): void {
    const old = this.buf;
    const next = new Int32Array(old.length * 2);
    // Unroll the ring so that head is at 0 again.
    next.set(old.subarray(this.head));
    next.set(old.subarray(0, this.head), old.length - this.head);
    this.buf = next;
    this.head = 0;
    this.tail = old.length;
    this.wrap = next.length - 1;
  }
}
