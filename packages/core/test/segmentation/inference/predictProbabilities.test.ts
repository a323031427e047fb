import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mat4Identity } from '../../../src/math/Mat4.ts';
import type { Dims3 } from '../../../src/math/Vec3.ts';
import { createOnnxNodeRunner } from '../../../src/node/onnxNodeRunner.ts';
import { type ModelManifest, parseModelManifest } from '../../../src/segmentation/inference/ModelManifest.ts';
import { type ModelTensorInput, type ProbabilityMap, predictProbabilities } from '../../../src/segmentation/inference/predictProbabilities.ts';
import { gaussianWeights, windowStarts } from '../../../src/segmentation/inference/slidingWindows.ts';
import type { TensorRunner } from '../../../src/segmentation/inference/TensorRunner.ts';
import { type ConvLayer, onnxConvModel, seededRandom } from '../../util/onnxModel.ts';

const DIMS: Dims3 = [40, 36, 30]; // no axis a multiple of the 16³ window: the last window is flush, not aligned
const N = DIMS[0] * DIMS[1] * DIMS[2];

function manifest(inference: Record<string, unknown> = {}, axisOrder = 'xyz', channels = 3): ModelManifest {
  return parseModelManifest({
    format: 'voxa-model', formatVersion: 1, name: 'test', version: '1', license: 'MIT', source: 'test', file: 'x.onnx',
    input: { grid: { orientation: 'as-is' }, axisOrder },
    inference,
    output: { kind: 'logits', channels, labels: [{ channel: 1, label: 'A', color: [255, 0, 0] }, { channel: 2, label: 'B', color: [0, 255, 0] }] },
  });
}

function randomInput(seed: number): ModelTensorInput {
  const r = seededRandom(seed);
  return { grid: { dimensions: DIMS, indexToWorld: mat4Identity() }, data: new Float32Array(N).map(() => r()) };
}

function conv(kernel: number, seed: number): ConvLayer {
  const r = seededRandom(seed);
  return { inChannels: 1, outChannels: 3, kernel, weights: new Float32Array(3 * kernel ** 3).map(() => r() * 2), bias: new Float32Array([0.1, -0.2, 0.05]) };
}

/** The same layer with its kernel mirrored along tensor axis `axis` (0 = fastest = ONNX's last kernel dimension). */
function flipKernel(l: ConvLayer, axis: number): ConvLayer {
  const k = l.kernel, w = new Float32Array(l.weights.length);
  for (let o = 0; o < l.outChannels * l.inChannels; o++) for (let z = 0; z < k; z++) for (let y = 0; y < k; y++) for (let x = 0; x < k; x++) {
    const [fx, fy, fz] = [axis === 0 ? k - 1 - x : x, axis === 1 ? k - 1 - y : y, axis === 2 ? k - 1 - z : z];
    w[o * k ** 3 + fx + k * (fy + k * fz)] = l.weights[o * k ** 3 + x + k * (y + k * z)];
  }
  return { ...l, weights: w };
}

/** The largest share of a voxel's summed Gaussian weight that comes from windows having it in their outermost layer (not at the volume's edge). */
function edgeWeightShare(patch: number, overlap: number): number {
  const g = gaussianWeights(patch, 1 / 8);
  const interiorShare = DIMS.map((size) => {
    const starts = windowStarts(size, patch, overlap);
    return Array.from({ length: size }, (_, x) => {
      let all = 0, interior = 0;
      for (const s of starts) {
        const local = x - s;
        if (local < 0 || local >= patch) continue;
        all += g[local];
        const edge = (local === 0 && x > 0) || (local === patch - 1 && x < size - 1);
        if (!edge) interior += g[local];
      }
      return interior / all;
    });
  });
  let worst = 0;
  for (const a of interiorShare[0]) for (const b of interiorShare[1]) for (const c of interiorShare[2]) worst = Math.max(worst, 1 - a * b * c);
  return worst;
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let n = 0; n < a.length; n++) m = Math.max(m, Math.abs(a[n] - b[n]));
  return m;
}

function argmax(p: ProbabilityMap): Uint8Array {
  const n = p.data.length / p.channels, out = new Uint8Array(n);
  for (let v = 0; v < n; v++) for (let c = 1; c < p.channels; c++) if (p.data[c * n + v] > p.data[out[v] * n + v]) out[v] = c;
  return out;
}

/** Difference between the two largest class probabilities of a voxel. */
function margin(p: ProbabilityMap, v: number): number {
  const n = p.data.length / p.channels;
  const q = Array.from({ length: p.channels }, (_, c) => p.data[c * n + v]).sort((a, b) => b - a);
  return q[0] - q[1];
}

const runners: TensorRunner[] = [];
async function runnerFor(...layers: ConvLayer[]): Promise<TensorRunner> {
  const r = await createOnnxNodeRunner(onnxConvModel(layers));
  runners.push(r);
  return r;
}
afterAll(async () => {
  for (const r of runners) await r.dispose();
});

