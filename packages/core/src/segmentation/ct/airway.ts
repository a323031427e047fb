import { growBelow } from './growBelow.ts';
import { type CtContext, mlToVoxels } from './ctContext.ts';
import { type TracheaSeedOptions, findTracheaSeed } from './tracheaSeed.ts';

/** Options of `segmentAirway`. */
export interface AirwayOptions {
  /**
   * Thresholds tried in turn, loosest first: the airway is grown from the trachea below the first
   * that does not leak into the lungs. Where bronchial walls are resolved (the walls separate lumen
   * from parenchyma) the half-maximum −450 holds; on real scans it usually leaks and a stricter
   * one (pure air) is taken.
   */
  thresholdsHu: number[];
  /** A grown airway larger than this has leaked (adult trachea + bronchi: 30–100 mL). */
  maxVolumeMl: number;
  /** After a strict threshold, one layer of face neighbours below this HU (the air–wall half-maximum) joins, so partial-volume voxels of the lumen are not lost. */
  boundaryHu: number;
  trachea: Partial<TracheaSeedOptions>;
}

/** Defaults of `segmentAirway`. */
export const AIRWAY_DEFAULTS: Readonly<AirwayOptions> = {
  thresholdsHu: [-450, -600, -750, -850, -900, -950, -980], maxVolumeMl: 250, boundaryHu: -450, trachea: {},
};

/** What `segmentAirway` found. */
export interface AirwayResult {
  mask: Uint8Array;
  /** Voxel index of the trachea seed, −1 when no trachea was found (the mask is then empty). */
  seed: number;
  /** The threshold the airway was grown below (NaN when none held). */
  thresholdHu: number;
}

/** The airway lumen (trachea and the bronchi reachable from it without leaking), grown from a detected trachea. */
export function segmentAirway(ctx: CtContext, body: Uint8Array, options: Partial<AirwayOptions> = {}): AirwayResult {
  const o = { ...AIRWAY_DEFAULTS, ...options };
  const seed = findTracheaSeed(ctx, body, o.trachea);
  if (seed < 0) return { mask: new Uint8Array(ctx.n), seed, thresholdHu: NaN };
  const budget = mlToVoxels(ctx, o.maxVolumeMl);
  for (const t of o.thresholdsHu) {
    const grown = growBelow(ctx, seed, t, body, budget);
    if (!grown) continue;
    if (t < o.boundaryHu) addBoundaryLayer(ctx, grown, body, o.boundaryHu);
    return { mask: grown, seed, thresholdHu: t };
  }
  return { mask: new Uint8Array(ctx.n), seed, thresholdHu: NaN };
}

function addBoundaryLayer(ctx: CtContext, mask: Uint8Array, body: Uint8Array, hu: number): void {
  const [nx, ny, nz] = ctx.dims;
  const nxy = nx * ny;
  const add: number[] = [];
  for (let p = 0; p < ctx.n; p++) {
    if (mask[p] || !body[p] || !(ctx.hu[p] < hu)) continue;
    const i = p % nx, j = ((p - i) / nx) % ny, k = (p - i - nx * j) / nxy;
    if ((i > 0 && mask[p - 1]) || (i < nx - 1 && mask[p + 1]) || (j > 0 && mask[p - nx]) || (j < ny - 1 && mask[p + nx])
      || (k > 0 && mask[p - nxy]) || (k < nz - 1 && mask[p + nxy])) add.push(p);
  }
  for (const p of add) mask[p] = 1;
}
