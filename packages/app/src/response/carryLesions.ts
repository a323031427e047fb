import { AIR_HU, transformPoint, type Mat4, type Measurement, type MeasurementLesion, type Point3, type Vec3 } from '@voxa/core';
import { registerSeries, type SeriesRef } from '../api/registrations.ts';
import type { OneClickLesionProposal } from '../segmentation/oneClickLesion.ts';
import { measurementCentre } from './measurementCentre.ts';

/** `Measurement.algorithm` of a lesion measured where a baseline lesion was carried: a proposal until the reader edits or reviews it. */
export const LESION_TRACKING_ALGORITHM = 'Voxa lesion tracking';

/** What became of one baseline lesion in the open study. */
export interface CarriedLesion {
  lesionId: string;
  /** The baseline measurement's centre, baseline LPS mm. */
  baselineLps: Point3;
  /** That centre carried into the open study through the registration, its LPS mm. */
  carriedLps?: Point3;
  /** The measurement made there, tagged with the lesion. */
  measurementId?: string;
  /** Why nothing was measured (not found there, no registration), for the reader to act on. */
  problem?: string;
  /** Measured, but worth a look (its centre far from where the lesion was expected). */
  warning?: string;
}

/** The one-click lesion tool on the open study: its measurement, or the tool's reason for none. */
export type MeasureLesionAt = (seedLps: Vec3, proposal: OneClickLesionProposal) => Promise<{ measurement?: Measurement; reason?: string }>;

/** A carry of the baseline's lesions into the open follow-up. */
export interface CarryLesionsJob {
  baselineStudyUid: string;
  /** The baseline study's saved measurements. */
  baseline: readonly Measurement[];
  /** The open study's measurements: lesions already tagged here are left alone. */
  here: readonly Measurement[];
  /** The open study's image series, where the lesions are measured. */
  followUp: SeriesRef;
  measureAt: MeasureLesionAt;
  /** Called after each step (registration, each lesion) with the lesions done so far. */
  onProgress?: (done: readonly CarriedLesion[], step: string) => void;
  /** The server's registration (injected for tests). */
  register?: typeof registerSeries;
}

const mm = (p: readonly number[]) => `(${p.map((v) => v.toFixed(1)).join(', ')})`;

/**
 * The baseline measurements to carry: one per target or non-target lesion (the first, when a
 * lesion is tagged twice), leaving out those already tagged in the open study.
 */
export function lesionsToCarry(baseline: readonly Measurement[], here: readonly Measurement[]): Measurement[] {
  const taken = new Set(here.flatMap((m) => (m.lesion ? [m.lesion.id] : [])));
  return baseline.filter((m) => {
    if (!m.lesion || m.lesion.kind === 'new' || m.lesion.presence === 'disappeared' || m.points.length === 0 || taken.has(m.lesion.id)) return false;
    taken.add(m.lesion.id);
    return true;
  });
}

/**
 * Carry the baseline's lesions into the open follow-up, as `voxa track` does (core
 * `measureLesionsOverTime`): each baseline series is registered on the server with the baseline
 * fixed and the follow-up moving, so fixedToMoving is baseline LPS → follow-up LPS (core's
 * `baselineToScan`); each lesion measurement's centre is carried through it and the one-click
 * lesion tool runs there, its measurement tagged with the same lesion (id, kind, organ, node) and
 * kept a proposal. A lesion whose segment is empty there, or air, gets a problem, never a measurement.
 * Lesions go one at a time: the tool's segmentation runs one job at once.
 */
export async function carryLesions(job: CarryLesionsJob): Promise<CarriedLesion[]> {
  const register = job.register ?? registerSeries;
  const sources = lesionsToCarry(job.baseline, job.here);
  const done: CarriedLesion[] = [];
  const transforms = new Map<string, Promise<Mat4>>();
  const baselineToFollowUp = (seriesInstanceUid: string) => {
    let t = transforms.get(seriesInstanceUid);
    if (!t) {
      job.onProgress?.(done, 'registering the follow-up onto the baseline…');
      t = register({ studyInstanceUid: job.baselineStudyUid, seriesInstanceUid }, job.followUp).then((a) => Float64Array.from(a.fixedToMoving));
      transforms.set(seriesInstanceUid, t);
    }
    return t;
  };
  for (const source of sources) {
    const lesion = source.lesion!;
    const carried: CarriedLesion = { lesionId: lesion.id, baselineLps: measurementCentre(source) };
    try {
      const t = await baselineToFollowUp(source.seriesInstanceUid);
      carried.carriedLps = transformPoint(t, carried.baselineLps) as Point3;
      job.onProgress?.(done, `measuring ${lesion.id} at ${mm(carried.carriedLps)} mm…`);
      const tag: MeasurementLesion = { id: lesion.id, kind: lesion.kind, organ: lesion.organ, ...(lesion.isLymphNode ? { isLymphNode: true } : {}) };
      const { measurement, reason } = await job.measureAt(carried.carriedLps, { label: `${lesion.id} ${lesion.organ}`, lesion: tag, algorithm: LESION_TRACKING_ALGORITHM, refuse: refuseAir });
      if (measurement) {
        carried.measurementId = measurement.id;
        carried.warning = offCentreWarning(lesion.id, source, carried.carriedLps, measurement);
      } else {
        carried.problem = `${lesion.id}: not found at ${mm(carried.carriedLps)} in this study — measure it by hand or mark it disappeared${reason ? ` (${reason})` : ''}`;
      }
    } catch (e) {
      carried.problem = `${lesion.id}: not carried — ${(e as Error).message}`;
    }
    done.push(carried);
    job.onProgress?.(done, `${done.length} of ${sources.length} lesions carried`);
  }
  return done;
}

/**
 * Refuse a segment of air (CT, core's AIR_HU, the rule `voxa track` follows): the one-click tool
 * grows a region from any seed, so where the lesion is gone it may outline the air it was carried into.
 */
function refuseAir(m: Measurement): string | undefined {
  const hu = m.units === 'HU' ? m.values.meanHu : undefined;
  return hu !== undefined && hu < AIR_HU ? `the region found there is air (mean ${hu.toFixed(0)} HU), no lesion` : undefined;
}

/**
 * A warning when the measured lesion's centre lies further from the carried point than half the
 * baseline long axis (at least 10 mm): the tool may have found a neighbour, or the registration be off.
 */
function offCentreWarning(id: string, source: Measurement, expectedLps: Vec3, m: Measurement): string | undefined {
  const c = measurementCentre(m);
  const d = Math.hypot(c[0] - expectedLps[0], c[1] - expectedLps[1], c[2] - expectedLps[2]);
  const limit = Math.max(10, (source.values.longMm ?? 0) / 2);
  return d > limit ? `${id}: measured ${d.toFixed(1)} mm from where the baseline lesion was carried to — check it is the same lesion` : undefined;
}
