import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '@voxa/core';
import { HAS_SHARED, sharedData } from '../../core/test/util/shared.ts';
import { runCli } from './runCli.ts';

const PHILIPS = sharedData('dcm_qa_ct/In/Philips/S21570/S2010');
const CT_SMALL = sharedData('pydicom/src/pydicom/data/test_files/CT_small.dcm');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

function uids(bytes: Uint8Array): { study: string; series: string; sop: string } {
  const ds = parseDicom(bytes).dataSet;
  const s = (tag: string) => (ds.string(tag) ?? '').trim();
  return { study: s('x0020000d'), series: s('x0020000e'), sop: s('x00080018') };
}

describe.runIf(HAS_SHARED)('voxa export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxa-export-'));
  const input = join(dir, 'in');
  const data = join(dir, 'archive');
  const secretFile = join(dir, 'secret');
  /** Input path (relative to `input`) → its expected path in a plain export. */
  const expected = new Map<string, string>();
  let study = '';

  beforeAll(() => {
    // Five images of the Philips CT study, and CT_small (another study, which must stay out).
    mkdirSync(input);
    const names = readdirSync(PHILIPS).filter((n) => /^I\d+$/.test(n)).sort().slice(0, 5);
    for (const name of names) {
      copyFileSync(join(PHILIPS, name), join(input, name));
      const u = uids(new Uint8Array(readFileSync(join(input, name))));
      study = u.study;
      expected.set(name, `${u.study}/${u.series}/${u.sop}.dcm`);
    }
    copyFileSync(CT_SMALL, join(input, 'ct_small.dcm'));
    writeFileSync(secretFile, 'cli-export-secret\n');
    const r = runCli(['import', input, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('6 stored');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports an imported study as a folder tree and as a zip, every file byte for byte as imported', () => {
    const folder = join(dir, 'plain');
    const r = runCli(['export', study, '-o', folder, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`5 instance(s) exported → ${folder}, 0 left out`);
    expect(listFiles(folder)).toEqual([...expected.values()].sort());
    for (const [name, path] of expected) expect(Buffer.compare(readFileSync(join(folder, path)), readFileSync(join(input, name))), name).toBe(0);

    const zipFile = join(dir, 'zips', 'plain.zip');
    const z = runCli(['export', study, '-o', zipFile, '--data', data]);
    expect(z.code, z.stderr).toBe(0);
    const zip = unzipSync(new Uint8Array(readFileSync(zipFile)));
    expect(Object.keys(zip).sort()).toEqual([...expected.values()].sort());
    for (const [name, path] of expected) expect(Buffer.compare(zip[path], readFileSync(join(input, name))), name).toBe(0);
    expect(readdirSync(join(dir, 'zips'))).toEqual(['plain.zip']); // no temp file left beside it
  });

  it('exports one series with --series', () => {
    const [path] = expected.values();
    const series = path.split('/')[1];
    const folder = join(dir, 'series');
    expect(runCli(['export', study, '--series', series, '-o', folder, '--data', data]).code).toBe(0);
    expect(listFiles(folder)).toEqual([...expected.values()].sort()); // all five images are in that one series
  });

  it('with --deid writes the same files as `voxa deid` of the imported files, plus EXPORT-NOTES.txt, and prints no patient data', () => {
    const exported = join(dir, 'deid-export');
    const r = runCli(['export', study, '-o', exported, '--data', data, '--deid', '--secret-file', secretFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('5 instance(s) exported de-identified');
    const reference = join(dir, 'deid-reference');
    mkdirSync(join(dir, 'philips-only'));
    for (const name of expected.keys()) copyFileSync(join(input, name), join(dir, 'philips-only', name));
    expect(runCli(['deid', join(dir, 'philips-only'), '-o', reference, '--secret-file', secretFile]).code).toBe(0);

    const files = listFiles(exported);
    const dicom = files.filter((f) => f.endsWith('.dcm'));
    expect(dicom).toEqual(listFiles(reference));
    for (const f of dicom) {
      expect(f).toMatch(/^2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);
      expect(Buffer.compare(readFileSync(join(exported, f)), readFileSync(join(reference, f))), f).toBe(0);
    }
    // These images carry no Burned In Annotation: the notes say to check the pixels.
    expect(files.filter((f) => !f.endsWith('.dcm'))).toEqual([`${dicom[0].split('/')[0]}/EXPORT-NOTES.txt`]);
    expect(r.stdout).toContain('warning: 5 file(s) have Burned In Annotation YES or absent');

    // Patient name HEAD / ID PLASTIC and the original UIDs: nowhere in the output or the files.
    const original = uids(new Uint8Array(readFileSync(join(input, [...expected.keys()][0]))));
    for (const v of ['PLASTIC', original.study, original.series, original.sop]) {
      expect(r.stdout + r.stderr).not.toContain(v);
      for (const f of files) expect(readFileSync(join(exported, f)).toString('latin1')).not.toContain(v);
    }
  });

  it('refuses bad use: --deid without a secret or a secret without --deid (exit 2), an unknown study or a missing archive (exit 1)', () => {
    const out = join(dir, 'refused');
    const noSecret = runCli(['export', study, '-o', out, '--data', data, '--deid']);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('export --deid needs a non-empty site secret: --secret-file FILE or VOXA_DEID_SECRET');
    expect(runCli(['export', study, '-o', out, '--data', data, '--secret-file', secretFile]).code).toBe(2);
    expect(runCli(['export', '1.2.x', '-o', out, '--data', data]).code).toBe(2);
    const unknown = runCli(['export', '1.2.3', '-o', out, '--data', data]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`the archive at ${data} holds no study 1.2.3`);
    const noArchive = runCli(['export', study, '-o', out, '--data', join(dir, 'nowhere')]);
    expect(noArchive.code).toBe(1);
    expect(noArchive.stderr).toContain('no archive at');
    expect(existsSync(join(dir, 'nowhere'))).toBe(false); // no empty archive created by looking
    expect(existsSync(out)).toBe(false);
  });
});
