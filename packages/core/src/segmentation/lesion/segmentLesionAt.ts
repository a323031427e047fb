import type { Vec3 } from '../../math/Vec3.ts';
import type { Volume } from '../../volume/Volume.ts';
import { distanceTransformMm } from '../algorithms/distanceTransform.ts';
import { keepIslandsAt } from '../algorithms/islands.ts';
import { marginMm } from '../algorithms/margin.ts';
import type { VoxelBox } from '../SegmentationHistory.ts';
import { smoothHu, smoothingNoiseGain } from '../ct/smoothHu.ts';
import { ellipsoidMask, fitEllipsoidEdge } from './ellipsoidFit.ts';
import { lesionCrop, uncropMask } from './lesionCrop.ts';
import { ballMask, growFromSeed, maskedMedian, noiseSigmaHu } from './lesionRegion.ts';

/** Options of `segmentLesionAt`. */
export interface LesionOptions {
  /** No part of the lesion lies farther than this from the click (mm): the last guard against leaks. */
  maxRadiusMm: number;
  /** The lesion's own level is the median (smoothed) HU within this distance of the click. */
  seedRadiusMm: number;
  /** Gaussian σ (mm) of the smoothing against noise before growing (at least half a voxel). */
  smoothingMm: number;
  /** Growth first keeps values within this many noise σ (of the smoothed image) of the lesion's level. */
  levelToleranceSigmas: number;
  /** Opening radius as a fraction of the grown region's equivalent radius (within 1 … 4 mm): cuts bridges to neighbours. */
  openingFraction: number;
  /** Fit an ellipsoid with a partial-volume edge to the HU and take its voxels (else the threshold region). */
  surfaceFit: boolean;
}

/** Defaults of `segmentLesionAt`. */
export const LESION_DEFAULTS: Readonly<LesionOptions> = {
  maxRadiusMm: 40, seedRadiusMm: 2.5, smoothingMm: 1, levelToleranceSigmas: 3, openingFraction: 0.3, surfaceFit: true,
};

/** A lesion segmented from one click. */
export interface LesionSegmentation {
  /** 0/1 on the CT's grid. */
  mask: Uint8Array;
  voxelCount: number;
  /** voxelCount × voxel volume. */
  volumeMm3: number;
  /** Volume enclosed by the fitted surface (mm³), when the surface was fitted. */
  surfaceVolumeMm3?: number;
  boundsIJK: VoxelBox;
  /** Mean HU levels of the lesion and of what surrounds it, and the threshold between them. */
  insideHu: number;
  outsideHu: number;
  thresholdHu: number;
  noiseHu: number;
  /** 'surface-fit': the fitted ellipsoid; 'threshold': the grown region (the fit failed or did not match it). */
  method: 'surface-fit' | 'threshold';
  /** Reached maxRadiusMm: the region probably leaked and was cut there. */
  touchesMaxRadius: boolean;
}

/**
 * Segment a liver lesion, lung nodule or lymph node from a click inside it. (1) The lesion's HU
 * level from the smoothed image around the click; (2) growth within a noise-sized window of it,
 * whose surroundings (2–6 mm out) give the background level; (3) growth again to the midpoint
 * of the two levels, opened (a radius relative to the region, so bridges to neighbours break) and
 * kept at the click, within maxRadiusMm; (4) an ellipsoid with a partial-volume edge fitted to
 * the raw HU around that region, whose voxel centres are the mask, so that noise does not bias
 * the volume. Where the fit does not agree with the grown region (Dice < 0.8, or residuals well
 * above the noise) the grown region is returned.
 *
 * @example const { mask, volumeMm3 } = segmentLesionAt(ct, [-60, -25, -50]);
 */
