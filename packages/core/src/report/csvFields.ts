/** A CSV number with at most 4 decimals (sums such as 29.999999999999996 read 30); empty when absent. */
export function csvNumber(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '' : String(Number(v.toFixed(4)));
}

/** A CSV text field (RFC 4180): formula-looking text (= + - @) prefixed with ' so spreadsheets do not run it, quoted when it holds a comma, quote or line break. */
export function csvText(s: string): string {
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
