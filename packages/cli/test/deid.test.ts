import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDicom } from '@voxa/core';
import { HAS_SHARED, sharedData } from '../../core/test/util/shared.ts';
import { runCli } from './runCli.ts';

const TEST_FILES = sharedData('pydicom/src/pydicom/data/test_files');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe.runIf(HAS_SHARED)('voxa deid', () => {
  it('writes each file under its new UIDs, rejects a non-DICOM file with its reason, and prints no patient data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-deid-'));
    const input = join(dir, 'in');
    mkdirSync(input);
    copyFileSync(join(TEST_FILES, 'CT_small.dcm'), join(input, 'ct.dcm'));
    copyFileSync(join(TEST_FILES, 'MR_small.dcm'), join(input, 'mr.dcm'));
    writeFileSync(join(input, 'junk.dcm'), 'not dicom at all');
    writeFileSync(join(dir, 'secret'), 'cli-test-secret\n');
    const out = join(dir, 'out');
    const r = runCli(['deid', input, '-o', out, '--secret-file', join(dir, 'secret')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 file(s) de-identified');
    expect(r.stdout).toContain('1 rejected');
    expect(r.stderr).toMatch(/rejected .*junk\.dcm: VOXA_ERR_NOT_DICOM/);
    const files = listFiles(out);
    expect(files).toHaveLength(2);
    for (const f of files) expect(f).toMatch(/^2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);
    // Original identifiers of CT_small (patient name/ID, its SOP Instance UID) appear nowhere in the output or the files.
    const ct = parseDicom(new Uint8Array(readFileSync(join(TEST_FILES, 'CT_small.dcm')))).dataSet;
    const phi = ['x00100010', 'x00100020', 'x00080018', 'x0020000d'].map((t) => (ct.string(t) ?? '').trim()).filter(Boolean);
    for (const v of phi) {
      expect(r.stdout + r.stderr).not.toContain(v);
      for (const f of files) expect(readFileSync(join(out, f)).toString('latin1')).not.toContain(v);
    }
  });

  it('uses VOXA_DEID_SECRET consistently and exits 1 when nothing was written or 2 without a secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-deid-'));
    writeFileSync(join(dir, 'junk.dcm'), 'not dicom');
    process.env.VOXA_DEID_SECRET = 's1';
    try {
      const a = runCli(['deid', join(TEST_FILES, 'CT_small.dcm'), '-o', join(dir, 'a')]);
      const b = runCli(['deid', join(TEST_FILES, 'CT_small.dcm'), '-o', join(dir, 'b')]);
      expect(a.code, a.stderr).toBe(0);
      expect(listFiles(join(dir, 'a'))).toEqual(listFiles(join(dir, 'b')));
      expect(runCli(['deid', join(dir, 'junk.dcm'), '-o', join(dir, 'c')]).code).toBe(1);
    } finally {
      delete process.env.VOXA_DEID_SECRET;
    }
    expect(runCli(['deid', join(TEST_FILES, 'CT_small.dcm'), '-o', join(dir, 'd')]).code).toBe(2);
  });
});
