/** Runs async tasks with at most a fixed number in flight; the others wait in arrival order. */
export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A limit of `slots` tasks at once (e.g. open files of a store).
 *
 * @example
 * const limit = limitConcurrency(16);
 * await Promise.all(files.map((f) => limit(() => writeFileAtomic(f.path, f.bytes))));
 */
export function limitConcurrency(slots: number): ConcurrencyLimit {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, so a newcomer cannot overtake it.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
