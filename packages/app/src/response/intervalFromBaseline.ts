/** A study's distance from the baseline: whole days, and how a reader says it. */
export interface Interval {
  days: number;
  /** 'baseline', '+8 wk (56 d)', '+10 d', '−3 wk (−21 d)'. */
  label: string;
}

/** ISO date (YYYY-MM-DD) → days since the epoch, in UTC so that daylight saving never shifts a day. */
function epochDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * How long after the baseline `dateIso` is. Weeks are what protocols schedule (RECIST: a
 * follow-up every 6–8 weeks), days what a confirmation window (≥ 28 days) counts; both are shown
 * once the interval is at least two weeks.
 */
export function intervalFromBaseline(baselineIso: string, dateIso: string): Interval {
  const days = Math.round(epochDay(dateIso) - epochDay(baselineIso));
  if (!Number.isFinite(days)) return { days: NaN, label: '' };
  if (days === 0) return { days, label: 'baseline' };
  const sign = days > 0 ? '+' : '−';
  const abs = Math.abs(days);
  if (abs < 14) return { days, label: `${sign}${abs} d` };
  const weeks = Math.round((abs / 7) * 10) / 10;
  return { days, label: `${sign}${weeks} wk (${sign}${abs} d)` };
}
