/**
 * A binary min-heap of (float32 key, int32 index) pairs on growable typed arrays. Keys are
 * stored as float32 so that they compare exactly with a float32 cost map (lazy deletion: a popped
 * entry whose key exceeds the map's value is stale).
 */
export class MinHeap {
  private keys: Float32Array;
  private items: Int32Array;
  size = 0;

  constructor(initialCapacity = 1 << 14) {
    this.keys = new Float32Array(initialCapacity);
    this.items = new Int32Array(initialCapacity);
  }

  push(key: number, item: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys, items = this.items;
    let at = this.size++;
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (keys[up] <= key) break;
      keys[at] = keys[up];
      items[at] = items[up];
      at = up;
    }
    keys[at] = key;
    items[at] = item;
  }

  /** Key of the smallest entry; only when size > 0. */
  peekKey(): number {
    return this.keys[0];
  }

  /** Remove the smallest entry and return its item; only when size > 0. */
  pop(): number {
    const keys = this.keys, items = this.items;
    const top = items[0];
    const n = --this.size;
    if (n === 0) return top;
    const key = keys[n], item = items[n];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      keys[at] = keys[child];
      items[at] = items[child];
      at = child;
    }
    keys[at] = key;
    items[at] = item;
    return top;
  }

  private grow(): void {
    const k = new Float32Array(this.keys.length * 2);
    k.set(this.keys);
    const it = new Int32Array(this.items.length * 2);
    it.set(this.items);
    this.keys = k;
    this.items = it;
  }
}
