import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNifti } from '@voxa/core';
import { runCli } from './runCli.ts';

describe('voxa phantom → voxa convert', () => {
  it('writes two PET/CT studies whose CT conversion equals the ground-truth CT voxel for voxel, named by study date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-ph-'));
    const gen = runCli(['phantom', '-o', join(dir, 'ph'), '--size', 'small', '--time-points', '2']);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toMatch(/tp1 partial-response: 150 slices .* -35\.0% from baseline/);
    const conv = runCli(['convert', join(dir, 'ph', 'dicom'), '-o', join(dir, 'out'), '--quiet']);
    expect(conv.code).toBe(0);
    const all = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.nii.gz')).sort();
    // Each study is a PET/CT: series 1 the CT, series 2 the FDG PET.
    expect(all).toEqual(['20240108_1_Phantom_torso_small.nii.gz', '20240108_2_Phantom_FDG_PET.nii.gz', '20240304_1_Phantom_torso_small.nii.gz', '20240304_2_Phantom_FDG_PET.nii.gz']);
    const files = all.filter((f) => f.includes('_1_'));
    for (const [n, f] of files.entries()) {
      const ours = readNifti(new Uint8Array(readFileSync(join(dir, 'out', f)))).volumes[0];
      const truth = readNifti(new Uint8Array(readFileSync(join(dir, 'ph', 'truth', `tp${n}`, 'ct.nii.gz')))).volumes[0];
      expect(ours.dimensions).toEqual(truth.dimensions);
      expect(Buffer.compare(Buffer.from(ours.voxels.buffer, ours.voxels.byteOffset, ours.voxels.byteLength),
        Buffer.from(truth.voxels.buffer, truth.voxels.byteOffset, truth.voxels.byteLength))).toBe(0);
      Array.from(ours.indexToWorld).forEach((x, i) => expect(x).toBeCloseTo(truth.indexToWorld[i], 4));
    }
  });
});

describe('voxa phantom usage', () => {
  it('without -o is a usage error (exit 2) that says what is missing', () => {
    const r = runCli(['phantom', '--size', 'small']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^voxa phantom: phantom needs an output folder: -o <dir>\n/);
  });

  it.each([
    ['--seed', 'abc'],
    ['--noise', 'ten'],
    ['--time-points', ''],
  ])('a non-numeric %s %j is a usage error (exit 2) naming the flag, and writes nothing', (flag, value) => {
    const out = join(mkdtempSync(join(tmpdir(), 'voxa-ph-usage-')), 'ph');
    const r = runCli(['phantom', '-o', out, flag, value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`voxa phantom: ${flag} ${JSON.stringify(value)}: expected a number`);
    expect(existsSync(out)).toBe(false);
  });
});
