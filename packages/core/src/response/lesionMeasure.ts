import type { Lesion, LesionObservation } from './ResponseInput.ts';
import type { LesionAxis, LesionMeasureKind } from './SumCriterionRules.ts';

/** A lesion's measure at one time point, or why there is none. */
export type LesionMeasure = { ok: true; value: number } | { ok: false; reason: string };

/** Unit of a measure kind, for messages and `MeasureSummary.unit`. */
export function measureUnit(kind: LesionMeasureKind): string {
  return kind === 'product' ? 'mm²' : kind === 'volume' ? 'mm³' : 'mm';
}

/** The measure a lesion "too small to measure" gets: the default axis as a diameter, a square's product or a sphere's volume. */
export function tooSmallValue(kind: LesionMeasureKind, axisMm: number): number {
  if (kind === 'product') return axisMm * axisMm;
  if (kind === 'volume') return (Math.PI / 6) * axisMm ** 3;
  return axisMm;
}

/** The observation field a measure kind reads for this lesion. */
export function measureField(kind: LesionMeasureKind, lesion: Lesion): keyof LesionObservation {
  if (kind === 'volume') return 'volumeMm3';
  if (kind === 'long-axis' || kind === 'product') return 'longAxisMm';
  if (lesion.isLymphNode) return 'shortAxisMm';
  return kind === 'viable-diameter' ? 'viableLongAxisMm' : 'longAxisMm';
}

/**
 * The measure of one lesion at one time point (RECIST 1.1 notes on target lesions: nodes contribute their short
 * axis; a lesion too small to measure counts a default, a disappeared one 0).
 */
export function measureLesion(lesion: Lesion, obs: LesionObservation | null, kind: LesionMeasureKind, tooSmallAxisMm: number): LesionMeasure {
  if (!obs) return { ok: false, reason: 'not assessed' };
  const presence = obs.presence ?? 'measured';
  if (presence === 'NE') return { ok: false, reason: 'marked not evaluable' };
  if (presence === 'disappeared') return { ok: true, value: 0 };
  if (presence === 'too-small') return { ok: true, value: tooSmallValue(kind, tooSmallAxisMm) };
  const field = measureField(kind, lesion);
  const v = obs[field];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return { ok: false, reason: `no ${field} recorded` };
  if (kind !== 'product') return { ok: true, value: v };
  const s = obs.shortAxisMm;
  if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) return { ok: false, reason: 'no shortAxisMm recorded' };
  return { ok: true, value: v * s };
}

/** One axis of a lesion at a time point: 0 when disappeared, the default when too small; null when unknown. */
export function lesionAxisMm(obs: LesionObservation | null, axis: LesionAxis, tooSmallAxisMm: number): number | null {
  if (!obs) return null;
  const presence = obs.presence ?? 'measured';
  if (presence === 'NE') return null;
  if (presence === 'disappeared') return 0;
  if (presence === 'too-small') return tooSmallAxisMm;
  const v = obs[axis];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
