import type { Lesion, ResponseInput } from './ResponseInput.ts';
import { atMost, lessThan } from './tolerantCompare.ts';

/** Which uptake value PERCIST reads from each lesion. */
export type UptakeMetric = 'sulPeak' | 'suvMax';

/** The hottest lesion of a scan; `missing` names lesions without a value (the true hottest may be among them). */
export interface HottestLesion {
  value: number;
  lesionId: string | null;
  missing: string[];
}

/** A lesion's uptake at t: 0 once it has disappeared, null when not known. */
export function lesionUptake(lesion: Lesion, t: number, metric: UptakeMetric): number | null {
  const o = lesion.observations[t];
  if (!o || o.presence === 'NE') return null;
  if (o.presence === 'disappeared') return 0;
  const v = o[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The single hottest lesion among `lesions` at t (PERCIST measures only that one, wherever it is). */
export function hottestLesion(lesions: readonly Lesion[], t: number, metric: UptakeMetric): HottestLesion {
  const h: HottestLesion = { value: 0, lesionId: null, missing: [] };
  for (const l of lesions) {
    const v = lesionUptake(l, t, metric);
    if (v === null) h.missing.push(l.id);
    else if (h.lesionId === null || v > h.value) { h.value = v; h.lesionId = l.id; }
  }
  return h;
}

/**
 * Whether a lesion's uptake is back to background at t (PERCIST CMR): marked disappeared or
 * absent, or below the liver mean and at most the blood-pool mean when those are given.
 */
export function uptakeResolved(lesion: Lesion, t: number, input: ResponseInput, metric: UptakeMetric): boolean {
  const o = lesion.observations[t];
  if (!o) return false;
  if (o.presence === 'disappeared' || o.status === 'absent') return true;
  const v = lesionUptake(lesion, t, metric), ref = input.timePoints[t].pet;
  if (v === null || ref?.liverSulMean === undefined) return false;
  return lessThan(v, ref.liverSulMean) && (ref.bloodPoolSulMean === undefined || atMost(v, ref.bloodPoolSulMean));
}
