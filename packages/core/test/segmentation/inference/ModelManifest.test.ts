import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openModelNode, readModelManifestFile } from '../../../src/node/onnxNodeRunner.ts';
import { MODEL_MANIFEST_DEFAULTS, type ModelManifest, parseModelManifest } from '../../../src/segmentation/inference/ModelManifest.ts';
import { sha256Hex } from '../../../src/segmentation/inference/verifyModelSha256.ts';
import { onnxConvModel } from '../../util/onnxModel.ts';
import { HAS_SHARED, REPO_ROOT } from '../../util/shared.ts';
import { thrown } from '../../util/thrown.ts';

/** The smallest valid manifest; tests change one field at a time. */
function minimal(): Record<string, any> {
  return {
    format: 'voxa-model',
    formatVersion: 1,
    name: 'test-model',
    version: '1',
    license: 'MIT',
    source: 'built by the test',
    file: 'model.onnx',
    input: { grid: { orientation: 'as-is' }, axisOrder: 'xyz' },
    output: { kind: 'logits', channels: 2, labels: [{ channel: 1, label: 'Thing', color: [255, 0, 0] }] },
  };
}

async function rejects(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('parseModelManifest', () => {
  it('fills the documented defaults into a minimal manifest', () => {
    const m = parseModelManifest(minimal());
    expect(m.input.interpolation).toBe(MODEL_MANIFEST_DEFAULTS.interpolation);
    expect(m.input.grid.spacingMm).toBe('as-is');
    expect(m.input.normalization).toEqual([]);
    expect(m.inference).toEqual({ patchSize: 'whole', overlap: 0.5, gaussian: true, gaussianSigma: 1 / 8, mirrorAxes: [] });
    expect(m.output.accumulate).toBe('probabilities');
    expect(m.postprocessing.keepLargestIsland).toBe(false);
  });

  it('names the field and the two allowed values for a bad axis order', () => {
    const j = minimal();
    j.input.axisOrder = 'xzy';
    const e = thrown(() => parseModelManifest(j, 'm.json'));
    expect(e.code).toBe('VOXA_ERR_MODEL_MANIFEST');
    expect(e.message).toContain('input.axisOrder');
    expect(e.message).toContain('expected "xyz" (i fastest, tensor [1,1,k,j,i]) or "zyx" (k fastest, tensor [1,1,i,j,k]); got "xzy"');
    expect(e.message).toContain('file m.json');
  });

  it.each([
    ['a missing format version', (j: any) => delete j.formatVersion, 'formatVersion', 'missing; expected a number'],
    ['a newer format version', (j: any) => (j.formatVersion = 2), 'formatVersion', 'this Voxa reads version 1, the manifest is version 2'],
    ['an orientation with two letters of one axis', (j: any) => (j.input.grid.orientation = 'LRS'), 'input.grid.orientation', 'one each of L/R, P/A, S/I'],
    ['a negative spacing', (j: any) => (j.input.grid.spacingMm = [1, -1, 1]), 'input.grid.spacingMm', 'expected 3 positive'],
    ['an unknown normalisation', (j: any) => (j.input.normalization = [{ op: 'histogramMatch' }]), 'input.normalization[0].op', 'expected one of clip, percentileClip, minmax, zscore, standardize, window'],
    ['a window with min ≥ max', (j: any) => (j.input.normalization = [{ op: 'window', min: 600, max: -1024 }]), 'input.normalization[0]', 'expected min < max'],
    ['overlap 1', (j: any) => (j.inference = { overlap: 1 }), 'inference.overlap', 'expected a fraction 0 ≤ overlap < 1'],
    ['a mirror axis 3', (j: any) => (j.inference = { mirrorAxes: [0, 3] }), 'inference.mirrorAxes', 'axes 0, 1 or 2'],
    ['windows larger than the fixed grid', (j: any) => { j.input.grid.shape = [32, 32, 32]; j.inference = { patchSize: [64, 64, 64] }; }, 'inference.patchSize', 'must fit the fixed grid'],
    ['a label channel beyond the output', (j: any) => (j.output.labels[0].channel = 2), 'output.labels[0].channel', 'expected 0 … 1, got 2'],
    ['no background channel', (j: any) => j.output.labels.push({ channel: 0, label: 'B', color: [0, 0, 0] }), 'output.labels', 'at least one channel must be background'],
    ['a colour above 255', (j: any) => (j.output.labels[0].color = [256, 0, 0]), 'output.labels[0].color', 'integers 0–255'],
    ['a coded concept without a scheme', (j: any) => (j.output.labels[0].type = { value: '1', meaning: 'x' }), 'output.labels[0].type.scheme', 'missing'],
    ['a malformed sha256', (j: any) => (j.sha256 = 'abc'), 'sha256', 'expected 64 hexadecimal digits'],
    ['keepLargestIsland naming an unknown label', (j: any) => (j.postprocessing = { keepLargestIsland: ['Liver'] }), 'postprocessing.keepLargestIsland', 'a list of output labels (Thing)'],
  ])('rejects %s, naming the field', (_, change, field, detail) => {
    const j = minimal();
    change(j);
    const e = thrown(() => parseModelManifest(j));
    expect(e.code).toBe('VOXA_ERR_MODEL_MANIFEST');
    expect(e.message).toContain(`field ${field}`);
    expect(e.message).toContain(detail);
  });

  it('rejects text that is not JSON', () => {
    expect(thrown(() => parseModelManifest('{ "format": ', 'x.json')).message).toMatch(/^The model manifest is invalid: not JSON: .*\(file x\.json\)$/);
  });
});

describe('manifest files', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'voxa-manifest-'));
  const model = onnxConvModel([{ inChannels: 1, outChannels: 2, kernel: 1, weights: new Float32Array([1, -1]), bias: new Float32Array([0, 0]) }]);

  it('says which model file is missing, as written and resolved against the manifest folder', async () => {
    const d = dir();
    const j = minimal();
    j.file = '../nowhere/model.onnx';
    writeFileSync(join(d, 'm.json'), JSON.stringify(j));
    const e = await rejects(readModelManifestFile(join(d, 'm.json')));
    expect((e as any).code).toBe('VOXA_ERR_MODEL_MANIFEST');
    expect(e.message).toContain(`the model file "../nowhere/model.onnx" (${join(d, '../nowhere/model.onnx')}) does not exist`);
    expect(e.message).toContain('field file');
  });

  it('refuses a model whose SHA-256 differs from the manifest, giving both digests', async () => {
    const d = dir();
    writeFileSync(join(d, 'model.onnx'), model);
    const j = minimal();
    j.sha256 = '0'.repeat(64);
    writeFileSync(join(d, 'm.json'), JSON.stringify(j));
    const e = await rejects(openModelNode(join(d, 'm.json')));
    expect((e as any).code).toBe('VOXA_ERR_MODEL_MANIFEST');
    expect(e.message).toContain(`the model file's SHA-256 is ${await sha256Hex(model)}, the manifest expects ${'0'.repeat(64)}`);
  });

  it('opens a model whose SHA-256 matches and runs it (here with onnxruntime’s arena off: lowMemory)', async () => {
    const d = dir();
    writeFileSync(join(d, 'model.onnx'), model);
    const j = minimal();
    j.sha256 = (await sha256Hex(model)).toUpperCase();
    writeFileSync(join(d, 'm.json'), JSON.stringify(j));
    const { manifest, runner } = await openModelNode(join(d, 'm.json'), { lowMemory: true });
    expect(manifest.sha256).toBe(j.sha256.toLowerCase());
    // Channel 0 = x, channel 1 = −x (the weights above).
    expect(Array.from(await runner.run(new Float32Array([1, 2]), [1, 1, 1, 1, 2]))).toEqual([1, 2, -1, -2]);
    await runner.dispose();
  });
});

