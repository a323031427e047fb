import type { Point3, Vec3 } from '../math/Vec3.ts';
import { KNEE_LABEL, KNEE_SIGNAL } from './kneeLabels.ts';
import type { CartilageFootprint, CartilagePlate } from './shapes/CartilagePlate.ts';
import { CylinderCartilage } from './shapes/CylinderCartilage.ts';
import { Ellipsoid } from './shapes/Ellipsoid.ts';
import type { PhantomShape, ShapePaint } from './shapes/PhantomShape.ts';
import { PlaneCartilage } from './shapes/PlaneCartilage.ts';
import { type RigidFrame, frameAboutZ } from './shapes/RigidFrame.ts';
import { SuperellipticPrism } from './shapes/SuperellipticPrism.ts';

const DEG = Math.PI / 180;

/**
 * Layout of a right knee in extension, LPS mm (x left = medial, y posterior, z superior), origin
 * at the centre of the tibial plateau. The femoral condyles are cylinders on one flexion axis,
 * turned 3° about z (the posterior condylar axis is rarely square to the slices); the tibial
 * plateau is a plane with a 6° posterior slope. Cartilage is 1.5–3.5 mm thick.
 */
export const KNEE_GEOMETRY = {
  /** Flexion axis: a point on it and its angle about z from the x axis. */
  flexionAxisPoint: [0, 3, 29] as Point3,
  flexionAxisTurnDeg: 3,
  /** Condyle centres along the flexion axis from its point (mm), radius and half-length. */
  condyleOffsetMm: 20,
  condyleRadiusMm: 21,
  condyleHalfLengthMm: 14,
  /** Plateau: a point on it, posterior slope, and its superelliptic outline. */
  plateauPoint: [0, 2, 0] as Point3,
  plateauSlopeDeg: 6,
  plateauOutline: { a: 38, b: 27, n: 2.5 },
  /** Centre of each tibial cartilage plate from the plateau point, along x. */
  tibialPlateOffsetMm: 20,
  cortexMm: 1.5,
  minCartilageMm: 1.5,
  maxCartilageMm: 3.5,
} as const;

/** Prisms longer than the field of view, so that it cuts them. */
const LONG_MM = 200;

/** The rasterizer's `hu` channel carries the MR signal here. */
function paint(label: number, signal: number): ShapePaint {
  return { label, hu: signal };
}

/** An orthonormal frame at `origin` whose w is `axis` (unit). */
function frameAlong(origin: Point3, axis: Vec3): RigidFrame {
  // Any unit vector not parallel to the axis gives u; v completes the right-handed frame.
  const ref: Vec3 = Math.abs(axis[2]) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  const ux = ref[1] * axis[2] - ref[2] * axis[1], uy = ref[2] * axis[0] - ref[0] * axis[2], uz = ref[0] * axis[1] - ref[1] * axis[0];
  const l = Math.hypot(ux, uy, uz);
  const u: Vec3 = [ux / l, uy / l, uz / l];
  const v: Vec3 = [axis[1] * u[2] - axis[2] * u[1], axis[2] * u[0] - axis[0] * u[2], axis[0] * u[1] - axis[1] * u[0]];
  return { origin: [...origin] as Point3, u, v, w: [...axis] as Vec3 };
}

function flexionAxis(): Vec3 {
  const a = KNEE_GEOMETRY.flexionAxisTurnDeg * DEG;
  return [Math.cos(a), Math.sin(a), 0];
}

/** Centre of the medial (+1) or lateral (−1) condyle. */
function condyleCentre(side: 1 | -1): Point3 {
  const p = KNEE_GEOMETRY.flexionAxisPoint, a = flexionAxis(), d = side * KNEE_GEOMETRY.condyleOffsetMm;
  return [p[0] + d * a[0], p[1] + d * a[1], p[2] + d * a[2]];
}

/** The plateau's frame at `origin`: u along x, w its outward (superior, tilted posteriorly) normal. */
function plateauFrame(origin: Point3): RigidFrame {
  const b = KNEE_GEOMETRY.plateauSlopeDeg * DEG;
  return { origin: [...origin] as Point3, u: [1, 0, 0], v: [0, Math.cos(b), -Math.sin(b)], w: [0, Math.sin(b), Math.cos(b)] };
}

/** A bone part: a cortical prism, and its marrow core painted after every cortex of the bone. */
interface BonePart {
  name: string;
  frame: RigidFrame;
  a: number;
  b: number;
  n: number;
  halfHeight: number;
}

function boneShapes(label: number, parts: readonly BonePart[]): PhantomShape[] {
  const c = KNEE_GEOMETRY.cortexMm;
  // All cortices first, then all cores: where parts overlap the marrow merges, so cortex is
  // left on the outside of the whole bone only.
  const cortex = parts.map((p) => new SuperellipticPrism(`${p.name} cortex`, p.frame, { a: p.a, b: p.b, n: p.n, halfHeight: p.halfHeight }, paint(label, KNEE_SIGNAL.cortex)));
  const marrow = parts.map((p) => new SuperellipticPrism(`${p.name} marrow`, p.frame, { a: p.a - c, b: p.b - c, n: p.n, halfHeight: p.halfHeight - c }, paint(label, KNEE_SIGNAL.marrow)));
  return [...cortex, ...marrow];
}

