/** Defaults of {@link RegistrationCache}. */
export const REGISTRATION_CACHE_DEFAULTS = { maxEntries: 32 } as const;

/**
 * A small least-recently-used map for registration answers: `get` refreshes an entry, `set`
 * drops the least recently used one beyond `maxEntries`. Keys name the inputs exactly (see the
 * plugin's key: mode and every SOP Instance UID of both series), so an entry never goes stale.
 */
export class RegistrationCache<V> {
  readonly maxEntries: number;
  private readonly entries = new Map<string, V>();

  constructor(maxEntries: number = REGISTRATION_CACHE_DEFAULTS.maxEntries) {
    if (!(Number.isInteger(maxEntries) && maxEntries >= 1)) throw new RangeError(`maxEntries ${maxEntries}: expected an integer ≥ 1`);
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
