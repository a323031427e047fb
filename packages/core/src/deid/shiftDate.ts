/** Date shifting for "Retain Longitudinal Temporal Information with Modified Dates" (PS3.15 §E.3.6). */

const MS_PER_DAY = 86_400_000;

/** Shift a DA value (YYYYMMDD) by whole days; undefined when it is not a valid date. */
export function shiftDa(value: string, days: number): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const d = new Date(t);
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return undefined;
  const s = new Date(t + days * MS_PER_DAY);
  return `${String(s.getUTCFullYear()).padStart(4, '0')}${String(s.getUTCMonth() + 1).padStart(2, '0')}${String(s.getUTCDate()).padStart(2, '0')}`;
}

/** Shift a DT value (YYYYMMDD[HHMMSS[.F]][&ZZXX]) by whole days, keeping the time; undefined when it has no full date. */
export function shiftDt(value: string, days: number): string | undefined {
  const v = value.trim();
  const date = shiftDa(v.slice(0, 8), days);
  return date === undefined ? undefined : date + v.slice(8);
}

/** Whole days from date a to date b (both YYYYMMDD). */
export function daysBetween(a: string, b: string): number {
  const t = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8));
  return Math.round((t(b) - t(a)) / MS_PER_DAY);
}
