import { VoxaError } from '../../errors/VoxaError.ts';
import type { Dims3 } from '../../math/Vec3.ts';
import type { ResampleGrid } from '../../volume/resample.ts';
import type { ModelManifest } from './ModelManifest.ts';
import { tensorAxis } from './modelGrid.ts';
import { axisWeightSums, gaussianWeights, windowStarts } from './slidingWindows.ts';
import type { TensorRunner } from './TensorRunner.ts';

/** A normalised model input: a volume on the tensor grid (see `tensorGrid`), i.e. the tensor's buffer. */
export interface ModelTensorInput {
  grid: ResampleGrid;
  data: Float32Array;
}

/** Per-class maps on the tensor grid, one plane per channel: class c of voxel n at data[c·N + n]. */
export interface ProbabilityMap {
  grid: ResampleGrid;
  channels: number;
  /** Probabilities; with `argmaxOnly`, possibly scores with the same argmax (softmax skipped where it cannot change it). */
  data: Float32Array;
}

/** Options of `predictProbabilities`. */
export interface PredictOptions {
  /** Checked before every model run; an abort rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called after every model run. */
  onRun?: (done: number, total: number) => void;
  /** Only the argmax at the grid's own voxels is needed: the softmax is skipped where it cannot change it. */
  argmaxOnly?: boolean;
}

/**
 * Run the model over the input: one pass over the whole grid, or sliding windows (window
 * starts from `windowStarts`, each prediction weighted by a Gaussian or equally, summed per
 * channel and divided by the summed weights), each pass repeated for every subset of the
 * mirrored axes (flipped in, flipped back out). Memory: one C×N float32 accumulation (for a
 * single pass the model's own output is the accumulator), plus one window and its output.
 */
export async function predictProbabilities(input: ModelTensorInput, manifest: ModelManifest, runner: TensorRunner, options: PredictOptions = {}): Promise<ProbabilityMap> {
  const { inference, output } = manifest;
  const order = manifest.input.axisOrder;
  const dims = input.grid.dimensions;
  const N = dims[0] * dims[1] * dims[2];
  const C = output.channels;
  const patch = inference.patchSize === 'whole'
    ? dims
    : ([0, 1, 2].map((t) => Math.min(dims[t], (inference.patchSize as Dims3)[tensorAxis(t, order)])) as Dims3);
  const mirrors = subsets(inference.mirrorAxes.map((a) => tensorAxis(a, order)));
  const starts = [0, 1, 2].map((t) => windowStarts(dims[t], patch[t], inference.overlap));
  const windows = starts[0].length * starts[1].length * starts[2].length;
  const total = windows * mirrors.length;
  const single = windows === 1 && patch.every((p, t) => p === dims[t]);
  // Each voxel predicted by one run only (no overlap, no mirrors): averaging mixes nothing, so
  // for an argmax the softmax can be skipped.
  const predictedOnce = mirrors.length === 1 && starts.every((s, t) => s.every((x, n) => n === 0 || x - s[n - 1] >= patch[t]));
  const softmaxEach = output.kind === 'logits' && output.accumulate === 'probabilities' && !(options.argmaxOnly && predictedOnce);
  let done = 0;
  const runOnce = async (x: Float32Array, d: Dims3, mirror: number[], scratch: () => Float32Array): Promise<Float32Array> => {
    options.signal?.throwIfAborted();
    const flipped = mirror.length ? flipCopy(x, scratch(), d, mirror) : x;
    const out = await runner.run(flipped, [1, 1, d[2], d[1], d[0]]);
    const P = d[0] * d[1] * d[2];
    if (out.length !== C * P) {
      throw new VoxaError('VOXA_ERR_MODEL', { model: manifest.name },
        `for an input of 1×1×${d[2]}×${d[1]}×${d[0]} the model returned ${out.length} values; the manifest's ${C} channels need ${C * P}`);
    }
    if (softmaxEach) softmaxPlanes(out, C, P);
    if (mirror.length) for (let c = 0; c < C; c++) flipInPlace(out.subarray(c * P, (c + 1) * P), d, mirror);
    options.onRun?.(++done, total);
    return out;
  };

  let acc: Float32Array | undefined;
  if (single) {
    let scratch: Float32Array | undefined;
    for (const mirror of mirrors) {
      const out = await runOnce(input.data, dims, mirror, () => (scratch ??= new Float32Array(N)));
      if (!acc) acc = out;
      else for (let n = 0; n < acc.length; n++) acc[n] += out[n];
    }
    acc = acc!;
    if (mirrors.length > 1) for (let n = 0; n < acc.length; n++) acc[n] /= mirrors.length;
  } else {
    acc = new Float32Array(C * N);
    const [p0, p1, p2] = patch;
    const P = p0 * p1 * p2;
    const w = [0, 1, 2].map((t) => (inference.gaussian ? gaussianWeights(patch[t], inference.gaussianSigma) : new Float32Array(patch[t]).fill(1)));
    const window = new Float32Array(P);
    let scratch: Float32Array | undefined;
    for (const s2 of starts[2]) for (const s1 of starts[1]) for (const s0 of starts[0]) {
      for (let z = 0; z < p2; z++) for (let y = 0; y < p1; y++) {
        const from = s0 + dims[0] * (s1 + y + dims[1] * (s2 + z));
        window.set(input.data.subarray(from, from + p0), p0 * (y + p1 * z));
      }
      for (const mirror of mirrors) {
        const out = await runOnce(window, patch, mirror, () => (scratch ??= new Float32Array(P)));
        for (let c = 0; c < C; c++) {
          const a = c * N, o = c * P;
          for (let z = 0; z < p2; z++) for (let y = 0; y < p1; y++) {
            const wyz = w[2][z] * w[1][y];
            const to = a + s0 + dims[0] * (s1 + y + dims[1] * (s2 + z)), from = o + p0 * (y + p1 * z);
            for (let x = 0; x < p0; x++) acc[to + x] += wyz * w[0][x] * out[from + x];
          }
        }
      }
    }
    // The weights are products per axis, so their sum over windows is too (see axisWeightSums).
    const sums = [0, 1, 2].map((t) => axisWeightSums(dims[t], starts[t], w[t]));
    for (let k = 0, n = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) {
      const wjk = sums[2][k] * sums[1][j] * mirrors.length;
      for (let i = 0; i < dims[0]; i++, n++) {
        const inv = 1 / (wjk * sums[0][i]);
        for (let c = 0; c < C; c++) acc[c * N + n] *= inv;
      }
    }
  }
  if (output.kind === 'logits' && output.accumulate === 'logits' && !options.argmaxOnly) softmaxPlanes(acc, C, N);
  return { grid: input.grid, channels: C, data: acc };
}