describe.runIf(HAS_SHARED)('the committed brain model manifests', () => {
  const folder = join(REPO_ROOT, 'models/brainchop-meshnet-gwm');
  const files = readdirSync(folder).filter((f) => f.endsWith('.json'));

  it('are four, each valid, its ONNX file found in ../shared with the SHA-256 of shared/models/SHA256SUMS', async () => {
    expect(files.sort()).toEqual(['mnm_model_large.json', 'model30_3class.json', 'model5_gw_ae.json', 'model5_gw_ae.niivue-onnx.json']);
    for (const f of files) {
      const { manifest, modelPath } = await readModelManifestFile(join(folder, f));
      expect(modelPath.startsWith(join(REPO_ROOT, '../shared/models/brainchop-meshnet-gwm/'))).toBe(true);
      const { runner } = await openModelNode(join(folder, f));
      await runner.dispose();
      expect(manifest.output.labels.map((l) => l.label)).toEqual(['White Matter', 'Grey Matter']);
    }
  });

  it('give the axis order MANIFEST.md established: niivue export xyz, PyTorch exports zyx', async () => {
    const order = async (f: string): Promise<ModelManifest['input']['axisOrder']> => (await readModelManifestFile(join(folder, f))).manifest.input.axisOrder;
    expect(await order('model5_gw_ae.niivue-onnx.json')).toBe('xyz');
    expect(await order('model5_gw_ae.json')).toBe('zyx');
    expect(await order('model30_3class.json')).toBe('zyx');
    expect(await order('mnm_model_large.json')).toBe('zyx');
  });
});
