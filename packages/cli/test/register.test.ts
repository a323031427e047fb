import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePhantomTimePoint, readItkTransform, transformPoint, writeNifti } from '@voxa/core';
import { runCli } from './runCli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'voxa-register-'));

describe('voxa register', () => {
  it('registers the phantom follow-up onto its baseline: JSON and ITK .tfm agree with the designed motion within 0.5 mm', () => {
    const dir = tmp();
    const baseline = generatePhantomTimePoint(0, { size: 'small' });
    const followUp = generatePhantomTimePoint(1, { size: 'small' });
    writeFileSync(join(dir, 'tp0.nii.gz'), writeNifti(baseline.ct, { gzip: true }));
    writeFileSync(join(dir, 'tp1.nii.gz'), writeNifti(followUp.ct, { gzip: true }));
    const out = join(dir, 'out', 'tp1-to-tp0.json');
    const r = runCli(['register', join(dir, 'tp0.nii.gz'), join(dir, 'tp1.nii.gz'), '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rigid ×1: \d+ iterations/);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { kind: string; fixedToMoving: number[]; levels: unknown[] };
    expect(doc.kind).toBe('rigid');
    expect(doc.levels).toHaveLength(3);
    const fromTfm = readItkTransform(readFileSync(join(dir, 'out', 'tp1-to-tp0.tfm'), 'utf8')).fixedToMoving;
    for (const lesion of baseline.truth.lesions) {
      const want = transformPoint(followUp.truth.baselineToTimePoint, lesion.centreLps);
      for (const m of [Float64Array.from(doc.fixedToMoving), fromTfm]) {
        const got = transformPoint(m, lesion.centreLps);
        expect(Math.hypot(got[0] - want[0], got[1] - want[1], got[2] - want[2])).toBeLessThan(0.5); // measured 0.06
      }
    }
  });

  it('usage errors exit 2 and say what was expected', () => {
    expect(runCli(['register', 'a.nii.gz']).stderr).toMatch(/^voxa register: expected 2 argument\(s\), got 1/);
    const noJson = runCli(['register', 'a.nii.gz', 'b.nii.gz', '-o', 'x.tfm']);
    expect(noJson.code).toBe(2);
    expect(noJson.stderr).toContain('-o x.tfm: expected a .json file (the .tfm is written beside it)');
    expect(runCli(['register', 'a', 'b', '-o', 'x.json', '--mode', 'bspline']).stderr).toContain('--mode bspline: expected rigid or affine');
    expect(runCli(['register', 'a', 'b', '-o', 'x.json', '--levels', '4,0.5']).stderr).toContain('--levels 4,0.5: expected whole shrink factors ≥ 1');
  });

  it('a missing input exits 1 naming the file', () => {
    const dir = tmp();
    const r = runCli(['register', join(dir, 'none.nii.gz'), join(dir, 'none2.nii.gz'), '-o', join(dir, 't.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('none.nii.gz');
  });
});
