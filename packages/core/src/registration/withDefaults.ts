/** `options` with a default in place of each of `defaults`' keys it leaves out or sets to undefined. */
export type WithDefaults<O, D> = Omit<O, keyof D> & { [K in keyof D]-?: K extends keyof O ? Exclude<O[K], undefined> | D[K] : D[K] };

/**
 * `options` with `defaults` filled in where it leaves a key out or undefined: an object spread
 * alone would copy an explicit undefined over the default.
 *
 * @example
 * const o = withDefaults({ levels: undefined, seed: 7 }, { levels: [4, 2, 1], seed: 1 }); // { levels: [4, 2, 1], seed: 7 }
 */
export function withDefaults<O extends object, D extends object>(options: O, defaults: D): WithDefaults<O, D> {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) out[key] = value;
  return out as WithDefaults<O, D>;
}
