import type { Point3, Vec3 } from '../math/Vec3.ts';
import { PHANTOM_LABEL, labelPaint } from './phantomLabels.ts';
import { Ellipsoid } from './shapes/Ellipsoid.ts';
import { frameAboutZ } from './shapes/RigidFrame.ts';

/** What each time point shows. */
export type PhantomTimePointKind = 'baseline' | 'partial-response' | 'progression';

/** The time points in order: index 0, 1, 2. */
export const PHANTOM_TIME_POINT_KINDS: readonly PhantomTimePointKind[] = ['baseline', 'partial-response', 'progression'];

/**
 * Linear scale of every target lesion (all three semi-axes) per time point: partial response
 * shrinks each diameter by 35% (RECIST PR needs ≥ 30%); progression grows each by 30% from that
 * nadir (RECIST PD needs ≥ 20% and ≥ 5 mm) and adds a new lesion.
 */
export const TARGET_LESION_SCALE: Readonly<Record<PhantomTimePointKind, number>> = {
  baseline: 1,
  'partial-response': 0.65,
  progression: 0.65 * 1.3,
};

/** One lesion of the phantom, at its baseline size, in the body frame. */
export interface PhantomLesionSpec {
  id: string;
  labelId: number;
  organ: 'liver' | 'lung' | 'lymph node';
  /** RECIST: lymph nodes are measured by their short axis, other lesions by the long axis. */
  nodal: boolean;
  /** Target lesion of the RECIST assessment (new lesions never are). */
  target: boolean;
  centreBody: Point3;
  /** Semi-axes (mm) along the frame axes u, v, w at baseline (or when the lesion appears). */
  semiAxesMm: Vec3;
  /** Rotation of the lesion's frame about the superior axis. */
  angleDeg: number;
  /** Index of the first time point that shows the lesion. */
  firstTimePoint: number;
}

/**
 * The lesions: a hypodense liver lesion, a solid nodule in the right lower lung, a para-aortic
 * lymph node (the three targets), and a second liver lesion that is new at progression.
 */
export const PHANTOM_LESIONS: readonly PhantomLesionSpec[] = [
  {
    id: 'liver-1', labelId: PHANTOM_LABEL.liverLesion1, organ: 'liver', nodal: false, target: true,
    centreBody: [-60, -25, -50], semiAxesMm: [20, 16, 18], angleDeg: 30, firstTimePoint: 0,
  },
  {
    id: 'lung-1', labelId: PHANTOM_LABEL.lungNodule, organ: 'lung', nodal: false, target: true,
    centreBody: [-95, 10, 55], semiAxesMm: [12, 11, 11], angleDeg: 20, firstTimePoint: 0,
  },
  {
    id: 'node-1', labelId: PHANTOM_LABEL.lymphNode, organ: 'lymph node', nodal: true, target: true,
    centreBody: [40, -2, -80], semiAxesMm: [9, 14, 12], angleDeg: 15, firstTimePoint: 0,
  },
  {
    id: 'liver-2', labelId: PHANTOM_LABEL.liverLesion2, organ: 'liver', nodal: false, target: false,
    centreBody: [-30, 5, -85], semiAxesMm: [8, 7, 7.5], angleDeg: -20, firstTimePoint: 2,
  },
];

/** A lesion as it is at one time point, still in the body frame. */
export interface PhantomLesionAtTimePoint {
  spec: PhantomLesionSpec;
  /** True when the lesion was not there at the previous time points. */
  isNew: boolean;
  shape: Ellipsoid;
}

/** The lesions present at a time point, scaled for it, in the body frame. */
export function lesionsAtTimePoint(index: number): PhantomLesionAtTimePoint[] {
  const kind = PHANTOM_TIME_POINT_KINDS[index];
  return PHANTOM_LESIONS.filter((l) => l.firstTimePoint <= index).map((spec) => {
    const scale = spec.target ? TARGET_LESION_SCALE[kind] : 1;
    const semi = spec.semiAxesMm.map((s) => s * scale) as Vec3;
    const shape = new Ellipsoid(spec.id, frameAboutZ(spec.centreBody, spec.angleDeg), semi, labelPaint(spec.labelId));
    return { spec, isNew: index > 0 && spec.firstTimePoint === index, shape };
  });
}
