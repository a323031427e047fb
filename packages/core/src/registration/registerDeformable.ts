import { VoxaError } from '../errors/VoxaError.ts';
import { checkRegistrationInputs } from './checkRegistrationInputs.ts';
import { mat4Invert, type Mat4 } from '../math/Mat4.ts';
import type { Dims3, Vec3 } from '../math/Vec3.ts';
import { spacingMm, type Volume } from '../volume/Volume.ts';
import { composeWithExponential, type CompositionScratch } from './composeWithExponential.ts';
import { createDisplacementField, resampleDisplacementField, type DisplacementField } from './DisplacementField.ts';
import { downsampleVolume, pyramidFactors } from './downsampleVolume.ts';
import { gaussianSmoothField } from './gaussianSmoothField.ts';
import { gridGradient, indexToWorldGradient } from './gridGradient.ts';
import { applyIntensityMap, matchIntensities } from './matchIntensities.ts';
import { symmetricDemonsUpdate } from './symmetricDemonsUpdate.ts';
import { warpInto } from './warpMovingOntoFixed.ts';
import { withDefaults } from './withDefaults.ts';

/** Options of {@link registerDeformable}. */
export interface DeformableOptions {
  /**
   * Pyramid shrink factors, coarse to fine, relative to the fixed image's finest spacing
   * (default [4, 2]); the field lies on the last level's grid. The whole pyramid is scaled up so
   * that this grid is no finer than `minGridSpacingMm`.
   */
  levels?: readonly number[];
  /** Finest field grid spacing, mm (default 3): a 0.7 mm CT registers on ~6 mm then ~3 mm grids. */
  minGridSpacingMm?: number;
  /** Demons iterations per level, coarse to fine, or one count for all (default [30, 30]). */
  iterations?: number | readonly number[];
  /** σ of the Gaussian applied to the whole field after every update, in voxels of the level (default 1.5). */
  fieldSigmaVoxels?: number;
  /** σ applied to each update before it is composed, in voxels (default 0: off). */
  updateSigmaVoxels?: number;
  /** Longest step of one update, in voxels of the level (default 1). */
  maxStepVoxels?: number;
  /**
   * Damping of weak forces (default 16): |J|² in the demons denominator gets κ·σ²/h² added, σ² the
   * median squared difference over the foreground when the level starts, h the grid spacing. A
   * gradient no stronger than the noise's own then moves nothing, where plain demons would take a
   * full step in a random direction (a brain MRI pair drifts ~1 mm without it); edges, far above
   * that level, are untouched. 0: plain symmetric demons.
   */
  noiseDamping?: number;
  /** Fit the moving gain and offset to the fixed image (default true); false: one map for both (CT in HU). */
  matchIntensities?: boolean;
  onProgress?: (progress: DeformableProgress) => void;
  /** Checked every iteration; an abort throws the signal's reason. */
  signal?: AbortSignal;
}

export const DEFORMABLE_DEFAULTS = {
  levels: [4, 2] as readonly number[],
  minGridSpacingMm: 3,
  iterations: [30, 30] as readonly number[],
  fieldSigmaVoxels: 1.5,
  updateSigmaVoxels: 0,
  maxStepVoxels: 1,
  noiseDamping: 16,
  matchIntensities: true,
};

/** Where a deformable registration is: level (0 = coarsest), iteration, and the intensity mismatch before this iteration's update. */
export interface DeformableProgress {
  stage: 'deformable';
  level: number;
  levels: number;
  iteration: number;
  meanSquaredDifference: number;
}

/** What one pyramid level did. */
export interface DeformableLevelReport {
  shrink: Vec3;
  dimensions: Dims3;
  spacingMm: Vec3;
  iterations: number;
  /** Mean squared difference of the matched intensities (fixed scale: foreground 1st–99th percentile = 1) before the first and after the last update. */
  meanSquaredDifference: { first: number; last: number };
}

