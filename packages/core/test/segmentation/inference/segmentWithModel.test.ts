import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readVolumeBytes } from '../../../src/io/readVolumeBytes.ts';
import { mat4FromColumns } from '../../../src/math/Mat4.ts';
import type { Dims3, Vec3 } from '../../../src/math/Vec3.ts';
import { createOnnxNodeRunner, openModelNode } from '../../../src/node/onnxNodeRunner.ts';
import { integralMapping } from '../../../src/segmentation/inference/modelGrid.ts';
import { type ModelManifest, parseModelManifest } from '../../../src/segmentation/inference/ModelManifest.ts';
import { prepareModelInput, segmentWithModel, type SegmentProgress } from '../../../src/segmentation/inference/segmentWithModel.ts';
import type { TensorRunner } from '../../../src/segmentation/inference/TensorRunner.ts';
import { createVolume, type Volume } from '../../../src/volume/Volume.ts';
import { type ConvLayer, onnxConvModel, seededRandom } from '../../util/onnxModel.ts';
import { HAS_SHARED, REPO_ROOT, sharedModel } from '../../util/shared.ts';

const runners: TensorRunner[] = [];
afterAll(async () => {
  for (const r of runners) await r.dispose();
});
async function runnerFor(layers: ConvLayer[]): Promise<TensorRunner> {
  const r = await createOnnxNodeRunner(onnxConvModel(layers));
  runners.push(r);
  return r;
}

function manifest(input: Record<string, unknown>, extra: Record<string, unknown> = {}): ModelManifest {
  return parseModelManifest({
    format: 'voxa-model', formatVersion: 1, name: 'sphere-threshold', version: '2', license: 'MIT', source: 'test', file: 'x.onnx',
    input: { axisOrder: 'xyz', normalization: [{ op: 'minmax', range: [0, 1] }], ...input },
    output: { kind: 'logits', channels: 2, labels: [{ channel: 1, label: 'Sphere', color: [10, 20, 30], type: { value: '1', scheme: 'SCT', meaning: 'x' } }] },
    ...extra,
  });
}

/** A ball of value 100 (radius 10 mm) in zeros, on a grid of the given spacing and orientation. */
function ball(dims: Dims3, spacing: number, i: Vec3, j: Vec3, k: Vec3): { volume: Volume; mask: Uint8Array } {
  const m = mat4FromColumns(i.map((x) => x * spacing) as Vec3, j.map((x) => x * spacing) as Vec3, k.map((x) => x * spacing) as Vec3, [-20, -15, -10]);
  const volume = createVolume({ dimensions: dims, type: 'int16', indexToWorld: m, meta: { modality: 'MR' } });
  const mask = new Uint8Array(volume.voxels.length);
  const centre = [1.3, 2.1, 3.7];
  for (let z = 0, n = 0; z < dims[2]; z++) for (let y = 0; y < dims[1]; y++) for (let x = 0; x < dims[0]; x++, n++) {
    const p = [0, 1, 2].map((r) => m[r] * x + m[4 + r] * y + m[8 + r] * z + m[12 + r]);
    if (Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]) < 10) {
      volume.voxels[n] = 100;
      mask[n] = 1;
    }
  }
  return { volume, mask };
}

/** Label 1 where the normalised input is above 0.5: logits (0, 20·x − 10). */
const THRESHOLD: ConvLayer[] = [{ inChannels: 1, outChannels: 2, kernel: 1, weights: new Float32Array([0, 20]), bias: new Float32Array([0, -10]) }];

function dice(a: ArrayLike<number>, b: ArrayLike<number>, value: number): { dice: number; a: number; b: number } {
  let na = 0, nb = 0, both = 0;
  for (let n = 0; n < a.length; n++) {
    const x = a[n] === value, y = b[n] === value;
    if (x) na++;
    if (y) nb++;
    if (x && y) both++;
  }
  return { dice: (2 * both) / (na + nb), a: na, b: nb };
}

