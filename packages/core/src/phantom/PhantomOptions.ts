import { VoxaError } from '../errors/VoxaError.ts';

/** Grid sizes: 'small' for tests, 'full' for the demo. */
export type PhantomSize = 'small' | 'full';

/** Options of the digital phantom. */
export interface PhantomOptions {
  /** 'small': 128×128×150 at 2.8×2.8×3 mm; 'full': 512×512×300 at 0.7×0.7×1.5 mm. */
  size: PhantomSize;
  /** Seeds the noise and the UIDs; the anatomy and lesions do not depend on it. */
  seed: number;
  /** Standard deviation of the Gaussian noise in HU (0: noise-free). */
  noise: number;
  /** Number of time points, 1–3: baseline, partial response, progression. */
  timePoints: number;
  /** Anti-alias HU at surfaces (labels are crisp either way). */
  partialVolume: boolean;
  /** Study date of the baseline, YYYYMMDD. */
  baselineDate: string;
  /** Days between consecutive time points. */
  intervalDays: number;
}

/** Defaults: the small grid, seed 1, σ = 10 HU, all three time points, 8 weeks apart. */
export const PHANTOM_DEFAULTS: Readonly<PhantomOptions> = {
  size: 'small',
  seed: 1,
  noise: 10,
  timePoints: 3,
  partialVolume: true,
  baselineDate: '20240108',
  intervalDays: 56,
};

/** Most time points the phantom has. */
export const PHANTOM_MAX_TIME_POINTS = 3;

/** Options filled with the defaults and checked; throws VOXA_ERR_BAD_ARGUMENT when invalid. */
export function resolvePhantomOptions(options: Partial<PhantomOptions> = {}): PhantomOptions {
  const o = { ...PHANTOM_DEFAULTS, ...options };
  const bad = (what: string): never => {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { option: what }, `phantom option ${what} is invalid`);
  };
  if (o.size !== 'small' && o.size !== 'full') bad(`size '${String(o.size)}' (expected 'small' or 'full')`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) bad(`seed ${o.seed} (expected an integer 0 … 2³²−1)`);
  if (!(o.noise >= 0) || o.noise > 1000) bad(`noise ${o.noise} (expected 0 … 1000 HU)`);
  if (!Number.isInteger(o.timePoints) || o.timePoints < 1 || o.timePoints > PHANTOM_MAX_TIME_POINTS) {
    bad(`timePoints ${o.timePoints} (expected 1 … ${PHANTOM_MAX_TIME_POINTS})`);
  }
  if (!/^\d{8}$/.test(o.baselineDate)) bad(`baselineDate '${o.baselineDate}' (expected YYYYMMDD)`);
  if (!Number.isInteger(o.intervalDays) || o.intervalDays < 1) bad(`intervalDays ${o.intervalDays} (expected a positive integer)`);
  return o;
}
