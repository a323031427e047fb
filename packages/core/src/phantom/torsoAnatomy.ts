import type { Point3, Vec3 } from '../math/Vec3.ts';
import { AORTA_RADIUS_MM, aortaCentrelineBody } from './aortaCentreline.ts';
import { airwayShapes } from './airwayTree.ts';
import { PHANTOM_LABEL, labelPaint } from './phantomLabels.ts';
import { Ellipsoid } from './shapes/Ellipsoid.ts';
import type { PhantomShape } from './shapes/PhantomShape.ts';
import { frameAboutZ } from './shapes/RigidFrame.ts';
import { SuperellipticPrism } from './shapes/SuperellipticPrism.ts';
import { Tube } from './shapes/Tube.ts';
import { ribShapes, spineShapes } from './skeletonShapes.ts';

/** Half-length of the torso prisms: longer than the field of view, so they are cut by it. */
const TORSO_HALF_LENGTH_MM = 300;

/** Outline of the torso (skin surface): a superellipse, 320 mm wide and 230 mm deep. */
export const TORSO_OUTLINE = { a: 160, b: 115, n: 2.5 } as const;

/** Depth below the skin (mm) of each body-wall layer: skin, subcutaneous fat, muscle wall. */
export const BODY_WALL_MM = { skin: 3, subcutaneousFat: 15, muscle: 12 } as const;

function torsoLayer(name: string, insetMm: number, label: number): SuperellipticPrism {
  const { a, b, n } = TORSO_OUTLINE;
  return new SuperellipticPrism(name, frameAboutZ([0, 0, 0]), { a: a - insetMm, b: b - insetMm, n, halfHeight: TORSO_HALF_LENGTH_MM }, labelPaint(label));
}

function organ(name: string, centre: Point3, semiAxesMm: Vec3, angleDeg: number, label: number): Ellipsoid {
  return new Ellipsoid(name, frameAboutZ(centre, angleDeg), semiAxesMm, labelPaint(label));
}

function muscleColumn(name: string, x: number, y: number, z: number, a: number, b: number, halfHeight: number): SuperellipticPrism {
  return new SuperellipticPrism(name, frameAboutZ([x, y, z]), { a, b, n: 2, halfHeight }, labelPaint(PHANTOM_LABEL.muscle));
}

/**
 * The anatomy of the torso in the body frame (= baseline LPS mm; origin at the centre of the
 * field of view), in painting order: each shape overwrites what was painted before it.
 * Body wall (skin, subcutaneous fat, muscle, the visceral cavity), back and psoas muscles, lungs,
 * heart, liver, spleen, kidneys, aorta, airway tree, spine, ribs. Lesions are added per time point.
 */
export function torsoShapes(): PhantomShape[] {
  const w = BODY_WALL_MM;
  const L = PHANTOM_LABEL;
  return [
    torsoLayer('skin', 0, L.skin),
    torsoLayer('subcutaneous fat', w.skin, L.subcutaneousFat),
    torsoLayer('muscle wall', w.skin + w.subcutaneousFat, L.muscle),
    torsoLayer('visceral cavity', w.skin + w.subcutaneousFat + w.muscle, L.visceralFat),
    muscleColumn('right paraspinal muscle', -38, 78, 0, 28, 20, TORSO_HALF_LENGTH_MM),
    muscleColumn('left paraspinal muscle', 38, 78, 0, 28, 20, TORSO_HALF_LENGTH_MM),
    muscleColumn('right psoas', -32, 42, -160, 12, 13, 70),
    muscleColumn('left psoas', 32, 42, -160, 12, 13, 70),
    organ('right lung', [-72, 0, 85], [55, 75, 120], 0, L.rightLung),
    organ('left lung', [72, 0, 90], [52, 73, 115], 0, L.leftLung),
    organ('heart', [15, -35, 55], [55, 42, 48], -31, L.heart),
    organ('liver', [-55, -20, -55], [75, 60, 65], 10, L.liver),
    organ('spleen', [82, 35, -20], [25, 50, 52], 35, L.spleen),
    organ('right kidney', [-72, 48, -120], [28, 20, 52], 145, L.rightKidney),
    organ('left kidney', [72, 48, -105], [28, 20, 52], 35, L.leftKidney),
    new Tube('aorta', aortaCentrelineBody(), AORTA_RADIUS_MM, labelPaint(L.aorta)),
    ...airwayShapes(),
    ...spineShapes(),
    ...ribShapes(),
  ];
}
