import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createVolume, encodePhantomSlice, PHANTOM_LABEL, phantomCtSeriesInfo, phantomLabelTable, parseLabelTable, readDicomSeg, readNifti, readNrrd,
  segmentVoxelCount, writeNifti,
} from '@voxa/core';
import { HAS_SHARED, sharedData } from '../../core/test/util/shared.ts';
import { smallTimePoint } from '../../core/test/phantom/phantomFixtures.ts';
import { dciodvfy, hasDciodvfy } from '../../core/test/segmentation/io/segPeers.ts';
import { runCli } from './runCli.ts';

const DCMQI = (...p: string[]) => sharedData('dcmqi', 'data', 'segmentations', ...p);
const count = (a: ArrayLike<number>, v: number) => Array.from(a).filter((x) => x === v).length;

describe('voxa seg usage', () => {
  it('without an action or output is a usage error (exit 2) showing the help', () => {
    const r = runCli(['seg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('voxa seg convert <in>');
  });

  it('a label map → SEG without --reference is a usage error that says what is needed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-seg-usage-'));
    const v = createVolume({ dimensions: [2, 2, 2], type: 'uint8', units: 'label' });
    writeFileSync(join(dir, 'l.nii'), writeNifti(v));
    const r = runCli(['seg', 'convert', join(dir, 'l.nii'), '-o', join(dir, 'x.dcm')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs --reference <dicom folder>');
  });
});

describe.runIf(HAS_SHARED)('voxa seg convert: DICOM SEG → label maps', () => {
  it('liver.dcm on its CT series → liver.nii.gz (label intent, 107 098 voxels) + liver.labels.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-seg-cli-'));
    const out = join(dir, 'liver.nii.gz');
    const r = runCli(['seg', 'convert', DCMQI('liver.dcm'), '-o', out, '--reference', DCMQI('ct-3slice')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const v = readNifti(new Uint8Array(readFileSync(out))).volumes[0];
    expect(v.units).toBe('label');
    expect(v.dimensions).toEqual([512, 512, 3]);
    expect(count(v.voxels, 1)).toBe(107_098);
    const table = parseLabelTable(JSON.parse(readFileSync(join(dir, 'liver.labels.json'), 'utf8')));
    expect(table.segments.map((e) => [e.segmentNumber, e.layer, e.value, e.label])).toEqual([[1, 0, 1, 'Liver']]);
  });

  it('overlapping segments → one NRRD per layer (<stem>_layer<N>.nrrd) and the table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-seg-cli-'));
    const r = runCli(['seg', 'convert', sharedData('highdicom', 'data', 'test_files', 'seg_image_ct_binary_overlap.dcm'), '-o', join(dir, 'o.nrrd'), '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'o.nrrd'))).toBe(false);
    // Counts from pydicom (see readDicomSeg.realData.test.ts): 16 and 4 voxels in each of 4 frames.
    expect(count(readNrrd(new Uint8Array(readFileSync(join(dir, 'o_layer0.nrrd')))).volumes[0].voxels, 1)).toBe(64);
    expect(count(readNrrd(new Uint8Array(readFileSync(join(dir, 'o_layer1.nrrd')))).volumes[0].voxels, 1)).toBe(16);
    const table = parseLabelTable(JSON.parse(readFileSync(join(dir, 'o.labels.json'), 'utf8')));
    expect(table.segments.map((e) => [e.segmentNumber, e.layer, e.label])).toEqual([[1, 0, 'first segment'], [2, 1, 'second segment']]);
  });
});

describe('voxa seg convert: label map → DICOM SEG on the phantom CT', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxa-seg-phantom-'));
  const ctDir = join(dir, 'ct');
  const tp = smallTimePoint(0);
  beforeAll(() => {
    mkdirSync(ctDir);
    const info = phantomCtSeriesInfo(tp);
    for (let k = 0; k < tp.ct.dimensions[2]; k++) writeFileSync(join(ctDir, `IM${k + 1}.dcm`), encodePhantomSlice(tp, k, info));
    writeFileSync(join(dir, 'labels.nii.gz'), writeNifti(tp.labels, { gzip: true }));
    writeFileSync(join(dir, 'phantom.labels.json'), JSON.stringify(phantomLabelTable()));
  });

  it('writes a SEG that passes dciodvfy and reads back with the phantom’s segments and voxel counts', async () => {
    const out = join(dir, 'phantom.dcm');
    const r = runCli(['seg', 'convert', join(dir, 'labels.nii.gz'), '-o', out, '--reference', ctDir, '--label-table', join(dir, 'phantom.labels.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    if (hasDciodvfy()) expect(dciodvfy(out).errors).toEqual([]);
    const seg = await readDicomSeg(new Uint8Array(readFileSync(out)));
    expect(seg.referencedSeriesUid).toBe(tp.uids.seriesInstanceUid);
    const labels = tp.labels.voxels as Uint8Array;
    const liver = seg.segments.find((g) => g.label === 'Liver')!;
    expect(liver.type).toEqual({ value: '10200004', scheme: 'SCT', meaning: 'Liver' });
    // The SEG spans only the slices that hold a segment: count over the whole read grid.
    expect(segmentVoxelCount(seg, liver.number)).toBe(count(labels, PHANTOM_LABEL.liver));
  });

  it('round-trips SEG → .nii.gz → SEG, finding <stem>.labels.json by itself; --fractional writes FRACTIONAL', async () => {
    const seg1 = join(dir, 'phantom.dcm');
    if (!existsSync(seg1)) runCli(['seg', 'convert', join(dir, 'labels.nii.gz'), '-o', seg1, '--reference', ctDir, '--label-table', join(dir, 'phantom.labels.json')]);
    expect(runCli(['seg', 'convert', seg1, '-o', join(dir, 'back.nii.gz'), '--reference', ctDir]).code).toBe(0);
    const r = runCli(['seg', 'convert', join(dir, 'back.nii.gz'), '-o', join(dir, 'again.dcm'), '--reference', ctDir, '--fractional']);
    expect(r.code).toBe(0);
    const a = await readDicomSeg(new Uint8Array(readFileSync(seg1)));
    const b = await readDicomSeg(new Uint8Array(readFileSync(join(dir, 'again.dcm'))));
    expect(b.segmentationType).toBe('FRACTIONAL');
    expect(b.segments.map((g) => [g.number, g.label, g.type.value])).toEqual(a.segments.map((g) => [g.number, g.label, g.type.value]));
    for (const g of a.segments) expect(segmentVoxelCount(b, g.number)).toBe(segmentVoxelCount(a, g.number));
  });

  it('a label map not on the reference grid is refused (exit 1) with both grids named', () => {
    const small = createVolume({ dimensions: [64, 64, 10], type: 'uint8', units: 'label' });
    small.voxels[5] = 1;
    writeFileSync(join(dir, 'small.nii'), writeNifti(small));
    const r = runCli(['seg', 'convert', join(dir, 'small.nii'), '-o', join(dir, 'small.dcm'), '--reference', ctDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^voxa seg: The volumes are not on the same grid: the label map is 64×64×10 .* the reference series 128×128×150 .*resample/);
    expect(existsSync(join(dir, 'small.dcm'))).toBe(false);
  });
});
