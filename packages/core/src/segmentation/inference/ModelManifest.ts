import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3, Vec3 } from '../../math/Vec3.ts';
import type { CodedConcept } from '../CodedConcept.ts';

/** The `format` value every model manifest carries. */
export const MODEL_MANIFEST_FORMAT = 'voxa-model';
/** The manifest format version this code reads. */
export const MODEL_MANIFEST_VERSION = 1;

/**
 * How the model's tensor [1, 1, d0, d1, d2] relates to the model grid (i, j, k): 'xyz' = i fastest,
 * tensor [1, 1, k, j, i] (a NIfTI voxel buffer as it is); 'zyx' = k fastest, tensor [1, 1, i, j, k]
 * (the NumPy C-order of nibabel's `get_fdata()`, as most PyTorch exports expect).
 */
export type TensorAxisOrder = 'xyz' | 'zyx';

/**
 * One intensity normalisation step; steps run in order on the model grid.
 * - clip: clamp to [min, max] (either may be omitted).
 * - percentileClip: clamp to the image's own lower/upper percentiles (0–100), over all voxels or the non-zero ones.
 * - minmax: (v − min) / (max − min), mapped onto `range` (default [0, 1]); brainchop's scaling.
 * - zscore: (v − mean) / std of the image, over all voxels or the non-zero ones (nnU-Net MR;
 *   with mask 'nonzero' voxels outside the mask become 0).
 * - standardize: (v − mean) / std with fixed numbers (nnU-Net CT normalisation, after its clip).
 * - window: clamp to [min, max], then map linearly onto `range` (default [0, 1]); CT windows.
 */
export type NormalizationStep =
  | { op: 'clip'; min?: number; max?: number }
  | { op: 'percentileClip'; lower: number; upper: number; mask: 'all' | 'nonzero' }
  | { op: 'minmax'; range: [number, number] }
  | { op: 'zscore'; mask: 'all' | 'nonzero' }
  | { op: 'standardize'; mean: number; std: number }
  | { op: 'window'; min: number; max: number; range: [number, number] };

/** The grid the model runs on. */
export interface ModelGridSpec {
  /** Three direction letters ('LIA', 'LPS', 'RAS', …: where each index axis points), or 'as-is' (the input's axes). */
  orientation: string;
  /** Voxel size along the model grid's i, j, k; 'as-is' keeps the input's (matched to the nearest input axis). */
  spacingMm: Vec3 | 'as-is';
  /**
   * A fixed grid size, centred as FreeSurfer's conform does: voxel shape/2 of the model grid sits
   * on the input's voxel dims/2. Without it the grid covers the input's whole extent.
   */
  shape?: Dims3;
}

/** What the model expects as input. */
export interface ModelInputSpec {
  /** Tensor name; default: the model's first input. */
  name?: string;
  /** DICOM modality the model was trained on ('MR', 'CT'); a mismatch is reported, not refused. */
  modality?: string;
  grid: ModelGridSpec;
  /** How the input is resampled onto the model grid. */
  interpolation: 'linear' | 'nearest';
  /** Value for model-grid voxels outside the input; default: the input's minimum. */
  fill?: number;
  axisOrder: TensorAxisOrder;
  normalization: NormalizationStep[];
}

/** How the model is applied: one pass or sliding windows, weighting and test-time mirroring. */
export interface ModelInferenceSpec {
  /** Window size along the model grid's i, j, k, or 'whole' for one pass over the whole grid. */
  patchSize: Dims3 | 'whole';
  /** Fraction of a window shared with its neighbour (0 ≤ overlap < 1). */
  overlap: number;
  /** Weight each window's prediction by a Gaussian centred on it (nnU-Net); false = equal weights. */
  gaussian: boolean;
  /** The Gaussian's sigma as a fraction of the window size (nnU-Net: 1/8). */
  gaussianSigma: number;
  /** Model-grid axes (0 = i, 1 = j, 2 = k) to mirror for test-time augmentation; every subset is run. */
  mirrorAxes: number[];
}

