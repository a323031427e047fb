import { VoxaError } from '../errors/VoxaError.ts';
import type { Measurement, MeasurementLesion } from '../measure/Measurement.ts';
import type { Lesion, LesionObservation, ResponseInput } from '../response/ResponseInput.ts';

/** One time point of an assessment: the study's date and its saved measurements. */
export interface MeasuredTimePoint {
  /** ISO 8601 date of the scan, e.g. '2024-03-01'. */
  dateIso: string;
  /** The study the measurements belong to; named in errors. */
  studyUid?: string;
  measurements: readonly Measurement[];
}

/** Which measurement gave each lesion's observation at each time point (null: none). */
export type ObservationSources = Record<string, (string | null)[]>;

/** Observation values a measurement may carry under the same names as LesionObservation. */
const OBSERVATION_VALUES = ['longAxisMm', 'shortAxisMm', 'viableLongAxisMm', 'volumeMm3', 'meanHu', 'sulPeak', 'suvMax'] as const;

/**
 * The response input of an assessment from the lesion-tagged measurements of its studies
 * (baseline first): lesions are matched across time points by their id; kind, organ and node flag
 * come from the time point the lesion is first tagged. A bidirectional measurement gives long and
 * short axis, a length the long axis; values named like LesionObservation's fields (volumeMm3,
 * suvMax …) are taken as they are; an ROI's mean in HU is the mean HU and its max in SUV the
 * SUVmax. A lesion without a measurement at a time point is not assessed there (null). Untagged
 * measurements are ignored.
 *
 * Throws (VOXA_ERR_BAD_ARGUMENT, naming the study, lesion and measurements) when one lesion is
 * tagged twice at one time point, when a target or non-target appears only after baseline (targets
 * are chosen at baseline: tag it 'new'), or when a lesion's kind or organ changes between time points.
 */
export function responseInputFromMeasurements(timePoints: readonly MeasuredTimePoint[]): { input: ResponseInput; sources: ObservationSources } {
  if (timePoints.length === 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'no time points: expected the baseline study first, then the follow-ups');
  const lesions = new Map<string, Lesion & { observations: (LesionObservation | null)[] }>();
  const sources: ObservationSources = {};
  timePoints.forEach((tp, t) => {
    const where = tp.studyUid ? { study: tp.studyUid } : {};
    const seen = new Map<string, string>();
    for (const m of tp.measurements) {
      const tag = m.lesion;
      if (!tag) continue;
      const bad = (detail: string) => new VoxaError('VOXA_ERR_BAD_ARGUMENT', where, `${tp.dateIso}, lesion ${tag.id}: ${detail}`);
      const twice = seen.get(tag.id);
      if (twice !== undefined) throw bad(`measured twice (measurements ${twice} and ${m.id}); keep one per lesion per time point`);
      seen.set(tag.id, m.id);
      let lesion = lesions.get(tag.id);
      if (!lesion) {
        if (t > 0 && tag.kind !== 'new') throw bad(`a ${tag.kind} lesion first measured at a follow-up (measurement ${m.id}); targets and non-targets are chosen at baseline, so tag it 'new'`);
        lesion = { id: tag.id, organ: tag.organ, kind: tag.kind, observations: timePoints.map(() => null) };
        if (tag.isLymphNode) lesion.isLymphNode = true;
        lesions.set(tag.id, lesion);
        sources[tag.id] = timePoints.map(() => null);
      } else if (lesion.kind !== tag.kind || lesion.organ !== tag.organ) {
        throw bad(`tagged ${tag.kind} in ${tag.organ} by measurement ${m.id}, but ${lesion.kind} in ${lesion.organ} before; a lesion keeps its kind and organ`);
      }
      lesion.observations[t] = observationOf(m, tag);
      sources[tag.id][t] = m.id;
    }
  });
  return { input: { timePoints: timePoints.map((tp) => ({ dateIso: tp.dateIso })), lesions: [...lesions.values()] }, sources };
}

/** The lesion as this measurement saw it. */
function observationOf(m: Measurement, tag: MeasurementLesion): LesionObservation {
  const o: LesionObservation = {};
  if (tag.presence && tag.presence !== 'measured') o.presence = tag.presence;
  if (tag.status) o.status = tag.status;
  if (tag.equivocal) o.equivocal = true;
  if (o.presence === 'disappeared' || o.presence === 'NE') return o;
  const v = m.values;
  if (m.kind === 'bidirectional') {
    if (Number.isFinite(v.longMm)) o.longAxisMm = v.longMm;
    if (Number.isFinite(v.shortMm)) o.shortAxisMm = v.shortMm;
  } else if (m.kind === 'length' && Number.isFinite(v.lengthMm)) {
    o.longAxisMm = v.lengthMm;
  } else if (m.kind === 'ellipse' || m.kind === 'freehand') {
    if (m.units === 'HU' && Number.isFinite(v.mean)) o.meanHu = v.mean;
    if (m.units?.startsWith('SUV') && Number.isFinite(v.max)) o.suvMax = v.max;
  }
  for (const k of OBSERVATION_VALUES) if (Number.isFinite(v[k])) o[k] = v[k];
  return o;
}
