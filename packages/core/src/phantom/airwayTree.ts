import type { Point3 } from '../math/Vec3.ts';
import { PHANTOM_LABEL, PHANTOM_MATERIAL_HU } from './phantomLabels.ts';
import type { PhantomShape } from './shapes/PhantomShape.ts';
import { Tube } from './shapes/Tube.ts';

/** One branch of the airway tree: a centreline, a lumen radius and a wall thickness (mm). */
export interface AirwayBranch {
  name: string;
  centreline: Point3[];
  lumenRadiusMm: number;
  wallMm: number;
}

/** Trachea, main bronchi and lobar bronchi in the body frame (LPS mm). */
export const AIRWAY_BRANCHES: readonly AirwayBranch[] = [
  { name: 'trachea', centreline: [[0, 0, 240], [0, 2, 110]], lumenRadiusMm: 9, wallMm: 2 },
  { name: 'right main bronchus', centreline: [[0, 2, 110], [-30, 6, 95]], lumenRadiusMm: 6.5, wallMm: 1.5 },
  { name: 'right upper lobe bronchus', centreline: [[-30, 6, 95], [-52, 4, 115], [-68, 0, 128]], lumenRadiusMm: 4.5, wallMm: 1.5 },
  { name: 'bronchus intermedius', centreline: [[-30, 6, 95], [-42, 10, 70]], lumenRadiusMm: 5.5, wallMm: 1.5 },
  { name: 'right middle lobe bronchus', centreline: [[-42, 10, 70], [-62, -20, 58]], lumenRadiusMm: 3.5, wallMm: 1.2 },
  { name: 'right lower lobe bronchus', centreline: [[-42, 10, 70], [-62, 30, 35]], lumenRadiusMm: 4.5, wallMm: 1.5 },
  { name: 'left main bronchus', centreline: [[0, 2, 110], [40, -6, 88]], lumenRadiusMm: 6.5, wallMm: 1.5 },
  { name: 'left upper lobe bronchus', centreline: [[40, -6, 88], [62, -18, 110]], lumenRadiusMm: 4.5, wallMm: 1.5 },
  { name: 'left lower lobe bronchus', centreline: [[40, -6, 88], [62, 28, 50]], lumenRadiusMm: 4.5, wallMm: 1.5 },
];

/**
 * The airway tree as tubes: every wall first (soft tissue, HU only, so wall voxels keep the label
 * beneath), then every lumen (label airway, air), so no wall is drawn across a lumen at a branch.
 */
export function airwayShapes(): PhantomShape[] {
  const walls = AIRWAY_BRANCHES.map((b) => new Tube(`${b.name} wall`, b.centreline, b.lumenRadiusMm + b.wallMm, { hu: PHANTOM_MATERIAL_HU.airwayWall }));
  const lumens = AIRWAY_BRANCHES.map((b) => new Tube(b.name, b.centreline, b.lumenRadiusMm, { label: PHANTOM_LABEL.airway, hu: PHANTOM_MATERIAL_HU.air }));
  return [...walls, ...lumens];
}