/** One output channel that becomes a segment. */
export interface ModelLabel {
  channel: number;
  label: string;
  description?: string;
  /** RGB 0–255. */
  color: [number, number, number];
  category?: CodedConcept;
  type?: CodedConcept;
  typeModifier?: CodedConcept;
  anatomicRegion?: CodedConcept;
}

/** What the model returns. */
export interface ModelOutputSpec {
  /** Tensor name; default: the model's first output. */
  name?: string;
  /** Raw scores (softmax is applied here) or probabilities. */
  kind: 'logits' | 'probabilities';
  /** What overlapping windows and mirrors average: probabilities (softmax first) or logits (nnU-Net v2). */
  accumulate: 'probabilities' | 'logits';
  /** Number of output channels; channels are mutually exclusive classes (argmax). */
  channels: number;
  /** Foreground channels; every channel not listed is background. */
  labels: ModelLabel[];
}

/** Clean-up after the argmax. */
export interface ModelPostprocessing {
  /** Keep only the largest connected component of these labels (true = all). */
  keepLargestIsland: boolean | string[];
}

/** A model and everything needed to run it: a versioned JSON file next to (or pointing at) the ONNX file. */
export interface ModelManifest {
  format: typeof MODEL_MANIFEST_FORMAT;
  formatVersion: number;
  /** Short identifier; becomes the segments' Algorithm Name. */
  name: string;
  /** Becomes the segments' Algorithm Version. */
  version: string;
  title?: string;
  description?: string;
  license: string;
  /** Where the weights come from (repository, commit, path or URL). */
  source: string;
  citation?: string;
  /** The ONNX file, relative to the manifest file. */
  file: string;
  /** Lower-case hex SHA-256 of the ONNX file; checked before loading when present. */
  sha256?: string;
  input: ModelInputSpec;
  inference: ModelInferenceSpec;
  output: ModelOutputSpec;
  postprocessing: ModelPostprocessing;
}

/** Defaults filled in by `parseModelManifest`. */
export const MODEL_MANIFEST_DEFAULTS = {
  interpolation: 'linear',
  spacingMm: 'as-is',
  patchSize: 'whole',
  overlap: 0.5,
  gaussian: true,
  gaussianSigma: 1 / 8,
  accumulate: 'probabilities',
  minmaxRange: [0, 1],
} as const;

/** Parse and validate a manifest (the JSON text or its parsed value); errors name the field and what was expected. */
export function parseModelManifest(json: unknown, file?: string): ModelManifest {
  let root = json;
  if (typeof json === 'string') {
    try {
      root = JSON.parse(json);
    } catch (e) {
      throw new VoxaError('VOXA_ERR_MODEL_MANIFEST', { file }, `not JSON: ${(e as Error).message}`);
    }
  }
  const r: Reader = new Reader(file);
  const o = r.object(root, '');
  const format = r.string(o, 'format');
  if (format !== MODEL_MANIFEST_FORMAT) r.fail('format', `expected "${MODEL_MANIFEST_FORMAT}", got ${JSON.stringify(format)}`);
  const formatVersion = r.integer(o, 'formatVersion');
  if (formatVersion !== MODEL_MANIFEST_VERSION) r.fail('formatVersion', `this Voxa reads version ${MODEL_MANIFEST_VERSION}, the manifest is version ${formatVersion}`);
  const sha256 = r.optString(o, 'sha256');
  if (sha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(sha256)) r.fail('sha256', 'expected 64 hexadecimal digits');
  const input = readInput(r, r.object(o.input, 'input'));
  const inference = readInference(r, o.inference === undefined ? {} : r.object(o.inference, 'inference'), input);
  const output = readOutput(r, r.object(o.output, 'output'));
  const post = o.postprocessing === undefined ? {} : r.object(o.postprocessing, 'postprocessing');
  const keep = post.keepLargestIsland ?? false;
  if (typeof keep !== 'boolean' && !(Array.isArray(keep) && keep.every((x) => typeof x === 'string' && output.labels.some((l) => l.label === x)))) {
    r.fail('postprocessing.keepLargestIsland', `expected true, false or a list of output labels (${output.labels.map((l) => l.label).join(', ')})`);
  }
  return {
    format: MODEL_MANIFEST_FORMAT,
    formatVersion,
    name: r.string(o, 'name'),
    version: r.string(o, 'version'),
    title: r.optString(o, 'title'),
    description: r.optString(o, 'description'),
    license: r.string(o, 'license'),
    source: r.string(o, 'source'),
    citation: r.optString(o, 'citation'),
    file: r.string(o, 'file'),
    sha256: sha256?.toLowerCase(),
    input,
    inference,
    output,
    postprocessing: { keepLargestIsland: keep as boolean | string[] },
  };
}

