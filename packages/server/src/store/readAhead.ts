/** How far `readAhead` may run ahead of the consumer. */
export interface ReadAheadLimits {
  /** Reads in flight or waiting, at most. */
  items: number;
  /** Their summed `sizeOf`, at most; one read always runs, however large. */
  bytes: number;
}

/**
 * `read` of each item, yielded in item order, with later reads already in flight: a study's
 * instances are read while earlier ones are being sent, rather than one thread-pool round trip
 * after another. `limits` bound what waits in memory beyond the result being consumed; `sizeOf`
 * tells an item's size before it is read (0 when unknown). Items are taken from `items` only as
 * they are read, so it may be a lazy iterable.
 */
export async function* readAhead<T, R>(items: Iterable<T>, read: (item: T) => Promise<R>, sizeOf: (item: T) => number, limits: ReadAheadLimits): AsyncGenerator<R> {
  const source = items[Symbol.iterator]();
  const pending: { result: Promise<R>; size: number }[] = [];
  // The next item, taken from `source` but not read yet (its size did not fit).
  let waiting: IteratorResult<T> = source.next();
  let bytes = 0;
  const fill = () => {
    while (!waiting.done && pending.length < limits.items) {
      const size = sizeOf(waiting.value);
      if (pending.length > 0 && bytes + size > limits.bytes) break;
      const result = read(waiting.value);
      // Awaited below in order; until then a rejection must not count as unhandled.
      result.catch(() => undefined);
      pending.push({ result, size });
      bytes += size;
      waiting = source.next();
    }
  };
  fill();
  while (pending.length > 0) {
    const { result, size } = pending.shift()!;
    const value = await result;
    bytes -= size;
    fill();
    yield value;
  }
}
