import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePhantomTimePoint, mat4Multiply, readItkTransform, readNifti, transformPoint, warpPoint, writeNifti, type DisplacementField } from '@voxa/core';
import { BUMPS, deformVolumes, trueFixedToMoving } from '../../core/test/registration/syntheticDeformation.ts';
import { hasNibabel, SYSTEM_PYTHON } from '../../core/test/segmentation/io/segPeers.ts';
import { runCli } from './runCli.ts';

const HAS_NIBABEL = hasNibabel();

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

  describe('--mode deformable on the phantom deformed by known 5 mm bumps', () => {
    const dir = tmp();
    const baseline = generatePhantomTimePoint(0, { size: 'small' });
    const out = join(dir, 't.json');
    const fieldFile = join(dir, 't.field.nii.gz');
    let r: ReturnType<typeof runCli>;
    beforeAll(() => {
      const [moving] = deformVolumes([{ volume: baseline.ct, interpolation: 'linear' }]);
      writeFileSync(join(dir, 'tp0.nii.gz'), writeNifti(baseline.ct, { gzip: true }));
      writeFileSync(join(dir, 'tp1.nii.gz'), writeNifti(moving, { gzip: true }));
      r = runCli(['register', join(dir, 'tp0.nii.gz'), join(dir, 'tp1.nii.gz'), '-o', out, '--mode', 'deformable']);
    });

    it('writes the affine JSON with a reference to the field, the .tfm, and the field as a 5-D LPS vector NIfTI our reader reads back', () => {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/deformable 5\.6×5\.6×6\.0 mm: 30 iterations/);
      const doc = JSON.parse(readFileSync(out, 'utf8')) as { kind: string; fixedToMoving: number[]; displacementField: { file: string; dimensions: number[]; spacingMm: number[] } };
      expect(doc.kind).toBe('affine');
      expect(doc.displacementField.file).toBe('t.field.nii.gz');
      expect(doc.displacementField.dimensions).toEqual([64, 64, 75]);
      const affine = readItkTransform(readFileSync(join(dir, 't.tfm'), 'utf8')).fixedToMoving;
      for (let n = 0; n < 16; n++) expect(affine[n]).toBeCloseTo(doc.fixedToMoving[n], 6);

      const read = readNifti(new Uint8Array(readFileSync(fieldFile)), { file: fieldFile });
      expect(read.volumes).toHaveLength(3); // dim[5] = 3 components, flattened by our reader
      expect(read.volumes[0].meta.extra?.niftiIntentCode).toBe(1007);
      for (const v of read.volumes) expect(v.dimensions).toEqual([64, 64, 75]);
      // The grid is the fixed grid shrunk 2×: voxel 0 sits at the centre of the fixed 2×2×2 block 0.
      const [x, y, z] = read.volumes.map((v) => Float32Array.from(v.voxels));
      const field: DisplacementField = { dimensions: [64, 64, 75], indexToWorld: read.volumes[0].indexToWorld, components: [x, y, z] };
      expect(Array.from(transformPoint(field.indexToWorld, [0, 0, 0]), (c) => +c.toFixed(3))).toEqual(Array.from(transformPoint(baseline.ct.indexToWorld, [0.5, 0.5, 0.5]), (c) => +c.toFixed(3)));
      // Read back, the field still carries each bump centre (5 mm off under the affine alone)
      // towards where the truth puts it, so the LPS signs survived the file: measured 0.38–0.73
      // of the affine error at each centre, 0.47 on average.
      const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
      let affineSum = 0, fieldSum = 0;
      for (const bump of BUMPS) {
        const want = trueFixedToMoving(bump.centreLps);
        const affineError = distance(transformPoint(affine, bump.centreLps), want);
        const fieldError = distance(warpPoint(field, affine, bump.centreLps), want);
        expect(affineError).toBeGreaterThan(4.5);
        expect(fieldError).toBeLessThan(0.8 * affineError);
        affineSum += affineError;
        fieldSum += fieldError;
      }
      expect(fieldSum / affineSum).toBeLessThan(0.55);
    });

    it.runIf(HAS_NIBABEL)('nibabel reads the field as a 64×64×75×1×3 vector image with our grid (sform in RAS) and our LPS vectors', () => {
      const script = [
        'import sys, json, nibabel as nib',
        'img = nib.load(sys.argv[1])',
        'data = img.get_fdata()',
        'print(json.dumps({"shape": list(img.shape), "intent": int(img.header["intent_code"]), "affine": img.affine.tolist(), "v": data[10, 20, 30, 0, :].tolist()}))',
      ].join('\n');
      const py = spawnSync(SYSTEM_PYTHON, ['-c', script, fieldFile], { encoding: 'utf8' });
      expect(py.stderr).toBe('');
      const nib = JSON.parse(py.stdout) as { shape: number[]; intent: number; affine: number[][]; v: number[] };
      expect(nib.shape).toEqual([64, 64, 75, 1, 3]);
      expect(nib.intent).toBe(1007);
      const [x, y, z] = readNifti(new Uint8Array(readFileSync(fieldFile))).volumes;
      // RAS = diag(−1, −1, 1) · LPS: the sform of the LPS grid matrix.
      const lps = x.indexToWorld;
      const ras = mat4Multiply(Float64Array.from([-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]), lps);
      for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) expect(nib.affine[r][c]).toBeCloseTo(ras[c * 4 + r], 4);
      const n = 10 + 64 * (20 + 64 * 30);
      expect(nib.v[0]).toBeCloseTo(x.voxels[n], 5);
      expect(nib.v[1]).toBeCloseTo(y.voxels[n], 5);
      expect(nib.v[2]).toBeCloseTo(z.voxels[n], 5);
    });
  });

  it('usage errors exit 2 and say what was expected', () => {
    expect(runCli(['register', 'a.nii.gz']).stderr).toMatch(/^voxa register: expected 2 argument\(s\), got 1/);
    const noJson = runCli(['register', 'a.nii.gz', 'b.nii.gz', '-o', 'x.tfm']);
    expect(noJson.code).toBe(2);
    expect(noJson.stderr).toContain('-o x.tfm: expected a .json file (the .tfm is written beside it)');
    expect(runCli(['register', 'a', 'b', '-o', 'x.json', '--mode', 'bspline']).stderr).toContain('--mode bspline: expected rigid, affine or deformable');
    expect(runCli(['register', 'a', 'b', '-o', 'x.json', '--levels', '4,0.5']).stderr).toContain('--levels 4,0.5: expected whole shrink factors ≥ 1');
  });

  it('a missing input exits 1 naming the file', () => {
    const dir = tmp();
    const r = runCli(['register', join(dir, 'none.nii.gz'), join(dir, 'none2.nii.gz'), '-o', join(dir, 't.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('none.nii.gz');
  });
});