type Json = Record<string, unknown>;

function readInput(r: Reader, o: Json): ModelInputSpec {
  const g = r.object(o.grid, 'input.grid');
  const orientation = r.string(g, 'orientation', 'input.grid');
  if (orientation !== 'as-is' && !isOrientationCode(orientation)) {
    r.fail('input.grid.orientation', `expected three direction letters, one each of L/R, P/A, S/I (e.g. "LIA", "LPS"), or "as-is"; got ${JSON.stringify(orientation)}`);
  }
  const spacingMm = g.spacingMm === undefined || g.spacingMm === 'as-is' ? 'as-is' : (r.numbers(g.spacingMm, 'input.grid.spacingMm', 3, (x) => x > 0, 'positive') as Vec3);
  const shape = g.shape === undefined ? undefined : (r.numbers(g.shape, 'input.grid.shape', 3, (x) => Number.isInteger(x) && x >= 1, 'positive integers') as Dims3);
  const axisOrder = o.axisOrder;
  if (axisOrder !== 'xyz' && axisOrder !== 'zyx') {
    r.fail('input.axisOrder', `expected "xyz" (i fastest, tensor [1,1,k,j,i]) or "zyx" (k fastest, tensor [1,1,i,j,k]); got ${JSON.stringify(axisOrder)}`);
  }
  const interpolation = o.interpolation ?? MODEL_MANIFEST_DEFAULTS.interpolation;
  if (interpolation !== 'linear' && interpolation !== 'nearest') r.fail('input.interpolation', `expected "linear" or "nearest", got ${JSON.stringify(interpolation)}`);
  const steps = o.normalization ?? [];
  if (!Array.isArray(steps)) r.fail('input.normalization', 'expected a list of steps');
  return {
    name: r.optString(o, 'name', 'input'),
    modality: r.optString(o, 'modality', 'input'),
    grid: { orientation, spacingMm, shape },
    interpolation,
    fill: o.fill === undefined ? undefined : r.number(o, 'fill', 'input'),
    axisOrder,
    normalization: (steps as unknown[]).map((s, n) => readStep(r, r.object(s, `input.normalization[${n}]`), `input.normalization[${n}]`)),
  };
}

const STEP_OPS = ['clip', 'percentileClip', 'minmax', 'zscore', 'standardize', 'window'];

