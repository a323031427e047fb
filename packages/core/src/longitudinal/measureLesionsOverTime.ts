import { VoxaError } from '../errors/VoxaError.ts';
import { mat4Invert, transformPoint, type Mat4 } from '../math/Mat4.ts';
import type { Vec3 } from '../math/Vec3.ts';
import type { LesionAxes } from '../measure/lesionAxes.ts';
import { measureLesion } from '../measure/measureLesion.ts';
import { maskOnGrid } from '../measure/maskOnGrid.ts';
import { petLiverReference } from '../measure/petLiverReference.ts';
import { petUptake, type PetUptake } from '../measure/petUptake.ts';
import { sulFactorOf, type SulFactor } from '../measure/sulFactor.ts';
import type { Lesion, LesionObservation, PetReference, ResponseInput } from '../response/ResponseInput.ts';
import { segmentLesionAt, type LesionOptions } from '../segmentation/lesion/segmentLesionAt.ts';
import type { Volume } from '../volume/Volume.ts';

/** One scan of the patient, with where its anatomy is relative to the baseline. */
export interface LongitudinalScan {
  dateIso: string;
  volume: Volume;
  /** Baseline LPS → this scan's LPS (a registration's fixedToMoving, baseline fixed); omitted for the baseline itself. */
  baselineToScan?: Mat4;
  /**
   * The PET of the same session in SUVbw (`loadDicom` converts), in this scan's frame of reference
   * (PET/CT: the same LPS, its own grid): each lesion then gets SUVmax and SULpeak.
   */
  pet?: Volume;
  /** A point of normal right liver lobe in this scan (LPS mm), inside the PET and away from lesions: the PERCIST liver reference is measured there. */
  liverReferenceLps?: Vec3;
}

/** Options of `measureLesionsOverTime`: the segmentation's, and how lesions are looked at on the PET. */
export interface LongitudinalOptions extends LesionOptions {
  /**
   * The CT segment carried onto the PET is grown by this much (mm) before SUVmax and the SULpeak
   * centres are searched in it: PET/CT misregistration of a few mm (breathing) and the PET's 5–7 mm
   * resolution, which blurs a small lesion's hottest voxels over its edge. Small enough not to reach a neighbour's uptake.
   */
  petMarginMm: number;
}

/** Default PET margin: 4 mm, about one PET voxel. */
export const LONGITUDINAL_PET_DEFAULTS: Readonly<Pick<LongitudinalOptions, 'petMarginMm'>> = { petMarginMm: 4 };

/** A lesion the reader designated at baseline by a click inside it. */
export interface BaselineLesionSeed {
  id: string;
  organ: string;
  kind: 'target' | 'non-target';
  isLymphNode?: boolean;
  /** The click, baseline LPS mm. */
  seedLps: Vec3;
}

/** A lesion that appeared at a follow-up, clicked in that scan. */
export interface NewLesionSeed {
  id: string;
  organ: string;
  isLymphNode?: boolean;
  scan: number;
  seedLps: Vec3;
}

/** The automatic measurement of one lesion in one scan. */
export interface LesionMeasurement {
  lesionId: string;
  scan: number;
  /** Where the lesion was looked for: the baseline click carried through the registration. */
  seedLps: Vec3;
  axes: LesionAxes;
  volumeMm3: number;
  meanHu: number;
  voxelCount: number;
  method: 'surface-fit' | 'threshold';
  /** On the scan's PET, over the segment grown by `petMarginMm`. */
  uptake?: PetUptake;
  /** Why the scan has a PET but the lesion no SULpeak (or no uptake at all): no SUL factor, outside the PET. */
  uptakeNote?: string;
}

/** Below this mean HU the one-click region at a point is air (lung, bowel gas, outside the body), not a lesion. */
export const AIR_HU = -900;

/** A lesion not found where it was looked for: not assessed at that scan (its observation is null). */
export interface LesionMiss {
  lesionId: string;
  scan: number;
  seedLps: Vec3;
  /** Why, with the numbers. */
  reason: string;
}

/**
 * Follow lesions over a patient's scans: each baseline click is carried into every follow-up
 * through that scan's registration (so the lesion is matched by anatomy, not found again by
 * hand), segmented there with one-click lesion segmentation, and measured from its 3D segment:
 * RECIST long and short axis in the acquisition plane, volume and mean HU. New lesions are
 * measured in the scan where they were clicked and followed the same way in later scans. The result is the input of every response
 * criterion (`evaluateRecist11` …) plus each measurement with its axes' end points (to show and
 * edit as a bidirectional measurement). A scan with a PET also gives each lesion SUVmax and
 * SULpeak on that PET over its CT segment (carried through LPS, grown by `petMarginMm`), and
 * with a liver point the time point's PERCIST liver reference (`petUptake`, `petLiverReference`).
 * Where a CT point falls in air (the region's level below AIR_HU: the lesion is gone, or the
 * registration missed it), falls outside the scan, or gives a segment without an area, nothing
 * is measured: the observation is null (not assessed, so the criteria say NE) and `misses` says
 * where and why, for the reader to decide.
 */