describe('predictProbabilities with a pointwise (1×1×1 Conv) ONNX model built by the test', () => {
  let runner: TensorRunner;
  let whole: ProbabilityMap;
  const input = randomInput(1);
  beforeAll(async () => {
    runner = await runnerFor(conv(1, 2));
    whole = await predictProbabilities(input, manifest(), runner);
  });

  it('returns softmax probabilities: every voxel’s channels sum to 1', () => {
    for (let v = 0; v < N; v += 97) expect(whole.data[v] + whole.data[N + v] + whole.data[2 * N + v]).toBeCloseTo(1, 6);
  });

  it('gives the whole-volume probabilities with Gaussian-weighted 16³ windows, overlap 0.5 (max |Δ| < 1e-5)', async () => {
    let runs = 0;
    const windows = await predictProbabilities(input, manifest({ patchSize: [16, 16, 16], overlap: 0.5, gaussian: true }), runner, { onRun: (_, total) => (runs = total) });
    // windowStarts: 40 → 4, 36 → 4, 30 → 3 windows.
    expect(runs).toBe(4 * 4 * 3);
    // A pointwise model predicts every voxel identically in every window; the weighted mean of
    // equal values is that value up to float32 rounding of the weights' sum (~1e-7 relative).
    expect(maxAbsDiff(windows.data, whole.data)).toBeLessThan(1e-5);
  });

  it('gives the same probabilities with every mirror of all three axes (8 runs per window)', async () => {
    let runs = 0;
    const tta = await predictProbabilities(input, manifest({ patchSize: [16, 16, 16], mirrorAxes: [0, 1, 2] }), runner, { onRun: (_, total) => (runs = total) });
    expect(runs).toBe(4 * 4 * 3 * 8);
    expect(maxAbsDiff(tta.data, whole.data)).toBeLessThan(1e-5);
  });

  it('says how many values the model returned and how many the manifest’s channels need', async () => {
    await expect(predictProbabilities(input, manifest({}, 'xyz', 4), runner)).rejects.toThrow(
      `for an input of 1×1×30×36×40 the model returned ${3 * N} values; the manifest's 4 channels need ${4 * N}`);
  });

  it('stops between windows when aborted, rejecting with the signal’s reason', async () => {
    const ac = new AbortController();
    let runs = 0;
    const p = predictProbabilities(input, manifest({ patchSize: [16, 16, 16] }), runner, {
      signal: ac.signal,
      onRun: (done) => {
        runs = done;
        if (done === 2) ac.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(runs).toBe(2);
  });
});

describe('predictProbabilities with a 3×3×3 Conv (padding 1) ONNX model built by the test', () => {
  const input = randomInput(3);
  const layer = conv(3, 4);

  it('gives the whole-volume label map with Gaussian-weighted windows whose overlap (8) exceeds the receptive radius (1)', async () => {
    const runner = await runnerFor(layer);
    const whole = await predictProbabilities(input, manifest(), runner);
    const gauss = await predictProbabilities(input, manifest({ patchSize: [16, 16, 16], overlap: 0.5, gaussian: true }), runner);
    const flat = await predictProbabilities(input, manifest({ patchSize: [16, 16, 16], overlap: 0.5, gaussian: false }), runner);
    // Only a window's outermost voxel layer differs from the whole-volume pass (zero padding where
    // the volume goes on). A probability is off there by at most 1, so the windowed result is off
    // by at most the share of a voxel's total weight that comes from such edge layers, computed
    // here from the same window starts and Gaussians (sigma 2): 9e-4 per edge window, as
    // exp(-7.5²/8) against ≈1 from a neighbour whose centre is near. Equal weights give an edge
    // layer half the say.
    const dGauss = maxAbsDiff(gauss.data, whole.data), dFlat = maxAbsDiff(flat.data, whole.data);
    const bound = edgeWeightShare(16, 0.5);
    expect(bound).toBeLessThan(5e-3);
    expect(dGauss).toBeLessThanOrEqual(bound);
    expect(dFlat).toBeGreaterThan(10 * dGauss);
    // So the argmax can change only where the whole-volume top two classes are within 2·dGauss.
    const a = argmax(whole), b = argmax(gauss);
    let differ = 0;
    for (let v = 0; v < N; v++) {
      if (a[v] === b[v]) continue;
      differ++;
      expect(margin(whole, v)).toBeLessThanOrEqual(2 * dGauss);
    }
    console.log(`3×3×3 conv: edge-weight bound ${bound.toExponential(2)}; max |Δp| gaussian ${dGauss.toExponential(2)}, equal weights ${dFlat.toExponential(2)}; argmax differs at ${differ} of ${N} voxels`);
    expect(differ / N).toBeLessThan(1e-3);
  });

  it('averages the model and its mirror image for test-time mirroring: TTA on axis a = mean of the model and the model with its kernel flipped along a', async () => {
    for (const axis of [0, 1, 2]) {
      const tta = await predictProbabilities(input, manifest({ mirrorAxes: [axis] }), await runnerFor(layer));
      const plain = await predictProbabilities(input, manifest(), await runnerFor(layer));
      const flipped = await predictProbabilities(input, manifest(), await runnerFor(flipKernel(layer, axis)));
      const mean = plain.data.map((x, n) => (x + flipped.data[n]) / 2);
      expect(maxAbsDiff(tta.data, mean)).toBeLessThan(1e-5);
      // And the mirror makes a difference: the kernel is not symmetric.
      expect(maxAbsDiff(tta.data, plain.data)).toBeGreaterThan(1e-2);
    }
  });
});
