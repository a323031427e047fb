import type { Volume } from '../../volume/Volume.ts';
import { type AirwayOptions, segmentAirway } from './airway.ts';
import { type BodyOptions, segmentBody } from './body.ts';
import { type BoneOptions, segmentBones } from './bones.ts';
import { type CtContext, ctContext, cropContext, lpsAt } from './ctContext.ts';
import { cropToBox, nonZeroBounds, padBox, pasteBox } from '../algorithms/grid.ts';
import { type FatOptions, segmentFat } from './fat.ts';
import { type LungOptions, segmentLungs } from './lungs.ts';
import { type MuscleOptions, segmentMuscle } from './muscle.ts';
import { type SkinOptions, segmentSkin } from './skin.ts';
import type { SpineReferenceOptions } from './spineReference.ts';

/** The structures the CT rules find. */
export type CtStructure = 'body' | 'skin' | 'subcutaneousFat' | 'visceralFat' | 'muscle' | 'bones' | 'rightLung' | 'leftLung' | 'airway';

/** Every structure, in the order they are reported. */
export const CT_STRUCTURES: readonly CtStructure[] = ['body', 'skin', 'subcutaneousFat', 'visceralFat', 'muscle', 'bones', 'rightLung', 'leftLung', 'airway'];

/** Progress of a run: the step just finished and the fraction of the work done (0–1). */
export interface CtStructuresProgress {
  step: string;
  fraction: number;
}

/** Options of `ctStructureMasks` and `segmentCtStructures`; each rule's own options are passed through. */
export interface CtStructuresOptions {
  /** Structures wanted (default all); those they depend on are computed but not returned. */
  structures?: readonly CtStructure[];
  onProgress?: (p: CtStructuresProgress) => void;
  body?: Partial<BodyOptions>;
  skin?: Partial<SkinOptions>;
  airway?: Partial<AirwayOptions>;
  lungs?: Partial<LungOptions>;
  bones?: Partial<BoneOptions>;
  fat?: Partial<FatOptions>;
  muscle?: Partial<MuscleOptions>;
  spine?: Partial<SpineReferenceOptions>;
}

/** The masks found (0/1, on the CT's grid), how long each step took, and what could not be found. */
export interface CtStructureMasks {
  masks: Partial<Record<CtStructure, Uint8Array>>;
  timingsMs: Record<string, number>;
  warnings: string[];
}

/** What each structure needs computed first. */
const NEEDS: Record<CtStructure, readonly string[]> = {
  body: ['body'],
  skin: ['body', 'skin'],
  airway: ['body', 'airway'],
  rightLung: ['body', 'airway', 'lungs'],
  leftLung: ['body', 'airway', 'lungs'],
  bones: ['body', 'bones'],
  subcutaneousFat: ['body', 'skin', 'airway', 'lungs', 'bones', 'fat'],
  visceralFat: ['body', 'skin', 'airway', 'lungs', 'bones', 'fat'],
  muscle: ['body', 'skin', 'airway', 'lungs', 'bones', 'fat', 'muscle'],
};

/** Relative cost of each step, for progress fractions. */
const COST: Record<string, number> = { body: 3, skin: 1, airway: 1, lungs: 3, bones: 4, fat: 3, muscle: 2 };

/**
 * The CT structures as separate 0/1 masks: the rules of this folder run in dependency order
 * (body → skin, airway → lungs, bones and spine → fat → muscle), all but the body within the
 * body's bounding box. Thresholds are in HU and sizes in
 * mm or mL, so the result does not depend on the grid's spacing.
 */
