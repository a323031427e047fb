import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openSqliteFileStore } from '@voxa/server';
import { HAS_SHARED, sharedData } from '../../core/test/util/shared.ts';
import { runCli } from './runCli.ts';

describe.runIf(HAS_SHARED)('voxa import', () => {
  it('stores a zip of files, reports duplicates on a second import and lists each rejected file with its reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxa-import-'));
    const ct = new Uint8Array(readFileSync(sharedData('pydicom/src/pydicom/data/test_files/CT_small.dcm')));
    const mr = new Uint8Array(readFileSync(sharedData('pydicom/src/pydicom/data/test_files/MR_small.dcm')));
    writeFileSync(join(dir, 'in.zip'), zipSync({ 'a/ct.dcm': ct, 'a/mr.dcm': mr, 'notes.txt': new TextEncoder().encode('not dicom') }));
    const data = join(dir, 'archive');
    const first = runCli(['import', join(dir, 'in.zip'), '--data', data]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('2 stored, 0 duplicate(s), 1 rejected');
    expect(first.stderr).toMatch(/rejected notes\.txt: Not a DICOM file/);
    expect(runCli(['import', join(dir, 'in.zip'), '--data', data]).stdout).toContain('0 stored, 2 duplicate(s), 1 rejected');
    const store = await openSqliteFileStore(data);
    try {
      const [hit] = store.search('instance', { match: { SOPInstanceUID: '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322' } });
      expect(hit).toBeDefined();
      const ref = store.listInstances(String(hit.StudyInstanceUID))[0];
      expect(Buffer.compare(Buffer.from((await store.getInstance(ref))!), Buffer.from(ct))).toBe(0);
    } finally {
      store.close();
    }
  });
});