export function segmentLesionAt(ct: Volume, seedLps: Vec3, options: Partial<LesionOptions> = {}): LesionSegmentation {
  const o = { ...LESION_DEFAULTS, ...options };
  const crop = lesionCrop(ct, seedLps, o.maxRadiusMm + 6);
  const { dims, spacingMm: s, seed } = crop;
  const cropCtx = { dims, n: crop.n, hu: crop.hu, spacingMm: s, voxelMm3: s[0] * s[1] * s[2], indexToWorld: crop.indexToWorld };
  const smooth = smoothHu(cropCtx, o.smoothingMm).hu as Float32Array;
  const noise = noiseSigmaHu(crop.hu, dims);
  const noiseSmooth = noise * smoothingNoiseGain(s, o.smoothingMm);
  const seedBall = ballMask(dims, s, crop.seedIjk, Math.max(o.seedRadiusMm, Math.min(...s)));
  const inside = maskedMedian(smooth, seedBall);
  const within = ballMask(dims, s, crop.seedIjk, o.maxRadiusMm);
  // (2) The lesion's core, then its surroundings beyond the partial-volume edge.
  const tol = Math.max(o.levelToleranceSigmas * noiseSmooth, 5);
  const core = growBand(smooth, inside - tol, inside + tol);
  const dist = distanceTransformMm(core, dims, s);
  const hMax = Math.max(...s);
  const shell = new Uint8Array(crop.n);
  for (let p = 0; p < crop.n; p++) shell[p] = dist[p] > hMax + 1 && dist[p] <= hMax + 5 && Math.abs(smooth[p] - inside) > tol ? 1 : 0;
  const outside = maskedMedian(smooth, shell);
  const threshold = Number.isNaN(outside) ? inside - tol : (inside + outside) / 2;
  const sign: 1 | -1 = Number.isNaN(outside) || inside >= outside ? 1 : -1;
  // (3) The threshold region, opened against leaks and kept at the click.
  let region = growFromSeed(smooth, dims, seed, threshold, sign, within);
  region = openAtSeed(region);
  let mask = region;
  let method: LesionSegmentation['method'] = 'threshold';
  let surfaceVolumeMm3: number | undefined;
  let insideHu = inside, outsideHu = outside;
  if (o.surfaceFit && !Number.isNaN(outside)) {
    const fit = fitEllipsoidEdge(crop.hu, dims, s, { mask: region, insideHu: inside, outsideHu: outside }, noise);
    if (fit) {
      const model = ellipsoidMask(fit, dims, s);
      for (let p = 0; p < crop.n; p++) model[p] &= within[p];
      if (fit.rmsNoiseUnits < 1.6 && dice(model, region) >= 0.8) {
        mask = model;
        method = 'surface-fit';
        surfaceVolumeMm3 = fit.volumeMm3;
        insideHu = fit.insideHu;
        outsideHu = fit.outsideHu;
      }
    }
  }
  return result(mask);

  function growBand(values: Float32Array, lo: number, hi: number): Uint8Array {
    const up = growFromSeed(values, dims, seed, lo, 1, within);
    for (let p = 0; p < crop.n; p++) if (values[p] > hi) up[p] = 0;
    return keepIslandsAt(up, dims, [seed]);
  }

  function openAtSeed(m: Uint8Array): Uint8Array {
    let count = 0;
    for (let p = 0; p < crop.n; p++) count += m[p];
    const rEq = Math.cbrt((3 * count * cropCtx.voxelMm3) / (4 * Math.PI));
    const r = Math.min(4, Math.max(1, o.openingFraction * rEq));
    const eroded = keepIslandsAt(marginMm(m, dims, s, -r), dims, seedsNear(marginMm(m, dims, s, -r)));
    if (!eroded.some((v) => v)) return m;
    const back = marginMm(eroded, dims, s, r + hMax);
    for (let p = 0; p < crop.n; p++) back[p] &= m[p];
    return keepIslandsAt(back, dims, [seed]);
  }

  /** The eroded voxel nearest to the click (erosion may have removed the click itself). */
  function seedsNear(m: Uint8Array): number[] {
    let best = -1, bestD = Infinity;
    const [nx, ny] = dims;
    for (let p = 0; p < crop.n; p++) {
      if (!m[p]) continue;
      const i = p % nx, j = ((p - i) / nx) % ny, k = (p - i - nx * j) / (nx * ny);
      const d = ((i - crop.seedIjk[0]) * s[0]) ** 2 + ((j - crop.seedIjk[1]) * s[1]) ** 2 + ((k - crop.seedIjk[2]) * s[2]) ** 2;
      if (d < bestD) { bestD = d; best = p; }
    }
    return best < 0 ? [] : [best];
  }

  function result(m: Uint8Array): LesionSegmentation {
    const [nx, ny] = dims;
    let count = 0, touches = false;
    const lo: Vec3 = [Infinity, Infinity, Infinity], hi: Vec3 = [-1, -1, -1];
    const edge = ballMask(dims, s, crop.seedIjk, o.maxRadiusMm - hMax);
    for (let p = 0; p < crop.n; p++) {
      if (!m[p]) continue;
      count++;
      if (!edge[p]) touches = true;
      const ijk = [p % nx, Math.floor(p / nx) % ny, Math.floor(p / (nx * ny))];
      for (let a = 0; a < 3; a++) {
        const v = ijk[a] + crop.box.lo[a];
        if (v < lo[a]) lo[a] = v;
        if (v > hi[a]) hi[a] = v;
      }
    }
    return {
      mask: uncropMask(crop, m, ct.dimensions), voxelCount: count, volumeMm3: count * cropCtx.voxelMm3, surfaceVolumeMm3,
      boundsIJK: { lo, hi }, insideHu, outsideHu, thresholdHu: threshold, noiseHu: noise, method, touchesMaxRadius: touches,
    };
  }
}

function dice(a: Uint8Array, b: Uint8Array): number {
  let i = 0, s = 0;
  for (let p = 0; p < a.length; p++) { i += a[p] & b[p]; s += a[p] + b[p]; }
  return s ? (2 * i) / s : 0;
}