describe('segmentWithModel: geometry, with a threshold model built by the test', () => {
  it('reorients an LPS volume to the model’s LIA grid and back without losing a voxel (an exact permutation)', async () => {
    const { volume, mask } = ball([40, 36, 30], 1, [1, 0, 0], [0, 1, 0], [0, 0, 1]);
    const m = manifest({ grid: { orientation: 'LIA' } });
    expect(integralMapping(volume, prepareModelInput(volume, m).grid)).toBeDefined();
    const seg = await segmentWithModel(volume, m, await runnerFor(THRESHOLD));
    expect(seg.dimensions).toEqual([40, 36, 30]);
    expect(Array.from(seg.indexToWorld)).toEqual(Array.from(volume.indexToWorld));
    expect(dice(seg.layers[0], mask, 1).dice).toBe(1);
  });

  it('resamples a 1.5 mm volume onto a 1 mm model grid and the class maps back (Dice ≥ 0.95 against the ball it was made from)', async () => {
    const { volume, mask } = ball([28, 24, 20], 1.5, [1, 0, 0], [0, 1, 0], [0, 0, 1]);
    const m = manifest({ grid: { orientation: 'LIA', spacingMm: [1, 1, 1] } });
    const linear = await segmentWithModel(volume, m, await runnerFor(THRESHOLD));
    const nearest = await segmentWithModel(volume, m, await runnerFor(THRESHOLD), { outputInterpolation: 'nearest' });
    // The ball's boundary is resampled twice (1.5 → 1 mm linearly, then back); a ball of radius
    // 6.7 voxels has ~40% of its voxels on the boundary layer, so a few percent may flip.
    const dl = dice(linear.layers[0], mask, 1), dn = dice(nearest.layers[0], mask, 1);
    expect(dl.dice).toBeGreaterThanOrEqual(0.95);
    expect(dn.dice).toBeGreaterThanOrEqual(0.95);
  });

  it('gives the same labels for an xyz model and a zyx model whose kernel is transposed to match', async () => {
    const r = seededRandom(7);
    const w = new Float32Array(2 * 27).map(() => r());
    const transposed = new Float32Array(w.length);
    for (let c = 0; c < 2; c++) for (let z = 0; z < 3; z++) for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) transposed[c * 27 + z + 3 * (y + 3 * x)] = w[c * 27 + x + 3 * (y + 3 * z)];
    const bias = new Float32Array([0, 0.3]);
    const volume = createVolume({ dimensions: [20, 14, 9], type: 'float32', voxels: new Float32Array(20 * 14 * 9).map(() => r()) });
    const input = { grid: { orientation: 'as-is' } };
    const xyz = await segmentWithModel(volume, manifest({ ...input, axisOrder: 'xyz' }), await runnerFor([{ inChannels: 1, outChannels: 2, kernel: 3, weights: w, bias }]));
    const zyx = await segmentWithModel(volume, manifest({ ...input, axisOrder: 'zyx' }), await runnerFor([{ inChannels: 1, outChannels: 2, kernel: 3, weights: transposed, bias }]));
    const ones = dice(xyz.layers[0], zyx.layers[0], 1);
    expect(ones.a).toBeGreaterThan(100);
    expect(ones.dice).toBe(1);
  });

  it('makes AUTOMATIC proposal segments named after the model, keeps the largest island when asked, and reports progress', async () => {
    const { volume, mask } = ball([40, 36, 30], 1, [1, 0, 0], [0, 1, 0], [0, 0, 1]);
    volume.voxels[0] = 100; // a one-voxel island in the corner
    const progress: SegmentProgress[] = [];
    const warnings: string[] = [];
    const m = manifest({ grid: { orientation: 'as-is' }, modality: 'CT' }, { postprocessing: { keepLargestIsland: true } });
    const seg = await segmentWithModel(volume, m, await runnerFor(THRESHOLD), { onProgress: (p) => progress.push(p), onWarning: (w) => warnings.push(w) });
    expect(seg.segments).toHaveLength(1);
    expect(seg.segments[0]).toMatchObject({
      number: 1, label: 'Sphere', color: [10, 20, 30], algorithmType: 'AUTOMATIC', algorithmName: 'sphere-threshold', algorithmVersion: '2',
      review: { status: 'proposal' }, layer: 0, value: 1, type: { value: '1', scheme: 'SCT', meaning: 'x' },
    });
    expect(seg.layers[0][0]).toBe(0);
    expect(dice(seg.layers[0], mask, 1).dice).toBe(1);
    expect(warnings).toEqual(['the model sphere-threshold was trained on CT; this volume is MR']);
    expect(progress.map((p) => p.stage)).toEqual(['preprocess', 'inference', 'inference', 'postprocess', 'postprocess', 'postprocess']);
    expect(progress.map((p) => p.fraction)).toEqual([...progress.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(progress.at(-1)!.fraction).toBe(1);
  });

  it('rejects an aborted signal before any work', async () => {
    const { volume } = ball([8, 8, 8], 1, [1, 0, 0], [0, 1, 0], [0, 0, 1]);
    await expect(segmentWithModel(volume, manifest({ grid: { orientation: 'as-is' } }), await runnerFor(THRESHOLD), { signal: AbortSignal.abort() }))
      .rejects.toMatchObject({ name: 'AbortError' });
  });
});

const BRAIN = 'brainchop-meshnet-gwm';
/** Voxel counts of the local references (shared/models/MANIFEST.md, "Measured here"). */
const REFERENCES = [
  { manifest: 'model5_gw_ae.json', reference: 't1_crop_seg_model5_gw_ae.nii.gz', wm: 518_540, gm: 735_212, timeoutMs: 90_000 },
  { manifest: 'model5_gw_ae.niivue-onnx.json', reference: 't1_crop_seg_model5_gw_ae.nii.gz', wm: 518_540, gm: 735_212, timeoutMs: 90_000 },
  { manifest: 'model30_3class.json', reference: 't1_crop_seg_model30_3class_64patch.nii.gz', wm: 532_883, gm: 720_340, timeoutMs: 180_000 },
];

describe.runIf(HAS_SHARED)('segmentWithModel: brainchop MeshNet on t1_crop.nii.gz, from the committed manifests', () => {
  const read = (path: string) => readVolumeBytes(new Uint8Array(readFileSync(path)), { file: path }).volumes[0];
  const t1 = HAS_SHARED ? read(sharedModel(BRAIN, 't1_crop.nii.gz')) : undefined!;

  it('feeds the already conformed volume to the model unresampled: the zyx tensor is the transposed, min–max scaled voxels', async () => {
    const { manifest: m } = await openModelNode(join(REPO_ROOT, 'models', BRAIN, 'model5_gw_ae.json'));
    const input = prepareModelInput(t1, m);
    expect(integralMapping(t1, input.grid)).toBeDefined();
    let lo = Infinity, hi = -Infinity;
    for (const v of t1.voxels) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    let maxErr = 0;
    for (let i = 0; i < 256; i += 3) for (let j = 0; j < 256; j += 5) for (let k = 0; k < 256; k += 7) {
      maxErr = Math.max(maxErr, Math.abs(input.data[k + 256 * (j + 256 * i)] - (t1.voxels[i + 256 * (j + 256 * k)] - lo) / (hi - lo)));
    }
    expect(maxErr).toBeLessThan(1e-7); // float32 rounding of values in [0, 1]
  });

  for (const ref of REFERENCES) {
    it(`${ref.manifest} reproduces ${ref.reference}: Dice ≥ 0.99 for white (1) and grey (2) matter`, async () => {
      const { manifest: m, runner } = await openModelNode(join(REPO_ROOT, 'models', BRAIN, ref.manifest));
      runners.push(runner);
      const t0 = performance.now();
      const seg = await segmentWithModel(t1, m, runner);
      const seconds = (performance.now() - t0) / 1000;
      const expected = read(sharedModel(BRAIN, 'reference_local', ref.reference)).voxels;
      const wm = dice(seg.layers[0], expected, 1), gm = dice(seg.layers[0], expected, 2);
      console.log(`${ref.manifest}: ${seconds.toFixed(1)} s; WM ${wm.a} voxels (reference ${wm.b}) Dice ${wm.dice.toFixed(5)}; GM ${gm.a} (reference ${gm.b}) Dice ${gm.dice.toFixed(5)}`);
      expect(seg.segments.map((s) => [s.label, s.value])).toEqual([['White Matter', 1], ['Grey Matter', 2]]);
      expect(wm.b).toBe(ref.wm);
      expect(gm.b).toBe(ref.gm);
      expect(wm.dice).toBeGreaterThanOrEqual(0.99);
      expect(gm.dice).toBeGreaterThanOrEqual(0.99);
    }, ref.timeoutMs);
  }
});
