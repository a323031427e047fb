import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSources } from '@voxa/core/node';
import {
  generatePhantomTimePoint, loadDicom, readDicomSeg, readVolumeBytes, segmentationFromLabelVolume, segmentCtStructures, segmentVoxelCount, writeNifti,
  type LabelTable,
} from '@voxa/core';
import { onnxConvModel } from '../../core/test/util/onnxModel.ts';
import { HAS_SHARED, REPO_ROOT, sharedData, sharedModel } from '../../core/test/util/shared.ts';
import { runCli } from './runCli.ts';

const BRAIN_MANIFEST = join(REPO_ROOT, 'models/brainchop-meshnet-gwm/model5_gw_ae.niivue-onnx.json');
const T1 = sharedModel('brainchop-meshnet-gwm/t1_crop.nii.gz');
const tmp = () => mkdtempSync(join(tmpdir(), 'voxa-segment-'));

/** A manifest + ONNX pair in a temp folder: label 1 "Bone" where HU > 300 (window 0…600 → x, logits (0, 20x − 10)). */
function boneModel(dir: string, axisOrder = 'xyz'): string {
  writeFileSync(join(dir, 'bone.onnx'), onnxConvModel([{ inChannels: 1, outChannels: 2, kernel: 1, weights: new Float32Array([0, 20]), bias: new Float32Array([0, -10]) }]));
  const manifest = {
    format: 'voxa-model', formatVersion: 1, name: 'bone-threshold', version: '1', license: 'MIT', source: 'built by the test', file: 'bone.onnx',
    input: { modality: 'CT', grid: { orientation: 'as-is' }, axisOrder, normalization: [{ op: 'window', min: 0, max: 600 }] },
    output: { kind: 'logits', channels: 2, labels: [{ channel: 1, label: 'Bone', color: [241, 214, 145], type: { value: '272673000', scheme: 'SCT', meaning: 'Bone structure' } }] },
  };
  writeFileSync(join(dir, 'bone.json'), JSON.stringify(manifest));
  return join(dir, 'bone.json');
}