function femurShapes(): PhantomShape[] {
  const g = KNEE_GEOMETRY, axis = flexionAxis(), R = g.condyleRadiusMm;
  const shaftBottom = g.flexionAxisPoint[2] - 4;
  return boneShapes(KNEE_LABEL.femur, [
    { name: 'medial condyle', frame: frameAlong(condyleCentre(1), axis), a: R, b: R, n: 2, halfHeight: g.condyleHalfLengthMm },
    { name: 'lateral condyle', frame: frameAlong(condyleCentre(-1), axis), a: R, b: R, n: 2, halfHeight: g.condyleHalfLengthMm },
    { name: 'femoral shaft', frame: frameAboutZ([0, 3, shaftBottom + LONG_MM / 2]), a: 16, b: 14, n: 2, halfHeight: LONG_MM / 2 },
  ]);
}

function tibiaShapes(): PhantomShape[] {
  const g = KNEE_GEOMETRY, p = g.plateauPoint, depth = 40;
  const w = plateauFrame(p).w;
  const centre: Point3 = [p[0] - (depth / 2) * w[0], p[1] - (depth / 2) * w[1], p[2] - (depth / 2) * w[2]];
  const { a, b, n } = g.plateauOutline;
  return boneShapes(KNEE_LABEL.tibia, [
    { name: 'tibial plateau', frame: plateauFrame(centre), a, b, n, halfHeight: depth / 2 },
    { name: 'tibial shaft', frame: frameAboutZ([0, 4, -30 - LONG_MM / 2]), a: 18, b: 16, n: 2, halfHeight: LONG_MM / 2 },
  ]);
}

/** The footprint of a plate with the common thickness range. */
function footprint(centreMm: [number, number], semiAxesMm: [number, number], peak: [number, number]): CartilageFootprint {
  return { centreMm, semiAxesMm, peak, minThicknessMm: KNEE_GEOMETRY.minCartilageMm, maxThicknessMm: KNEE_GEOMETRY.maxCartilageMm };
}

/**
 * The four cartilage plates: femoral on each condyle (from 110° posterior to 100° anterior of
 * the lowest point, 22 mm wide), tibial on each half of the plateau. Each has its own peak.
 */
export function kneeCartilagePlates(): CartilagePlate[] {
  const g = KNEE_GEOMETRY, R = g.condyleRadiusMm, axis = flexionAxis();
  const femoral = paint(KNEE_LABEL.femoralCartilage, KNEE_SIGNAL.cartilage);
  const tibial = paint(KNEE_LABEL.tibialCartilage, KNEE_SIGNAL.cartilage);
  // Condyle frame: u the flexion axis, w inferior (θ = 0 at the lowest point), v = w × u, anterior.
  const condyleFrame = (side: 1 | -1): RigidFrame => {
    const w: Vec3 = [0, 0, -1];
    return { origin: condyleCentre(side), u: axis, v: [w[1] * axis[2] - w[2] * axis[1], w[2] * axis[0] - w[0] * axis[2], w[0] * axis[1] - w[1] * axis[0]], w };
  };
  const arc = (deg: number): number => R * deg * DEG;
  const p = g.plateauPoint, d = g.tibialPlateOffsetMm;
  return [
    new CylinderCartilage('medial femoral cartilage', condyleFrame(1), R, footprint([arc(-5), 0], [arc(105), 11], [0.25, 0.1]), femoral),
    new CylinderCartilage('lateral femoral cartilage', condyleFrame(-1), R, footprint([arc(-5), 0], [arc(105), 10], [-0.2, -0.15]), femoral),
    new PlaneCartilage('medial tibial cartilage', plateauFrame([p[0] + d, p[1], p[2]]), footprint([0, 0], [13, 19], [0.15, -0.1]), tibial),
    new PlaneCartilage('lateral tibial cartilage', plateauFrame([p[0] - d, p[1], p[2]]), footprint([0, 0], [12, 17], [-0.1, 0.2]), tibial),
  ];
}

/**
 * The knee in painting order (each shape overwrites what is beneath): the limb (subcutaneous fat
 * around muscle), the joint capsule's fluid, femur and tibia (cortex over marrow), then the
 * cartilage, last so that its label volume is exactly the plates'. What is left of the fluid
 * between the plates is the joint space (at least 1 mm).
 */
export function kneeShapes(): PhantomShape[] {
  const limb = (name: string, a: number, b: number, label: number, signal: number): SuperellipticPrism =>
    new SuperellipticPrism(name, frameAboutZ([0, 2, 10]), { a, b, n: 2, halfHeight: LONG_MM }, paint(label, signal));
  return [
    limb('subcutaneous fat', 50, 46, KNEE_LABEL.subcutaneousFat, KNEE_SIGNAL.fat),
    limb('muscle', 45, 41, KNEE_LABEL.muscle, KNEE_SIGNAL.muscle),
    new Ellipsoid('joint capsule', frameAboutZ([0, 2, 5]), [36, 24, 9], paint(KNEE_LABEL.jointFluid, KNEE_SIGNAL.fluid)),
    ...femurShapes(),
    ...tibiaShapes(),
    ...kneeCartilagePlates(),
  ];
}