export function measureLesionsOverTime(
  scans: readonly LongitudinalScan[],
  baseline: readonly BaselineLesionSeed[],
  newLesions: readonly NewLesionSeed[] = [],
  options: Partial<LongitudinalOptions> = {},
): { input: ResponseInput; measurements: LesionMeasurement[]; misses: LesionMiss[] } {
  if (scans.length === 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'no scans: expected the baseline first, then the follow-ups');
  scans.forEach((s, i) => {
    if (i > 0 && !s.baselineToScan) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `scan ${i} (${s.dateIso}) has no baselineToScan: register it onto the baseline first`);
  });
  const { petMarginMm } = { ...LONGITUDINAL_PET_DEFAULTS, ...options };
  const sul = scans.map((s, i) => (s.pet ? scanSulFactor(s, i) : null));
  const measurements: LesionMeasurement[] = [];
  const misses: LesionMiss[] = [];
  const measure = (lesionId: string, scan: number, seedLps: Vec3): LesionObservation | null => {
    const { volume, pet } = scans[scan];
    const miss = (why: string): null => {
      const at = seedLps.map((x) => x.toFixed(1)).join(', ');
      misses.push({ lesionId, scan, seedLps, reason: `lesion ${lesionId} not found at (${at}) in scan ${scan} (${scans[scan].dateIso}): ${why}; not assessed there` });
      return null;
    };
    const ijk = transformPoint(mat4Invert(volume.indexToWorld), seedLps);
    if (ijk.some((v, a) => !(Math.round(v) >= 0 && Math.round(v) < volume.dimensions[a]))) return miss('the point lies outside the scan');
    const seg = segmentLesionAt(volume, seedLps, options);
    if (volume.units === 'HU' && !(seg.insideHu >= AIR_HU)) return miss(`the point is in air (${seg.insideHu.toFixed(0)} HU)`);
    // The same measurement as the workstation's one-click lesion: on the segment's bounding box.
    const { axes, mean: meanHu } = measureLesion(volume, seg);
    if (!axes) return miss(`no section of the segment found there has an area (${seg.voxelCount} voxels)`);
    const m: LesionMeasurement = { lesionId, scan, seedLps, axes, volumeMm3: seg.volumeMm3, meanHu, voxelCount: seg.voxelCount, method: seg.method };
    measurements.push(m);
    const observation: LesionObservation = { longAxisMm: axes.longMm, shortAxisMm: axes.shortMm, volumeMm3: seg.volumeMm3, meanHu };
    if (!pet) return observation;
    const region = maskOnGrid(seg.mask, volume, pet, { marginMm: petMarginMm, boundsIjk: seg.boundsIJK });
    if (region.indexOf(1) < 0) {
      m.uptakeNote = `lesion ${lesionId} lies outside the PET of scan ${scan} (${scans[scan].dateIso})`;
      return observation;
    }
    const factor = sul[scan]!;
    m.uptake = petUptake(pet, { mask: region }, factor.available ? factor.factor : null);
    if (!factor.available) m.uptakeNote = factor.reason;
    observation.suvMax = m.uptake.suvMax;
    if (m.uptake.sulPeak !== null) observation.sulPeak = m.uptake.sulPeak;
    return observation;
  };
  const lesions: Lesion[] = baseline.map((b) => ({
    id: b.id, organ: b.organ, kind: b.kind, isLymphNode: b.isLymphNode,
    observations: scans.map((s, i) => measure(b.id, i, i === 0 ? b.seedLps : transformPoint(s.baselineToScan!, b.seedLps))),
  }));
  for (const n of newLesions) {
    if (!(n.scan >= 1 && n.scan < scans.length)) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `new lesion ${n.id}: scan ${n.scan} is not a follow-up (1 … ${scans.length - 1})`);
    lesions.push({
      id: n.id, organ: n.organ, kind: 'new', isLymphNode: n.isLymphNode,
      // Later scans: the click carried back to the baseline, then into that scan.
      observations: scans.map((s, i) => (i < n.scan ? null
        : measure(n.id, i, i === n.scan ? n.seedLps : transformPoint(s.baselineToScan!, transformPoint(mat4Invert(scans[n.scan].baselineToScan!), n.seedLps))))),
    });
  }
  const timePoints = scans.map((s, i) => {
    const pet = liverReference(s, sul[i]);
    return pet ? { dateIso: s.dateIso, pet } : { dateIso: s.dateIso };
  });
  return { input: { timePoints, lesions }, measurements, misses };
}

/** The scan's SUL factor; throws when its PET is not in the CT's frame of reference. */
function scanSulFactor(s: LongitudinalScan, i: number): SulFactor {
  const ct = s.volume.meta.frameOfReferenceUid, pt = s.pet!.meta.frameOfReferenceUid;
  if (ct && pt && ct !== pt) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { uid: pt }, `scan ${i} (${s.dateIso}): the PET's frame of reference is not the CT's (${ct}); register it to the CT first`);
  }
  return sulFactorOf(s.pet!);
}

/** PERCIST's liver mean and SD for a scan with a PET, a liver point and a SUL factor. */
function liverReference(s: LongitudinalScan, sul: SulFactor | null): PetReference | null {
  if (!s.pet || !s.liverReferenceLps || !sul?.available) return null;
  const { liverSulMean, liverSulSd } = petLiverReference(s.pet, s.liverReferenceLps, sul.factor);
  return { liverSulMean, liverSulSd };
}
