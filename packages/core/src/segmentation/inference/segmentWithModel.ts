import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3 } from '../../math/Vec3.ts';
import { resample } from '../../volume/resample.ts';
import type { Volume } from '../../volume/Volume.ts';
import { keepLargestIsland } from '../algorithms/islands.ts';
import { addSegment, createSegmentation, type Segmentation } from '../Segmentation.ts';
import { labelsOnGrid } from './labelsOnGrid.ts';
import type { ModelManifest } from './ModelManifest.ts';
import { integralMapping, modelGrid, tensorGrid } from './modelGrid.ts';
import { normalizeIntensities } from './normalizeIntensities.ts';
import { type ModelTensorInput, predictProbabilities } from './predictProbabilities.ts';
import type { TensorRunner } from './TensorRunner.ts';

/** The stages `segmentWithModel` reports. */
export type SegmentStage = 'preprocess' | 'inference' | 'postprocess';

/** A progress report: overall fraction 0–1, the stage, and model runs done / total during inference. */
export interface SegmentProgress {
  stage: SegmentStage;
  fraction: number;
  done?: number;
  total?: number;
}

/** Options of `segmentWithModel`. */
export interface SegmentWithModelOptions {
  onProgress?: (p: SegmentProgress) => void;
  /** Checked between stages and before every model run; an abort rejects with the signal's reason. */
  signal?: AbortSignal;
  /** How class maps go back to the input grid (see `labelsOnGrid`); default 'linear'. */
  outputInterpolation?: 'linear' | 'nearest';
  /** Recoverable oddities (a modality other than the model's). */
  onWarning?: (message: string) => void;
  /** The segmentation's label; default the manifest's title or name. */
  label?: string;
}

/** Defaults of `SegmentWithModelOptions`. */
export const SEGMENT_WITH_MODEL_DEFAULTS = { outputInterpolation: 'linear' } as const;

/** Share of the overall progress each stage takes (inference dominates). */
const STAGE_SPAN: Record<SegmentStage, [number, number]> = { preprocess: [0, 0.05], inference: [0.05, 0.95], postprocess: [0.95, 1] };

/**
 * Resample the volume onto the model's tensor grid (exactly, by copying, when its voxels already
 * coincide with the grid's, e.g. a volume already conformed to 256³ LIA) and normalise it: the
 * buffer the model takes.
 */
export function prepareModelInput(volume: Volume, manifest: ModelManifest): ModelTensorInput {
  if (volume.components !== 1) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { model: manifest.name }, `the model takes a scalar volume; this one has ${volume.components} components`);
  }
  const patch = manifest.inference.patchSize;
  const grid = tensorGrid(modelGrid(volume, manifest.input.grid, patch === 'whole' ? [1, 1, 1] : patch), manifest.input.axisOrder);
  const exact = integralMapping(volume, grid) !== undefined;
  const onGrid = resample(volume, grid, { interpolation: exact ? 'nearest' : manifest.input.interpolation, type: 'float32', fill: manifest.input.fill });
  return { grid, data: normalizeIntensities(onGrid.voxels as Float32Array, manifest.input.normalization) };
}

/**
 * Segment a volume with a model: preprocess (`prepareModelInput`), infer (`predictProbabilities`),
 * take the argmax back on the volume's own grid (`labelsOnGrid`), and optionally keep the largest
 * island of each label. Returns a Segmentation on the volume's grid with one segment per labelled
 * channel (algorithm type AUTOMATIC, name and version from the manifest, review 'proposal').
 *
 * @example const seg = await segmentWithModel(t1, manifest, runner, { onProgress: (p) => bar(p.fraction) });
 */
export async function segmentWithModel(volume: Volume, manifest: ModelManifest, runner: TensorRunner, options: SegmentWithModelOptions = {}): Promise<Segmentation> {
  const report = (stage: SegmentStage, within: number, done?: number, total?: number) => {
    const [a, b] = STAGE_SPAN[stage];
    options.onProgress?.({ stage, fraction: a + (b - a) * within, done, total });
  };
  const modality = volume.meta.modality;
  if (manifest.input.modality && modality && modality !== manifest.input.modality) {
    options.onWarning?.(`the model ${manifest.name} was trained on ${manifest.input.modality}; this volume is ${modality}`);
  }
  options.signal?.throwIfAborted();
  report('preprocess', 0);
  let input: ModelTensorInput | undefined = prepareModelInput(volume, manifest);
  const interpolation = options.outputInterpolation ?? SEGMENT_WITH_MODEL_DEFAULTS.outputInterpolation;
  const exactBack = integralMapping(input.grid, volume) !== undefined;
  report('inference', 0);
  const map = await predictProbabilities(input, manifest, runner, {
    signal: options.signal,
    argmaxOnly: exactBack || interpolation === 'nearest',
    onRun: (done, total) => report('inference', done / total, done, total),
  });
  input = undefined;
  options.signal?.throwIfAborted();
  report('postprocess', 0);
  const seg = createSegmentation({
    dimensions: volume.dimensions,
    indexToWorld: volume.indexToWorld,
    label: options.label ?? manifest.title ?? manifest.name,
    frameOfReferenceUid: volume.meta.frameOfReferenceUid,
    referencedSeriesUid: volume.meta.seriesInstanceUid,
  });
  const channelValue = new Uint8Array(manifest.output.channels);
  for (const l of manifest.output.labels) {
    const segment = addSegment(seg, {
      label: l.label,
      description: l.description,
      color: [...l.color],
      ...(l.category ? { category: l.category } : {}),
      ...(l.type ? { type: l.type } : {}),
      typeModifier: l.typeModifier,
      anatomicRegion: l.anatomicRegion,
      algorithmType: 'AUTOMATIC',
      algorithmName: manifest.name,
      algorithmVersion: manifest.version,
    }, 0);
    channelValue[l.channel] = segment.value;
  }
  labelsOnGrid(map, volume, channelValue, { interpolation, out: seg.layers[0] });
  report('postprocess', 0.5);
  const keep = manifest.postprocessing.keepLargestIsland;
  if (keep) {
    const values = seg.segments.filter((g) => keep === true || keep.includes(g.label)).map((g) => g.value);
    keepLargestIslands(seg.layers[0], seg.dimensions, values);
  }
  report('postprocess', 1);
  return seg;
}

/** For each value, clear every voxel outside its largest 6-connected island (to background). */
function keepLargestIslands(layer: Uint8Array, dims: Dims3, values: number[]): void {
  const mask = new Uint8Array(layer.length), kept = new Uint8Array(layer.length);
  for (const v of values) {
    for (let n = 0; n < layer.length; n++) mask[n] = layer[n] === v ? 1 : 0;
    keepLargestIsland(mask, dims, { out: kept });
    for (let n = 0; n < layer.length; n++) if (mask[n] && !kept[n]) layer[n] = 0;
  }
}
