import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED, sharedData } from '../../core/test/util/shared.ts';
import { instanceFiles } from './store/storeFixtures.ts';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../cli/src/cli.ts');
const SERIES = 'dcm_qa_ct/In/Philips/S21570/S2010';

/** Start `voxa serve` on a free port; resolves with its base URL once it listens. */
function startServer(data: string): Promise<{ proc: ChildProcess; base: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', '--data', data, '--no-demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((ok, fail) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /DICOMweb at (http:\/\/[^\s/]+)\/dicom-web/.exec(out);
      if (m) ok({ proc, base: `${m[1]}/dicom-web` });
    });
    proc.stderr!.on('data', (d) => (out += d));
    proc.on('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

function multipart(files: Uint8Array[], boundary: string): Buffer {
  const parts = files.flatMap((f) => [Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), Buffer.from(f), Buffer.from('\r\n')]);
  return Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
}

describe.runIf(HAS_SHARED)('SIGKILL during STOW-RS, then restart', () => {
  // One instance per request, or several (the parts of a request are stored as one batch, so
  // the kill lands inside batches whose files are written but whose rows are not committed).
  it.each([1, 4])('keeps every acknowledged instance intact and leaves no orphan rows or files (%i per request)', async (perRequest) => {
    const data = mkdtempSync(join(tmpdir(), 'voxa-crash-'));
    const dir = sharedData(SERIES);
    const files = readdirSync(dir).filter((f) => /^I\d+$/.test(f)).map((f) => new Uint8Array(readFileSync(join(dir, f))));
    const requests = Array.from({ length: Math.ceil(files.length / perRequest) }, (_, k) => files.slice(k * perRequest, (k + 1) * perRequest));
    const { proc, base } = await startServer(data);
    const acknowledged: Uint8Array[] = [];
    // Several requests in flight; kill the server once a third of the instances is acknowledged.
    const boundary = 'voxa-crash-test';
    const send = async (parts: Uint8Array[]) => {
      const r = await fetch(`${base}/studies`, {
        method: 'POST',
        headers: { 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`, accept: 'application/dicom+json' },
        body: multipart(parts, boundary),
      });
      if (r.status === 200) acknowledged.push(...parts);
      if (acknowledged.length >= Math.ceil(files.length / 3)) proc.kill('SIGKILL');
    };
    await Promise.allSettled(requests.map((parts, n) => new Promise((r) => setTimeout(r, n * 5)).then(() => send(parts))));
    await new Promise((r) => (proc.exitCode !== null || proc.signalCode ? r(null) : proc.once('exit', r)));
    expect(proc.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeLessThan(files.length + 1);

    const again = await startServer(data);
    try {
      for (const f of acknowledged) {
        const sop = /* SOP Instance UID from our own QIDO */ await findSop(again.base, f);
        const r = await fetch(`${again.base}/studies/${sop.study}/series/${sop.series}/instances/${sop.sop}`, { headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
        expect(r.status).toBe(200);
        const body = Buffer.from(await r.arrayBuffer());
        expect(body.indexOf(Buffer.from(f))).toBeGreaterThan(0); // the exact bytes are in the part
      }
    } finally {
      again.proc.kill('SIGTERM');
      await new Promise((r) => again.proc.once('exit', r));
    }
    // After the restart's repair: every row has its file and every file its row.
    const db = new Database(join(data, 'index.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT file_path, byte_offset, byte_size, sha256 FROM instances').all() as { file_path: string; byte_offset: number; byte_size: number; sha256: string }[];
    db.close();
    expect(await instanceFiles(data)).toEqual([...new Set(rows.map((r) => r.file_path))].sort());
    for (const r of rows) {
      const bytes = readFileSync(join(data, r.file_path)).subarray(r.byte_offset, r.byte_offset + r.byte_size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.sha256);
    }
    expect(rows.length).toBeGreaterThanOrEqual(acknowledged.length);
  });
});

/** Study/series/SOP UIDs of an instance, found by QIDO on its SOP Instance UID. */
async function findSop(base: string, bytes: Uint8Array): Promise<{ study: string; series: string; sop: string }> {
  const { parseDicom } = await import('@voxa/core');
  const ds = parseDicom(bytes, 'x', { untilTag: 'x7fe00010' }).dataSet;
  const sop = ds.string('x00080018')!;
  const r = await fetch(`${base}/instances?SOPInstanceUID=${sop}`, { headers: { accept: 'application/dicom+json' } });
  expect(r.status).toBe(200);
  const [hit] = (await r.json()) as Record<string, { Value: string[] }>[];
  return { study: hit['0020000D'].Value[0], series: hit['0020000E'].Value[0], sop: hit['00080018'].Value[0] };
}
