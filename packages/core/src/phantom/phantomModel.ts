import type { Mat4 } from '../math/Mat4.ts';
import type { Point3 } from '../math/Vec3.ts';
import { transformPoint } from '../math/Mat4.ts';
import { VoxaError } from '../errors/VoxaError.ts';
import { AORTA_RADIUS_MM, aortaCentrelineBody } from './aortaCentreline.ts';
import { FOLLOW_UP_MOTIONS, type RigidMotion, baselineToTimePoint, timePointToBaseline } from './followUpMotion.ts';
import { PHANTOM_MAX_TIME_POINTS } from './PhantomOptions.ts';
import { type PhantomLesionAtTimePoint, type PhantomTimePointKind, PHANTOM_TIME_POINT_KINDS, lesionsAtTimePoint } from './phantomLesions.ts';
import { ellipsoidAxialDiameters } from './recistDiameters.ts';
import type { PhantomShape } from './shapes/PhantomShape.ts';
import { torsoShapes } from './torsoAnatomy.ts';

/** The analytic phantom at one time point, in that time point's patient LPS (mm). */
export interface PhantomTimePointModel {
  index: number;
  kind: PhantomTimePointKind;
  motion: RigidMotion;
  /** Baseline LPS → this time point's LPS (the patient's rigid motion). */
  baselineToTimePoint: Mat4;
  /** This time point's LPS → baseline LPS (the inverse). */
  timePointToBaseline: Mat4;
  /** Everything to paint, in order: the torso, then the lesions. */
  shapes: PhantomShape[];
  /** The lesions present, moved into this time point's LPS. */
  lesions: PhantomLesionAtTimePoint[];
  aortaCentrelineLps: Point3[];
  aortaRadiusMm: number;
}

/**
 * The phantom at time point `index` (0 baseline, 1 partial response, 2 progression): every shape
 * of the body-frame model moved by the time point's rigid motion, so images rasterized from it
 * are exact at the new position (no resampling).
 */
export function phantomTimePointModel(index: number): PhantomTimePointModel {
  if (!Number.isInteger(index) || index < 0 || index >= PHANTOM_MAX_TIME_POINTS) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { timePoint: index }, `time point index must be 0 … ${PHANTOM_MAX_TIME_POINTS - 1}`);
  }
  const toTp = baselineToTimePoint(index);
  const lesions = lesionsAtTimePoint(index).map((l) => ({ ...l, shape: l.shape.transformed(toTp) }));
  return {
    index,
    kind: PHANTOM_TIME_POINT_KINDS[index],
    motion: FOLLOW_UP_MOTIONS[index],
    baselineToTimePoint: toTp,
    timePointToBaseline: timePointToBaseline(index),
    shapes: [...torsoShapes().map((s) => s.transformed(toTp)), ...lesions.map((l) => l.shape)],
    lesions,
    aortaCentrelineLps: aortaCentrelineBody().map((p) => transformPoint(toTp, p)),
    aortaRadiusMm: AORTA_RADIUS_MM,
  };
}

/** Analytic RECIST sum of diameters of the target lesions at a time point (LD, or SA for nodes). */
export function targetDiameterSumMm(index: number): number {
  let sum = 0;
  for (const l of lesionsAtTimePoint(index)) {
    if (!l.spec.target) continue;
    const d = ellipsoidAxialDiameters(l.shape.frame, l.shape.semiAxesMm);
    sum += l.spec.nodal ? d.shortAxisMm : d.longAxisMm;
  }
  return sum;
}