describe('voxa segment: usage', () => {
  it('without --model is a usage error (exit 2) that shows the help', () => {
    const r = runCli(['segment', 'in.nii.gz', '-o', 'out.nii.gz']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^voxa segment: segment needs --auto ct or a model: --model <manifest.json>\n/);
    expect(r.stderr).toContain('voxa segment <series> (--auto ct | --model <manifest.json>) -o <out>');
  });

  it('an output that is neither a label map nor a SEG is a usage error listing the extensions', () => {
    const r = runCli(['segment', 'in.nii.gz', '--model', 'm.json', '-o', 'out.png']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-o out.png: expected a file ending in .nii.gz, .nii, .nrrd, .dcm');
  });

  it('a manifest with a bad axis order exits 1 with one line naming the file and the field', () => {
    const dir = tmp();
    const path = boneModel(dir, 'ijk');
    const r = runCli(['segment', 'in.nii.gz', '--model', path, '-o', join(dir, 'out.nii.gz')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('The model manifest is invalid: expected "xyz"');
    expect(r.stderr).toContain(`file ${path}, field input.axisOrder`);
  });
});

describe('voxa segment --auto ct', () => {
  it('writes the rule-based structures of the phantom CT as two label maps (body; the tissue partition) with their label table', () => {
    const dir = tmp();
    const tp = generatePhantomTimePoint(0, { size: 'small' });
    const input = join(dir, 'ct.nii.gz');
    writeFileSync(input, writeNifti(tp.ct, { gzip: true }));
    const r = runCli(['segment', input, '--auto', 'ct', '-o', join(dir, 'auto.nrrd')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const table = JSON.parse(readFileSync(join(dir, 'auto.labels.json'), 'utf8')) as LabelTable;
    const layers = [0, 1].map((n) => readVolumeBytes(new Uint8Array(readFileSync(join(dir, `auto_layer${n}.nrrd`))), { file: `auto_layer${n}.nrrd` }).volumes[0]);
    const back = segmentationFromLabelVolume(layers, table);
    const cpu = segmentCtStructures(tp.ct);
    expect(back.segments.map((g) => g.label)).toEqual(cpu.segments.map((g) => g.label));
    for (const g of cpu.segments) {
      expect(segmentVoxelCount(back, back.segments.find((b) => b.label === g.label)!.number), g.label).toBe(segmentVoxelCount(cpu, g.number));
      expect(r.stdout).toContain(`${g.label}: ${segmentVoxelCount(cpu, g.number)} voxels`);
    }
    expect(table.segments.every((e) => e.algorithmType === 'AUTOMATIC' && e.review.status === 'proposal')).toBe(true);
  });

  it('refuses --auto with anything but ct, and --auto with --model', () => {
    expect(runCli(['segment', 'in.nii.gz', '--auto', 'mr', '-o', 'o.nii.gz']).stderr).toContain("--auto mr: the rule-based structures exist for 'ct'");
    expect(runCli(['segment', 'in.nii.gz', '--auto', 'ct', '--model', 'm.json', '-o', 'o.nii.gz']).code).toBe(2);
  });
});

describe.runIf(HAS_SHARED)('voxa segment: real data', () => {
  it('segments t1_crop.nii.gz with the brainchop model into a label map and label table that match the reference', () => {
    const dir = tmp();
    const out = join(dir, 't1_seg.nii.gz');
    const r = runCli(['segment', T1, '--model', BRAIN_MANIFEST, '-o', out]);
    expect(r.stderr).toContain('segment: inference (brainchop-meshnet-gwm-model5-niivue)');
    expect(r.code).toBe(0);
    // Counts of reference_local/t1_crop_seg_model5_gw_ae.nii.gz (shared/models/MANIFEST.md); 1 mm³ voxels.
    expect(r.stdout).toContain('  1 White Matter: 518540 voxels, 518.5 mL');
    expect(r.stdout).toContain('  2 Grey Matter: 735212 voxels, 735.2 mL');
    const labels = readVolumeBytes(new Uint8Array(readFileSync(out)), { file: out }).volumes[0];
    const reference = readVolumeBytes(new Uint8Array(readFileSync(sharedModel('brainchop-meshnet-gwm/reference_local/t1_crop_seg_model5_gw_ae.nii.gz'))), { file: 'ref.nii.gz' }).volumes[0];
    expect(labels.dimensions).toEqual([256, 256, 256]);
    expect(Array.from(labels.indexToWorld)).toEqual(Array.from(reference.indexToWorld));
    let differ = 0;
    for (let n = 0; n < labels.voxels.length; n++) if (labels.voxels[n] !== reference.voxels[n]) differ++;
    expect(differ).toBe(0);
    const table = JSON.parse(readFileSync(join(dir, 't1_seg.labels.json'), 'utf8'));
    expect(table.format).toBe('voxa-label-table');
    expect(table.segments.map((s: any) => [s.segmentNumber, s.value, s.label, s.color, s.type.value, s.algorithmType, s.algorithmName, s.review.status])).toEqual([
      [1, 1, 'White Matter', [255, 255, 255], '389080008', 'AUTOMATIC', 'brainchop-meshnet-gwm-model5-niivue', 'proposal'],
      [2, 2, 'Grey Matter', [205, 62, 78], '389081007', 'AUTOMATIC', 'brainchop-meshnet-gwm-model5-niivue', 'proposal'],
    ]);
  }, 120_000);

  it('refuses a DICOM SEG output for a NIfTI input (exit 2): a SEG must reference DICOM images', () => {
    const dir = tmp();
    const r = runCli(['segment', T1, '--model', boneModel(dir), '-o', join(dir, 'x.dcm')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`a DICOM SEG references the DICOM images it segments; ${T1} is not DICOM`);
  });

  it('segments a DICOM CT series into a DICOM SEG that holds exactly the voxels the model labels', async () => {
    const dir = tmp();
    const series = sharedData('dcm_qa_ct/In/Philips/S21570/S2010');
    const out = join(dir, 'bone.dcm');
    const r = runCli(['segment', series, '--model', boneModel(dir), '-o', out]);
    expect(r.stderr).toBe('segment: preprocess\nsegment: inference (bone-threshold)\nsegment: postprocess\n');
    expect(r.code).toBe(0);
    const ct = (await loadDicom(await fileSources(series))).series[0].volumes[0];
    let above = 0;
    for (const v of ct.voxels) if (v > 300) above++;
    const seg = await readDicomSeg(new Uint8Array(readFileSync(out)), { file: out });
    expect(seg.segments.map((s) => [s.label, s.algorithmType, s.algorithmName])).toEqual([['Bone', 'AUTOMATIC', 'bone-threshold']]);
    expect(seg.referencedSeriesUid).toBe(ct.meta.seriesInstanceUid);
    expect(above).toBeGreaterThan(10_000);
    expect(segmentVoxelCount(seg, 1)).toBe(above);
  }, 120_000);
});
