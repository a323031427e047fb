import { VoxaError } from '../errors/VoxaError.ts';
import { checkRegistrationInputs } from './checkRegistrationInputs.ts';
import type { Mat4 } from '../math/Mat4.ts';
import { spacingMm, type Volume } from '../volume/Volume.ts';
import { affineTransformModel } from './affineTransformModel.ts';
import { centerOfMass } from './centerOfMass.ts';
import { downsampleVolume, pyramidFactors } from './downsampleVolume.ts';
import { intensityRange } from './intensityRange.ts';
import { MattesMutualInformation } from './MattesMutualInformation.ts';
import { drawSamples } from './RegistrationSamples.ts';
import { centeredFromMat4, mat4FromCentered, type RegistrationTransform } from './RegistrationTransform.ts';
import { regularStepGradientAscent, type RegularStepResult } from './regularStepGradientAscent.ts';
import { rigidTransformModel } from './rigidTransformModel.ts';
import type { TransformKind, TransformModel } from './TransformModel.ts';
import { withDefaults } from './withDefaults.ts';

/** Options of {@link registerVolumes}. */
export interface RegisterOptions {
  /** 'rigid' (default) or 'affine' (solved after a rigid pass, from its result). */
  mode?: TransformKind;
  /** Pyramid shrink factors, coarse to fine, relative to the finest spacing (default [4, 2, 1]). */
  levels?: readonly number[];
  /** Metric samples per level (default 20,000; fewer when the level has fewer voxels). */
  samples?: number;
  /** Histogram bins of the Mattes MI metric (default 32). */
  bins?: number;
  /** Iterations per level at most (default 200). */
  maxIterations?: number;
  /** Starting fixed → moving transform; default: the two centres of mass aligned. */
  initial?: Mat4;
  /** Seed of the sample draw (default 1): the same inputs and seed give the same answer. */
  seed?: number;
  onProgress?: (progress: RegistrationProgress) => void;
  /** Checked every iteration; an abort rejects with the signal's reason. */
  signal?: AbortSignal;
}

export const REGISTER_DEFAULTS = { mode: 'rigid' as TransformKind, levels: [4, 2, 1] as readonly number[], samples: 20_000, bins: 32, maxIterations: 200, seed: 1 };

/** Where a registration is: stage, level (0 = coarsest), iteration and metric value. */
export interface RegistrationProgress {
  stage: TransformKind;
  level: number;
  levels: number;
  iteration: number;
  mutualInformation: number;
}

/** What one pyramid level did. */
export interface RegistrationLevelReport extends RegularStepResult {
  stage: TransformKind;
  shrink: number;
  samples: number;
  /** Fraction of the samples inside the moving image at the end. */
  overlap: number;
}

/** The transform and how it was found. */
export interface RegistrationResult {
  transform: RegistrationTransform;
  metric: 'mattes-mutual-information';
  levels: RegistrationLevelReport[];
}

/**
 * Register `moving` onto `fixed`: the transform that maps fixed LPS to moving LPS so that the
 * moving image, looked up through it, matches the fixed one, by maximising Mattes mutual
 * information (any modalities) with regular-step gradient ascent over a box-filtered pyramid.
 * Rotations are about the fixed image's centre of mass. Pure and synchronous: run it in a worker
 * in the app.
 *
 * @example
 * const { transform } = registerVolumes(baselineCt, followUpCt, { mode: 'rigid' });
 * const movedPoint = transformPoint(transform.fixedToMoving, lesionCentreLps);
 */
export function registerVolumes(fixed: Volume, moving: Volume, options: RegisterOptions = {}): RegistrationResult {
  const o = withDefaults(options, REGISTER_DEFAULTS);
  checkRegistrationInputs(fixed, moving, o.levels, 'registration');
  if (o.mode !== 'rigid' && o.mode !== 'affine') throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', {}, `mode "${String(o.mode)}": expected rigid or affine`);

  const pyramid = o.levels.map((shrink) => ({
    shrink,
    fixed: downsampleVolume(fixed, pyramidFactors(spacingMm(fixed), shrink)),
    moving: downsampleVolume(moving, pyramidFactors(spacingMm(moving), shrink)),
  }));
  const coarse = pyramid[0];
  const centerMm = centerOfMass(coarse.fixed, intensityRange(coarse.fixed.voxels, 1, 99)[0]);
  let matrix = o.initial ? centeredFromMat4(o.initial, centerMm) : momentsInitial(coarse.moving);
  const reports: RegistrationLevelReport[] = [];
  const stages: { model: TransformModel; levels: typeof pyramid }[] = [{ model: rigidTransformModel, levels: pyramid }];
  // The affine stage refines the rigid answer on the finer levels only: by then the pose is right.
  if (o.mode === 'affine') stages.push({ model: affineTransformModel, levels: pyramid.slice(Math.max(0, pyramid.length - 2)) });

  let params: Float64Array = new Float64Array(0);
  let model: TransformModel = rigidTransformModel;
  for (const stage of stages) {
    model = stage.model;
    params = model.fromAffine(matrix, centerMm);
    stage.levels.forEach((level, index) => {
      const samples = drawSamples(level.fixed, Math.min(o.samples, level.fixed.voxels.length), centerMm, o.seed + index);
      const metric = new MattesMutualInformation(samples, level.moving, { bins: o.bins });
      let radius = 0;
      for (let s = 0; s < samples.offsetsMm.length; s++) radius += samples.offsetsMm[s] ** 2;
      radius = Math.sqrt(radius / Math.max(1, samples.count));
      const spacing = spacingMm(level.fixed);
      const stepMm = (spacing[0] + spacing[1] + spacing[2]) / 3;
      const gradM = new Float64Array(12);
      let iteration = 0;
      const result = regularStepGradientAscent((p, gradient) => {
        o.signal?.throwIfAborted();
        model.matrix(p, centerMm, matrix);
        const value = metric.evaluate(matrix, gradM);
        model.gradientFromMatrix(p, gradM, gradient);
        o.onProgress?.({ stage: model.kind, level: pyramid.indexOf(level), levels: pyramid.length, iteration: iteration++, mutualInformation: value });
        return value;
      }, params, model.scales(radius), { maxStep: stepMm, minStep: stepMm / 200, maxIterations: o.maxIterations });
      model.matrix(params, centerMm, matrix);
      reports.push({ ...result, stage: model.kind, shrink: level.shrink, samples: samples.count, overlap: metric.validFraction });
    });
  }
  return {
    transform: { kind: model.kind, fixedToMoving: mat4FromCentered(matrix, centerMm), centerMm, parameters: [...params] },
    metric: 'mattes-mutual-information',
    levels: reports,
  };
}

/** [I | offset] with T(c) = the moving centre of mass: no rotation, the two centres of mass aligned. */
function momentsInitial(moving: Volume): Float64Array {
  const movingCenter = centerOfMass(moving, intensityRange(moving.voxels, 1, 99)[0]);
  return new Float64Array([1, 0, 0, movingCenter[0], 0, 1, 0, movingCenter[1], 0, 0, 1, movingCenter[2]]);
}