function readStep(r: Reader, s: Json, at: string): NormalizationStep {
  const mask = (): 'all' | 'nonzero' => {
    const m = s.mask ?? 'all';
    if (m !== 'all' && m !== 'nonzero') r.fail(`${at}.mask`, `expected "all" or "nonzero", got ${JSON.stringify(m)}`);
    return m;
  };
  const range = (): [number, number] => (s.range === undefined ? [...MODEL_MANIFEST_DEFAULTS.minmaxRange] : (r.numbers(s.range, `${at}.range`, 2, Number.isFinite, 'finite') as [number, number]));
  switch (s.op) {
    case 'clip': {
      const step = { op: 'clip' as const, min: s.min === undefined ? undefined : r.number(s, 'min', at), max: s.max === undefined ? undefined : r.number(s, 'max', at) };
      if (step.min !== undefined && step.max !== undefined && step.min > step.max) r.fail(at, `min ${step.min} is above max ${step.max}`);
      return step;
    }
    case 'percentileClip': {
      const lower = r.number(s, 'lower', at), upper = r.number(s, 'upper', at);
      if (!(lower >= 0 && lower < upper && upper <= 100)) r.fail(at, `expected 0 ≤ lower < upper ≤ 100 (percent), got ${lower} and ${upper}`);
      return { op: 'percentileClip', lower, upper, mask: mask() };
    }
    case 'minmax': return { op: 'minmax', range: range() };
    case 'zscore': return { op: 'zscore', mask: mask() };
    case 'standardize': {
      const std = r.number(s, 'std', at);
      if (!(std > 0)) r.fail(`${at}.std`, `expected a positive number, got ${std}`);
      return { op: 'standardize', mean: r.number(s, 'mean', at), std };
    }
    case 'window': {
      const min = r.number(s, 'min', at), max = r.number(s, 'max', at);
      if (!(min < max)) r.fail(at, `expected min < max, got ${min} and ${max}`);
      return { op: 'window', min, max, range: range() };
    }
    default: return r.fail(`${at}.op`, `expected one of ${STEP_OPS.join(', ')}; got ${JSON.stringify(s.op)}`);
  }
}

function readInference(r: Reader, o: Json, input: ModelInputSpec): ModelInferenceSpec {
  const d = MODEL_MANIFEST_DEFAULTS;
  const patchSize = o.patchSize === undefined || o.patchSize === 'whole' ? 'whole' : (r.numbers(o.patchSize, 'inference.patchSize', 3, (x) => Number.isInteger(x) && x >= 1, 'positive integers') as Dims3);
  const shape = input.grid.shape;
  if (patchSize !== 'whole' && shape && patchSize.some((p, a) => p > shape[a])) {
    r.fail('inference.patchSize', `the windows (${patchSize.join('×')}) must fit the fixed grid (${shape.join('×')})`);
  }
  const overlap = o.overlap === undefined ? d.overlap : r.number(o, 'overlap', 'inference');
  if (!(overlap >= 0 && overlap < 1)) r.fail('inference.overlap', `expected a fraction 0 ≤ overlap < 1, got ${overlap}`);
  const gaussian = o.gaussian ?? d.gaussian;
  if (typeof gaussian !== 'boolean') r.fail('inference.gaussian', 'expected true or false');
  const gaussianSigma = o.gaussianSigma === undefined ? d.gaussianSigma : r.number(o, 'gaussianSigma', 'inference');
  if (!(gaussianSigma > 0)) r.fail('inference.gaussianSigma', `expected a positive fraction of the window, got ${gaussianSigma}`);
  const mirrorAxes = o.mirrorAxes === undefined ? [] : r.numbers(o.mirrorAxes, 'inference.mirrorAxes', undefined, (x) => x === 0 || x === 1 || x === 2, 'axes 0, 1 or 2');
  if (new Set(mirrorAxes).size !== mirrorAxes.length) r.fail('inference.mirrorAxes', `an axis is listed twice: ${JSON.stringify(mirrorAxes)}`);
  return { patchSize, overlap, gaussian, gaussianSigma, mirrorAxes };
}

