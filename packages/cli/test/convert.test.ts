import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readNifti, transformPoint } from '@voxa/core';
import { HAS_SHARED, sharedData } from '../../core/test/util/shared.ts';
import { convert } from '../src/commands/convert.ts';
import { runCli } from './runCli.ts';

describe('voxa CLI usage', () => {
  it('an unknown command exits 2 with the usage', () => {
    const r = runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });

  it('convert without -o is a usage error (exit 2) that says what is missing and shows the help', () => {
    const r = runCli(['convert', tmpdir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^voxa convert: convert needs an output folder: -o <out-dir>\n/);
    expect(r.stderr).toContain('voxa convert <dicom-dir|file> -o <out-dir>');
  });

  it('convert with an unknown --format is a usage error (exit 2) listing the formats, before touching the input or the output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-fmt-'));
    const r = runCli(['convert', join(dir, 'no-such-input'), '-o', join(dir, 'out'), '--format', 'constructor']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format constructor: expected one of nii.gz, nii, nrrd, mha');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('convert into an existing regular file exits 1 with one line naming the path, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-eexist-'));
    mkdirSync(join(dir, 'in'));
    const target = join(dir, 'taken.txt');
    writeFileSync(target, 'not a folder');
    const r = runCli(['convert', join(dir, 'in'), '-o', target]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^voxa convert: EEXIST: .*mkdir/);
    expect(lines[0]).toContain(target);
    expect(readFileSync(target, 'utf8')).toBe('not a folder');
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

describe('convert progress bar on a terminal', () => {
  const stderrTty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  let drawn: string[] = [];

  // In process, with stderr posing as a terminal outside CI: the only case where the bar draws.
  beforeEach(() => {
    drawn = [];
    vi.stubEnv('CI', '');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (drawn.push(String(chunk)), true));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    if (stderrTty) Object.defineProperty(process.stderr, 'isTTY', stderrTty);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  });

  function inputWithTwoFiles(): string {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-bar-'));
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'a.dcm'), 'plain text');
    writeFileSync(join(dir, 'in', 'b.dcm'), 'plain text');
    return dir;
  }

  it('draws the bar by default', async () => {
    const dir = inputWithTwoFiles();
    await convert([join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(drawn.some((s) => s.startsWith('\rconvert ['))).toBe(true);
  });

  it('--quiet draws no bar', async () => {
    const dir = inputWithTwoFiles();
    await convert([join(dir, 'in'), '-o', join(dir, 'out'), '--quiet']);
    expect(drawn.filter((s) => s.includes('convert ['))).toEqual([]);
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

  it('info on a NIfTI file prints its grid, spacing and orientation (nibabel standard.nii.gz: 4×5×7, 1×3×2 mm)', () => {
    const r = runCli(['info', sharedData('nibabel/nibabel/tests/data/standard.nii.gz'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.format).toBe('nifti1');
    expect(j.dimensions).toEqual([4, 5, 7]);
    j.spacingMm.forEach((x: number, a: number) => expect(x).toBeCloseTo([1, 3, 2][a], 6));
  });
});
