import type { Point3 } from '../math/Vec3.ts';
import { PHANTOM_LABEL, PHANTOM_MATERIAL_HU } from './phantomLabels.ts';
import type { PhantomShape, ShapePaint } from './shapes/PhantomShape.ts';
import { frameAboutZ } from './shapes/RigidFrame.ts';
import { SuperellipticPrism } from './shapes/SuperellipticPrism.ts';
import { Tube } from './shapes/Tube.ts';

/** Layout of the spine and ribs in the body frame (mm). */
export const SKELETON_LAYOUT = {
  /** Vertebra repeat along z; bodies are 24 mm tall with 8 mm discs between them. */
  vertebraPeriodMm: 32,
  vertebralBodyHalfHeightMm: 12,
  /** Centre z of the lowest vertebra, and how many there are (covering z −224 … +224). */
  firstVertebraZ: -224,
  vertebraCount: 15,
  /** Cortical shell thickness of vertebrae and ribs. */
  cortexMm: 1.5,
  /** Vertebral body centre (x, y) and semi-axes. */
  bodyCentre: [0, 45] as const,
  bodySemiMm: [22, 17] as const,
  /** Spinal canal centre (x, y) and semi-axes. */
  canalCentre: [0, 75] as const,
  canalSemiMm: [10, 8] as const,
  /** Rib pairs: the top one at z = 180, then every 22 mm down. */
  ribTopZ: 180,
  ribPairs: 11,
  ribSpacingMm: 22,
  ribRadiusMm: 4.5,
} as const;

const CORTEX: ShapePaint = { label: PHANTOM_LABEL.vertebrae, hu: PHANTOM_MATERIAL_HU.cortex };
const CANCELLOUS: ShapePaint = { label: PHANTOM_LABEL.vertebrae, hu: PHANTOM_MATERIAL_HU.cancellous };

function prism(name: string, x: number, y: number, z: number, a: number, b: number, halfHeight: number, paint: ShapePaint, n = 2): SuperellipticPrism {
  return new SuperellipticPrism(name, frameAboutZ([x, y, z]), { a, b, n, halfHeight }, paint);
}

/** A bone part: a cortical prism and its cancellous core (shrunk by the cortex on every side). */
interface BonePart {
  name: string;
  centre: Point3;
  a: number;
  b: number;
  halfHeight: number;
  n: number;
}

/**
 * Paint all cortices of a vertebra's parts first, then all cancellous cores: where parts overlap
 * (body and arch, arch and processes) the cores merge, so cortex remains only on the outside of
 * the whole vertebra, as in a real one.
 */
function vertebraShapes(parts: readonly BonePart[]): PhantomShape[] {
  const c = SKELETON_LAYOUT.cortexMm;
  const cortex = parts.map((p) => prism(`${p.name} cortex`, p.centre[0], p.centre[1], p.centre[2], p.a, p.b, p.halfHeight, CORTEX, p.n));
  const cores = parts.map((p) => prism(`${p.name} cancellous`, p.centre[0], p.centre[1], p.centre[2], p.a - c, p.b - c, p.halfHeight - c, CANCELLOUS, p.n));
  return [...cortex, ...cores];
}

/**
 * The spine: per vertebra a body, pedicles, a neural arch around the canal, transverse and spinous
 * processes (cortex over a cancellous core), a cortical canal wall, discs between the bodies,
 * and the spinal canal (cord + CSF) through the whole field of view.
 */
export function spineShapes(): PhantomShape[] {
  const L = SKELETON_LAYOUT;
  const [bx, by] = L.bodyCentre, [ba, bb] = L.bodySemiMm;
  const [cx, cy] = L.canalCentre, [ca, cb] = L.canalSemiMm;
  const h = L.vertebralBodyHalfHeightMm;
  const shapes: PhantomShape[] = [];
  for (let m = 0; m < L.vertebraCount; m++) {
    const z = L.firstVertebraZ + m * L.vertebraPeriodMm;
    const name = `vertebra ${m + 1}`;
    shapes.push(...vertebraShapes([
      { name: `${name} body`, centre: [bx, by, z], a: ba, b: bb, halfHeight: h, n: 2 },
      { name: `${name} arch`, centre: [cx, cy, z], a: ca + 7, b: cb + 9, halfHeight: h - 2, n: 2 },
      { name: `${name} pedicles`, centre: [cx, (by + cy) / 2 + 2, z], a: 15, b: 8, halfHeight: h - 2, n: 4 },
      { name: `${name} spinous process`, centre: [cx, cy + 15, z], a: 4, b: 9, halfHeight: 6, n: 2 },
      { name: `${name} right transverse process`, centre: [-25, 68, z], a: 14, b: 5, halfHeight: 6, n: 3 },
      { name: `${name} left transverse process`, centre: [25, 68, z], a: 14, b: 5, halfHeight: 6, n: 3 },
    ]));
    shapes.push(prism(`${name} canal wall`, cx, cy, z, ca + L.cortexMm, cb + L.cortexMm, h - 2, CORTEX));
    if (m + 1 < L.vertebraCount) {
      const disc = { label: PHANTOM_LABEL.intervertebralDiscs, hu: 90 };
      shapes.push(prism(`disc ${m + 1}`, bx, by, z + L.vertebraPeriodMm / 2, ba, bb, L.vertebraPeriodMm / 2 - h, disc));
    }
  }
  shapes.push(prism('spinal canal', cx, cy, 0, ca, cb, 300, { label: PHANTOM_LABEL.spinalCanal, hu: 30 }));
  return shapes;
}

/** Centreline of one rib: from the transverse process round the chest wall, sloping down anteriorly. */
export function ribCentreline(side: -1 | 1, topZ: number): Point3[] {
  const points: Point3[] = [[side * 40, 66, topZ]];
  for (let deg = 30; deg <= 150; deg += 15) {
    const t = (deg * Math.PI) / 180;
    points.push([side * 118 * Math.sin(t), 80 * Math.cos(t), topZ - (45 * (deg - 30)) / 120]);
  }
  return points;
}

/** Rib pairs as tubes: a cortical tube with a cancellous core along the same centreline. */
export function ribShapes(): PhantomShape[] {
  const L = SKELETON_LAYOUT;
  const shapes: PhantomShape[] = [];
  for (let r = 0; r < L.ribPairs; r++) {
    for (const side of [-1, 1] as const) {
      const line = ribCentreline(side, L.ribTopZ - r * L.ribSpacingMm);
      const name = `${side < 0 ? 'right' : 'left'} rib ${r + 1}`;
      shapes.push(new Tube(`${name} cortex`, line, L.ribRadiusMm, { label: PHANTOM_LABEL.ribs, hu: PHANTOM_MATERIAL_HU.cortex }));
      shapes.push(new Tube(`${name} cancellous`, line, L.ribRadiusMm - 2, { label: PHANTOM_LABEL.ribs, hu: PHANTOM_MATERIAL_HU.cancellous }));
    }
  }
  return shapes;
}