function readOutput(r: Reader, o: Json): ModelOutputSpec {
  const kind = o.kind;
  if (kind !== 'logits' && kind !== 'probabilities') r.fail('output.kind', `expected "logits" or "probabilities", got ${JSON.stringify(kind)}`);
  const accumulate = o.accumulate ?? MODEL_MANIFEST_DEFAULTS.accumulate;
  if (accumulate !== 'probabilities' && accumulate !== 'logits') r.fail('output.accumulate', `expected "probabilities" or "logits", got ${JSON.stringify(accumulate)}`);
  if (kind === 'probabilities' && accumulate === 'logits') r.fail('output.accumulate', 'a model that outputs probabilities cannot accumulate logits');
  const channels = r.integer(o, 'channels', 'output');
  if (channels < 2) r.fail('output.channels', `expected at least 2 exclusive classes, got ${channels}`);
  if (!Array.isArray(o.labels) || o.labels.length === 0) r.fail('output.labels', 'expected a non-empty list of { channel, label, color }');
  if (o.labels.length > 255) r.fail('output.labels', `one label layer holds at most 255 segments, the manifest lists ${o.labels.length}`);
  const seen = new Set<number>();
  const labels = (o.labels as unknown[]).map((x, n): ModelLabel => {
    const at = `output.labels[${n}]`;
    const l = r.object(x, at);
    const channel = r.integer(l, 'channel', at);
    if (channel < 0 || channel >= channels) r.fail(`${at}.channel`, `expected 0 … ${channels - 1}, got ${channel}`);
    if (seen.has(channel)) r.fail(`${at}.channel`, `channel ${channel} is listed twice`);
    seen.add(channel);
    return {
      channel,
      label: r.string(l, 'label', at),
      description: r.optString(l, 'description', at),
      color: r.numbers(l.color, `${at}.color`, 3, (v) => Number.isInteger(v) && v >= 0 && v <= 255, 'integers 0–255') as [number, number, number],
      category: r.concept(l, 'category', at),
      type: r.concept(l, 'type', at),
      typeModifier: r.concept(l, 'typeModifier', at),
      anatomicRegion: r.concept(l, 'anatomicRegion', at),
    };
  });
  if (labels.length === channels) r.fail('output.labels', 'at least one channel must be background (not listed)');
  return { name: r.optString(o, 'name', 'output'), kind, accumulate, channels, labels };
}

function isOrientationCode(code: string): boolean {
  if (!/^[LRPASI]{3}$/.test(code)) return false;
  const axes = [...code].map((c) => 'LRPASI'.indexOf(c) >> 1);
  return new Set(axes).size === 3;
}

/** Field readers that throw VOXA_ERR_MODEL_MANIFEST naming the field. */
class Reader {
  constructor(private readonly file: string | undefined) {}

  fail(field: string, detail: string): never {
    throw new VoxaError('VOXA_ERR_MODEL_MANIFEST', { file: this.file, field: field || undefined }, detail);
  }

  object(v: unknown, at: string): Json {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(at, v === undefined ? 'missing; expected an object' : 'expected an object');
    return v as Json;
  }

  string(o: Json, key: string, at = ''): string {
    const v = o[key];
    if (typeof v !== 'string' || v === '') this.fail(join(at, key), v === undefined ? 'missing; expected a string' : `expected a non-empty string, got ${JSON.stringify(v)}`);
    return v;
  }

  optString(o: Json, key: string, at = ''): string | undefined {
    return o[key] === undefined ? undefined : this.string(o, key, at);
  }

  number(o: Json, key: string, at = ''): number {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(join(at, key), v === undefined ? 'missing; expected a number' : `expected a number, got ${JSON.stringify(v)}`);
    return v;
  }

  integer(o: Json, key: string, at = ''): number {
    const v = this.number(o, key, at);
    if (!Number.isInteger(v)) this.fail(join(at, key), `expected an integer, got ${v}`);
    return v;
  }

  numbers(v: unknown, at: string, count: number | undefined, ok: (x: number) => boolean, what: string): number[] {
    if (!Array.isArray(v) || (count !== undefined && v.length !== count) || !v.every((x) => typeof x === 'number' && ok(x))) {
      this.fail(at, `expected ${count === undefined ? 'a list of' : count} ${what}, got ${JSON.stringify(v)}`);
    }
    return v as number[];
  }

  concept(o: Json, key: string, at: string): CodedConcept | undefined {
    if (o[key] === undefined) return undefined;
    const c = this.object(o[key], join(at, key));
    return { value: this.string(c, 'value', join(at, key)), scheme: this.string(c, 'scheme', join(at, key)), meaning: this.string(c, 'meaning', join(at, key)) };
  }
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}
