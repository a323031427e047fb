import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNifti, transformPoint } from '@voxa/core';
import { HAS_SHARED, sharedData } from '../../core/test/util/shared.ts';
import { runCli } from './runCli.ts';

describe('voxa CLI usage', () => {
  it('an unknown command exits 2 with the usage', () => {
    const r = runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('convert without -o exits 1 and says what is missing', () => {
    const r = runCli(['convert', tmpdir()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/needs an output folder: -o/);
  });

  it('an unknown flag is a usage error (exit 2)', () => {
    expect(runCli(['convert', '--bogus']).code).toBe(2);
  });

  it('a path that does not exist exits 1 naming it', () => {
    const r = runCli(['info', '/no/such/folder']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/no/such/folder');
  });

  it('a folder with only bad files exits 1 and lists each with its reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-bad-'));
    writeFileSync(join(dir, 'a.dcm'), new Uint8Array(0));
    writeFileSync(join(dir, 'b.dcm'), 'plain text');
    const r = runCli(['convert', dir, '-o', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rejected .*a\.dcm: The file is empty/);
    expect(r.stderr).toMatch(/rejected .*b\.dcm: Not a DICOM file/);
  });
});

describe.runIf(HAS_SHARED)('voxa convert on real data', () => {
  it('writes a .nii.gz whose geometry is the DICOM geometry, and a sidecar with the warnings', () => {
    const out = mkdtempSync(join(tmpdir(), 'voxa-conv-'));
    const r = runCli(['convert', sharedData('dcm_qa_ct/In/GE'), '-o', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2_CT.json', '2_CT.nii.gz']);
    const side = JSON.parse(readFileSync(join(out, '2_CT.json'), 'utf8'));
    expect(side.Warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(['GANTRY_TILT', 'UNEVEN_SPACING']));
    expect(side.Dimensions).toEqual([512, 512, 28]);
    expect(side.PatientName).toBeUndefined();
    const { volumes } = readNifti(new Uint8Array(readFileSync(join(out, '2_CT.nii.gz'))));
    // Image Position (Patient) of 01.dcm, the first slice (dcmdump).
    const p = transformPoint(volumes[0].indexToWorld, [0, 0, 0]);
    [-125, -123.5404569, 5.8360586].forEach((x, a) => expect(p[a]).toBeCloseTo(x, 3));
  });

  it('--tilt-correct --even-spacing resamples and says so in the sidecar', () => {
    const out = mkdtempSync(join(tmpdir(), 'voxa-conv-'));
    const r = runCli(['convert', sharedData('dcm_qa_ct/In/GE'), '-o', out, '--tilt-correct', '--even-spacing', '--quiet']);
    expect(r.code).toBe(0);
    const side = JSON.parse(readFileSync(join(out, '2_CT.json'), 'utf8'));
    expect(side.Dimensions).toEqual([512, 611, 56]);
    expect(side.Warnings.filter((w: { code: string }) => w.code === 'RESAMPLED')).toHaveLength(2);
  });

  it('a folder mixing good and bad files converts the good ones (exit 0) and lists the bad; --strict fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-mix-'));
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'good.dcm'), readFileSync(sharedData('dcm_qa_12bit/In/12bitUnsigned.dcm')));
    writeFileSync(join(dir, 'in', 'zero.dcm'), new Uint8Array(0));
    const r = runCli(['convert', join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 volume(s) written');
    expect(r.stderr).toMatch(/rejected .*zero\.dcm/);
    expect(runCli(['convert', join(dir, 'in'), '-o', join(dir, 'out2'), '--strict']).code).toBe(1);
  });

  it('info --json lists patient → study → series with dimensions and 4D time points', () => {
    const r = runCli(['info', sharedData('dcm_qa_nih/In/20180918GE/mr_0004'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const v = j.patients[0].studies[0].volumes[0];
    expect(v.dimensions).toEqual([64, 64, 15]);
    expect(v.timePoints).toBe(10);
  });
});