/** The displacement field and how it was found. */
export interface DeformableRegistrationResult {
  /** moving = fixedToMoving · (x + d(x)), see DisplacementField. */
  field: DisplacementField;
  metric: 'mean-squared-difference';
  levels: DeformableLevelReport[];
}

/**
 * Refine an affine registration (`fixedToMoving`, fixed LPS → moving LPS, from registerVolumes)
 * with a dense displacement field: multi-resolution diffeomorphic demons with symmetric (ESM)
 * forces and Gaussian regularisation of the field (Vercauteren et al., NeuroImage 2009).
 * Intensities are compared value for value after a linear gain/offset match (matchIntensities),
 * so both images must be the same modality: a follow-up CT onto its baseline, a follow-up MRI
 * onto the previous one. The field lies on the last pyramid level's grid (the fixed grid shrunk,
 * ≥ minGridSpacingMm), not on the fixed grid itself. Pure and synchronous: run it in a worker in
 * the app.
 *
 * @example
 * const affine = registerVolumes(baseline, followUp, { mode: 'affine' }).transform;
 * const { field } = registerDeformable(baseline, followUp, affine.fixedToMoving);
 * const where = warpPoint(field, affine.fixedToMoving, lesionCentreLps);
 */
export function registerDeformable(fixed: Volume, moving: Volume, fixedToMoving: Mat4, options: DeformableOptions = {}): DeformableRegistrationResult {
  const o = withDefaults(options, DEFORMABLE_DEFAULTS);
  checkInputs(fixed, moving, o);
  const iterations = o.levels.map((_, l) => (typeof o.iterations === 'number' ? o.iterations : o.iterations[Math.min(l, o.iterations.length - 1)]));
  const fixedSpacing = spacingMm(fixed), movingSpacing = spacingMm(moving);
  const finest = Math.min(...fixedSpacing);
  // Scale the pyramid so that its last grid is no finer than minGridSpacingMm.
  const scale = Math.max(1, o.minGridSpacingMm / (finest * o.levels[o.levels.length - 1]));
  const maps = matchIntensities(fixed.voxels, moving.voxels, o.matchIntensities);

  let field: DisplacementField | undefined;
  const reports: DeformableLevelReport[] = [];
  o.levels.forEach((shrink, level) => {
    const blockMm = shrink * scale * finest;
    const f = downsampleVolume(fixed, pyramidFactors(fixedSpacing, blockMm / finest));
    const m = downsampleVolume(moving, pyramidFactors(movingSpacing, blockMm / Math.min(...movingSpacing)));
    const dims = f.dimensions;
    const count = dims[0] * dims[1] * dims[2];
    const fixedValues = applyIntensityMap(f.voxels, maps.fixed, new Float32Array(count));
    const source = { dimensions: m.dimensions, indexToWorld: m.indexToWorld, voxels: applyIntensityMap(m.voxels, maps.moving, new Float32Array(m.voxels.length)) };
    const grid = { dimensions: dims, indexToWorld: f.indexToWorld };
    field = field ? resampleDisplacementField(field, grid) : createDisplacementField(grid);

    const spacing = spacingMm(f);
    const minSpacing = Math.min(...spacing);
    // σ in voxels of the finest axis, the same in mm on every axis of an anisotropic grid.
    const sigmaOf = (voxels: number): Vec3 => spacing.map((s) => (voxels * minSpacing) / s) as Vec3;
    const toWorld = indexToWorldGradient(f.indexToWorld);
    const worldToIndex = rowMajorLinear(mat4Invert(f.indexToWorld));
    const planes = () => [new Float32Array(count), new Float32Array(count), new Float32Array(count)];
    const fixedGradient = planes(), warpedGradient = planes(), update = planes();
    const scratch: CompositionScratch = [planes(), planes()];
    const warped = new Float32Array(count);
    gridGradient(fixedValues, dims, toWorld, fixedGradient);
    let damping = 0;
    let first = NaN;
    for (let iteration = 0; iteration < iterations[level]; iteration++) {
      options.signal?.throwIfAborted();
      warpInto(warped, source, grid, fixedToMoving, field, true, NaN);
      gridGradient(warped, dims, toWorld, warpedGradient);
      if (iteration === 0) damping = (o.noiseDamping * medianForegroundSquaredDifference(fixedValues, warped)) / (minSpacing * minSpacing);
      const msd = symmetricDemonsUpdate(fixedValues, fixedGradient, warped, warpedGradient, o.maxStepVoxels * minSpacing, damping, update);
      if (iteration === 0) first = msd;
      options.onProgress?.({ stage: 'deformable', level, levels: o.levels.length, iteration, meanSquaredDifference: msd });
      if (o.updateSigmaVoxels > 0) gaussianSmoothField(update, dims, sigmaOf(o.updateSigmaVoxels));
      composeWithExponential(field, update, worldToIndex, scratch);
      gaussianSmoothField(field.components, dims, sigmaOf(o.fieldSigmaVoxels));
    }
    // The mismatch the final field leaves, measured once more.
    warpInto(warped, source, grid, fixedToMoving, field, true, NaN);
    const last = meanSquaredDifference(fixedValues, warped);
    reports.push({
      shrink: pyramidFactors(fixedSpacing, blockMm / finest), dimensions: [...dims], spacingMm: spacing, iterations: iterations[level],
      meanSquaredDifference: { first: Number.isNaN(first) ? last : first, last },
    });
  });
  return { field: field!, metric: 'mean-squared-difference', levels: reports };
}