/** Every subset of the axes, the empty one (no mirroring) first. */
function subsets(axes: number[]): number[][] {
  let out: number[][] = [[]];
  for (const a of axes) out = [...out, ...out.map((s) => [...s, a])];
  return out;
}

/** Softmax over the channel planes of every voxel, in place. */
export function softmaxPlanes(a: Float32Array, channels: number, n: number): void {
  for (let v = 0; v < n; v++) {
    let max = -Infinity;
    for (let c = 0; c < channels; c++) if (a[c * n + v] > max) max = a[c * n + v];
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const e = Math.exp(a[c * n + v] - max);
      a[c * n + v] = e;
      sum += e;
    }
    for (let c = 0; c < channels; c++) a[c * n + v] /= sum;
  }
}

/** Index of the voxel mirrored along `axes`. */
function mirrorIndex(i: number, j: number, k: number, d: Dims3, fi: boolean, fj: boolean, fk: boolean): number {
  return (fi ? d[0] - 1 - i : i) + d[0] * ((fj ? d[1] - 1 - j : j) + d[1] * (fk ? d[2] - 1 - k : k));
}

function flipCopy(src: Float32Array, dst: Float32Array, d: Dims3, axes: number[]): Float32Array {
  const fi = axes.includes(0), fj = axes.includes(1), fk = axes.includes(2);
  for (let k = 0, n = 0; k < d[2]; k++) for (let j = 0; j < d[1]; j++) for (let i = 0; i < d[0]; i++, n++) dst[n] = src[mirrorIndex(i, j, k, d, fi, fj, fk)];
  return dst;
}

/** Mirroring is an involution: swap each voxel with its partner once. */
function flipInPlace(a: Float32Array, d: Dims3, axes: number[]): void {
  const fi = axes.includes(0), fj = axes.includes(1), fk = axes.includes(2);
  for (let k = 0, n = 0; k < d[2]; k++) for (let j = 0; j < d[1]; j++) for (let i = 0; i < d[0]; i++, n++) {
    const p = mirrorIndex(i, j, k, d, fi, fj, fk);
    if (p > n) {
      const t = a[n];
      a[n] = a[p];
      a[p] = t;
    }
  }
}