export function ctStructureMasks(ct: Volume, options: CtStructuresOptions = {}): CtStructureMasks {
  const full = ctContext(ct, 'segmentCtStructures');
  const wanted = options.structures ?? CT_STRUCTURES;
  const steps = new Set(wanted.flatMap((s) => NEEDS[s]));
  const total = [...steps].reduce((t, s) => t + COST[s], 0);
  const timingsMs: Record<string, number> = {};
  const warnings: string[] = [];
  let done = 0;
  const run = <T>(step: string, f: () => T): T => {
    const t0 = performance.now();
    const r = f();
    timingsMs[step] = performance.now() - t0;
    done += COST[step];
    options.onProgress?.({ step, fraction: done / total });
    return r;
  };
  const fullBody = run('body', () => segmentBody(full, options.body));
  // Everything else happens in the body's bounding box (one voxel of air around it).
  const bounds = nonZeroBounds(fullBody, full.dims) ?? { lo: [0, 0, 0], hi: [0, 0, 0] };
  const box = padBox(bounds, [1, 1, 1], full.dims);
  const ctx = cropContext(full, box.lo, box.hi);
  const body = cropToBox(fullBody, full.dims, box);
  const empty = () => new Uint8Array(ctx.n);
  const skin = steps.has('skin') ? run('skin', () => segmentSkin(ctx, body, options.skin)) : empty();
  const airway = steps.has('airway') ? run('airway', () => segmentAirway(ctx, body, options.airway)) : undefined;
  if (airway && airway.seed < 0) warnings.push('no trachea found (not a chest scan?): the airway is empty and lungs are told apart by the body midline');
  const lungs = steps.has('lungs') && airway
    ? run('lungs', () => segmentLungs(ctx, body, airway.mask, midlineX(ctx, body, airway.seed), options.lungs))
    : undefined;
  const skeleton = steps.has('bones') ? run('bones', () => segmentBones(ctx, body, options.bones, options.spine)) : undefined;
  const bones = skeleton?.bones ?? empty();
  const masks: Partial<Record<CtStructure, Uint8Array>> = { body, skin, bones, airway: airway?.mask, rightLung: lungs?.right, leftLung: lungs?.left };
  if (steps.has('fat')) {
    const taken = union(ctx, [skin, bones, airway?.mask, lungs?.right, lungs?.left]);
    const fat = run('fat', () => segmentFat(ctx, body, taken, options.fat));
    masks.subcutaneousFat = fat.subcutaneous;
    masks.visceralFat = fat.visceral;
    if (steps.has('muscle')) {
      const spine = skeleton!.spine;
      if (Number.isNaN(spine.posteriorFromY[0])) warnings.push('no spine found: the back muscles behind it are not segmented');
      masks.muscle = run('muscle', () => segmentMuscle(ctx, fat.insideWall, taken, spine, options.muscle));
    }
  }
  masks.body = fullBody;
  const out: Partial<Record<CtStructure, Uint8Array>> = {};
  for (const s of wanted) {
    let m = masks[s];
    if (m && s !== 'body') {
      const whole = new Uint8Array(full.n);
      pasteBox(m, box, whole, full.dims);
      m = whole;
    }
    if (m) out[s] = m;
    if (m && s !== 'airway' && !m.some((v) => v !== 0)) warnings.push(`${s}: nothing found`);
  }
  return { masks: out, timingsMs, warnings };
}

/** LPS x of the midline: the trachea's when found, else the body's centre. */
function midlineX(ctx: CtContext, body: Uint8Array, tracheaSeed: number): number {
  const [nx, ny] = ctx.dims;
  const at = (p: number) => { const i = p % nx, j = ((p - i) / nx) % ny; return lpsAt(ctx, 0, i, j, (p - i - nx * j) / (nx * ny)); };
  if (tracheaSeed >= 0) return at(tracheaSeed);
  let s = 0, c = 0;
  for (let p = 0; p < ctx.n; p++) if (body[p]) { s += at(p); c++; }
  return c ? s / c : 0;
}

function union(ctx: CtContext, masks: (Uint8Array | undefined)[]): Uint8Array {
  const out = new Uint8Array(ctx.n);
  for (const m of masks) if (m) for (let p = 0; p < ctx.n; p++) out[p] |= m[p];
  return out;
}