/**
 * The median of (fixed − warped)² over the fixed foreground (mapped value > 0, i.e. above its 1st
 * foreground percentile) where warped is defined: what noise and session-to-session texture leave
 * between two aligned images, robust to the misaligned edges that are a minority.
 */
function medianForegroundSquaredDifference(fixed: Float32Array, warped: Float32Array): number {
  const d2 = new Float32Array(fixed.length);
  let n = 0;
  for (let v = 0; v < fixed.length; v++) if (fixed[v] > 0 && warped[v] === warped[v]) d2[n++] = (fixed[v] - warped[v]) ** 2;
  return n ? d2.subarray(0, n).sort()[n >> 1] : 0;
}

/** Mean of (a − b)² where b is defined (not NaN). */
function meanSquaredDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0, n = 0;
  for (let v = 0; v < a.length; v++) {
    if (b[v] !== b[v]) continue;
    sum += (a[v] - b[v]) ** 2;
    n++;
  }
  return n ? sum / n : 0;
}

/** The row-major 3×3 linear part of a column-major 4×4. */
function rowMajorLinear(m: Mat4): Float64Array {
  const out = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[r * 3 + c] = m[c * 4 + r];
  return out;
}

function checkInputs(fixed: Volume, moving: Volume, o: Required<Omit<DeformableOptions, 'onProgress' | 'signal'>>): void {
  const bad = (what: string) => new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, what);
  checkRegistrationInputs(fixed, moving, o.levels, 'deformable registration');
  const its = typeof o.iterations === 'number' ? [o.iterations] : o.iterations;
  if (!its.length || its.some((n) => !(Number.isInteger(n) && n >= 0))) throw bad(`iterations ${its.join(',')}: expected whole numbers ≥ 0`);
  if (!(o.fieldSigmaVoxels >= 0) || !(o.updateSigmaVoxels >= 0)) throw bad(`σ field ${o.fieldSigmaVoxels}, update ${o.updateSigmaVoxels}: expected ≥ 0 voxels`);
  if (!(o.maxStepVoxels > 0)) throw bad(`maxStepVoxels ${o.maxStepVoxels}: expected > 0`);
  if (!(o.noiseDamping >= 0)) throw bad(`noiseDamping ${o.noiseDamping}: expected ≥ 0`);
  if (!(o.minGridSpacingMm >= 0)) throw bad(`minGridSpacingMm ${o.minGridSpacingMm}: expected ≥ 0`);
}
