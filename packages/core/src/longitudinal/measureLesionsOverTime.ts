import { VoxaError } from '../errors/VoxaError.ts';
import { mat4Invert, transformPoint, type Mat4 } from '../math/Mat4.ts';
import type { Vec3 } from '../math/Vec3.ts';
import { lesionAxesFromMask, type LesionAxes } from '../measure/lesionAxes.ts';
import type { Lesion, LesionObservation, ResponseInput } from '../response/ResponseInput.ts';
import { segmentLesionAt, type LesionOptions } from '../segmentation/lesion/segmentLesionAt.ts';
import type { Volume } from '../volume/Volume.ts';

/** One scan of the patient, with where its anatomy is relative to the baseline. */
export interface LongitudinalScan {
  dateIso: string;
  volume: Volume;
  /** Baseline LPS → this scan's LPS (a registration's fixedToMoving, baseline fixed); omitted for the baseline itself. */
  baselineToScan?: Mat4;
}

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
}

/**
 * Follow lesions over a patient's scans: each baseline click is carried into every follow-up
 * through that scan's registration (so the lesion is matched by anatomy, not found again by
 * hand), segmented there with one-click lesion segmentation, and measured from its 3D segment:
 * RECIST long and short axis in the acquisition plane, volume and mean HU. New lesions are
 * measured in the scan where they were clicked and followed the same way in later scans. The result is the input of every response
 * criterion (`evaluateRecist11` …) plus each measurement with its axes' end points (to show and
 * edit as a bidirectional measurement).
 */
export function measureLesionsOverTime(
  scans: readonly LongitudinalScan[],
  baseline: readonly BaselineLesionSeed[],
  newLesions: readonly NewLesionSeed[] = [],
  options: Partial<LesionOptions> = {},
): { input: ResponseInput; measurements: LesionMeasurement[] } {
  if (scans.length === 0) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, 'no scans: expected the baseline first, then the follow-ups');
  scans.forEach((s, i) => {
    if (i > 0 && !s.baselineToScan) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `scan ${i} (${s.dateIso}) has no baselineToScan: register it onto the baseline first`);
  });
  const measurements: LesionMeasurement[] = [];
  const measure = (lesionId: string, scan: number, seedLps: Vec3): LesionObservation => {
    const volume = scans[scan].volume;
    const seg = segmentLesionAt(volume, seedLps, options);
    const axes = lesionAxesFromMask(seg.mask, volume.dimensions, volume.indexToWorld);
    let sum = 0;
    for (let n = 0; n < seg.mask.length; n++) if (seg.mask[n]) sum += volume.voxels[n];
    const meanHu = sum / Math.max(1, seg.voxelCount);
    measurements.push({ lesionId, scan, seedLps, axes, volumeMm3: seg.volumeMm3, meanHu, voxelCount: seg.voxelCount, method: seg.method });
    return { longAxisMm: axes.longMm, shortAxisMm: axes.shortMm, volumeMm3: seg.volumeMm3, meanHu };
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
  return { input: { timePoints: scans.map((s) => ({ dateIso: s.dateIso })), lesions }, measurements };
}
