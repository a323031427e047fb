import { VoxaError } from '../errors/VoxaError.ts';
import type { Vec3 } from '../math/Vec3.ts';
import type { PhantomTimePointTruth } from '../phantom/PhantomTruth.ts';
import type { BaselineLesionSeed, NewLesionSeed } from './measureLesionsOverTime.ts';

/** The reader's clicks on a patient's lesions, as `lesions.json` holds them (`voxa track --lesions`). */
export interface LesionSeeds {
  /** Baseline lesions: a click inside each, baseline LPS mm. */
  lesions: BaselineLesionSeed[];
  /** Lesions that appeared later: the scan index (1 = first follow-up) and a click in that scan. */
  newLesions: NewLesionSeed[];
}

/**
 * Read and check a lesions.json document: every lesion needs an id, an organ, a kind (target or
 * non-target) and a click [x, y, z] in LPS mm; new lesions a scan index ≥ 1. Errors name the
 * file, the lesion and the field.
 */
export function parseLesionSeeds(json: unknown, source = 'lesions.json'): LesionSeeds {
  const bad = (what: string) => new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file: source }, what);
  const doc = json as { lesions?: unknown; newLesions?: unknown };
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.lesions)) throw bad('expected an object with a "lesions" array (and optionally "newLesions")');
  const ids = new Set<string>();
  const common = (x: Record<string, unknown>, where: string) => {
    if (typeof x.id !== 'string' || !x.id.trim()) throw bad(`${where}: "id" must be a non-empty string`);
    if (ids.has(x.id)) throw bad(`${where}: id "${x.id}" is used twice`);
    ids.add(x.id);
    if (typeof x.organ !== 'string' || !x.organ.trim()) throw bad(`lesion ${x.id}: "organ" must be a non-empty string`);
    const seed = x.seedLps;
    if (!Array.isArray(seed) || seed.length !== 3 || !seed.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw bad(`lesion ${x.id}: "seedLps" must be [x, y, z] in LPS mm`);
    }
    if (x.isLymphNode !== undefined && typeof x.isLymphNode !== 'boolean') throw bad(`lesion ${x.id}: "isLymphNode" must be true or false`);
    return { id: x.id, organ: x.organ, isLymphNode: x.isLymphNode as boolean | undefined, seedLps: [seed[0], seed[1], seed[2]] as Vec3 };
  };
  const lesions = doc.lesions.map((raw, i): BaselineLesionSeed => {
    const x = raw as Record<string, unknown>;
    const c = common(x, `lesions[${i}]`);
    if (x.kind !== 'target' && x.kind !== 'non-target') throw bad(`lesion ${c.id}: "kind" must be "target" or "non-target"`);
    return { ...c, kind: x.kind };
  });
  const newRaw = doc.newLesions ?? [];
  if (!Array.isArray(newRaw)) throw bad('"newLesions" must be an array');
  const newLesions = newRaw.map((raw, i): NewLesionSeed => {
    const x = raw as Record<string, unknown>;
    const c = common(x, `newLesions[${i}]`);
    if (!Number.isInteger(x.scan) || (x.scan as number) < 1) throw bad(`new lesion ${c.id}: "scan" must be the index of a follow-up (1 = the first)`);
    return { ...c, scan: x.scan as number };
  });
  return { lesions, newLesions };
}

/**
 * The clicks a reader would make on the phantom: the centre of each baseline target lesion, and
 * of each lesion where it first appears. Written by `voxa phantom` as lesions.json.
 */
export function phantomLesionSeeds(timePoints: readonly PhantomTimePointTruth[]): LesionSeeds {
  const baseline = timePoints[0];
  return {
    lesions: baseline.lesions.filter((l) => l.target).map((l) => ({ id: l.id, organ: l.organ, kind: 'target', isLymphNode: l.nodal, seedLps: [...l.centreLps] as Vec3 })),
    newLesions: timePoints.slice(1).flatMap((tp) => tp.lesions.filter((l) => l.isNew).map((l) => ({
      id: l.id, organ: l.organ, isLymphNode: l.nodal, scan: tp.index, seedLps: [...l.centreLps] as Vec3,
    }))),
  };
}
