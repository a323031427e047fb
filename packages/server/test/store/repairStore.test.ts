import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, truncate, unlink } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import type { InstanceRef } from '../../src/store/InstanceStore.ts';
import { openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { packRecords } from '../../src/store/packFile.ts';
import { CT_SMALL, instanceFiles, MR_SMALL, rowCounts, shared, SR_DOCUMENT, storedRecords, tempDataDir } from './storeFixtures.ts';

let dataDir = '';
let cleanup: () => Promise<void> = async () => {};
let store: SqliteFileStore | undefined;

beforeEach(async () => {
  ({ dir: dataDir, cleanup } = await tempDataDir());
});

afterEach(async () => {
  store?.close();
  store = undefined;
  await cleanup();
});

/** Run SQL on the index through a second connection, as another process would. */
function onIndex<T>(run: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'index.sqlite'));
  try {
    return run(db);
  } finally {
    db.close();
  }
}

/** The PID of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

/** The relative file path the index holds for one SOP Instance UID. */
function filePathOf(sopInstanceUid: string): string {
  const db = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT file_path FROM instances WHERE SOPInstanceUID = ?').get(sopInstanceUid) as { file_path: string }).file_path;
  } finally {
    db.close();
  }
}

describe.runIf(HAS_SHARED)('repair after a crash', () => {
  it('removes a pack written just before a crash (no row yet), and a file and a temp file of the older layout, at the next open', async () => {
    store = await openSqliteFileStore(dataDir);
    await store.put(shared(CT_SMALL));
    store.close();
    // What a crash between a new pack's fsync and the commit of its first rows leaves: a pack
    // without rows, named with the PID of a process that is gone.
    await mkdir(join(dataDir, 'packs', '2026-01-02'), { recursive: true });
    writeFileSync(join(dataDir, 'packs', '2026-01-02', `101112131-${await deadPid()}-00aa00aa00aa.pack`), shared(MR_SMALL));
    // The same for the one-file-per-instance layout of older stores: a complete file without a
    // row; a crash inside its write leaves its temp file.
    const orphan = join(dataDir, 'instances', 'ab', `ab${'0'.repeat(62)}.dcm`);
    await mkdir(join(dataDir, 'instances', 'ab'), { recursive: true });
    writeFileSync(orphan, shared(MR_SMALL));
    writeFileSync(`${orphan}.tmp-4242-k3j5`, shared(MR_SMALL).subarray(0, 1000));

    store = await openSqliteFileStore(dataDir);
    expect(store.repairedAtOpen).toEqual({ orphanFiles: 3, orphanRows: 0, orphanBytes: 0 });
    expect(await instanceFiles(dataDir)).toEqual([filePathOf('1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322')]);
    expect(rowCounts(dataDir).instances).toBe(1);
  });

  it('drops the row of a file deleted behind its back, and the series, study and patient left empty', async () => {
    store = await openSqliteFileStore(dataDir);
    const mr = await store.put(shared(MR_SMALL));
    // Reopened, the store starts a new pack: the MR's holds the MR only.
    store.close();
    store = await openSqliteFileStore(dataDir);
    await store.put(shared(CT_SMALL));
    await store.put(shared(SR_DOCUMENT));
    const mrRef = (mr as { ref: InstanceRef }).ref;
    store.close();
    await unlink(join(dataDir, filePathOf(mrRef.sopInstanceUid)));

    store = await openSqliteFileStore(dataDir);
    expect(store.repairedAtOpen).toEqual({ orphanFiles: 0, orphanRows: 1, orphanBytes: 0 });
    expect(rowCounts(dataDir)).toEqual({ patients: 1, studies: 1, series: 1, instances: 2 });
    expect(await store.getInstance(mrRef)).toBeUndefined();
    expect(store.search('study', { match: { PatientID: '4MR1' } })).toEqual([]);
  });

  it('drops the rows of the instances a cut-short pack no longer holds whole, and keeps those before the cut', async () => {
    store = await openSqliteFileStore(dataDir);
    const results = await store.putMany([shared(CT_SMALL), shared(MR_SMALL), shared(SR_DOCUMENT)].map((bytes) => ({ bytes })));
    const refs = results.map((r) => (r as PromiseFulfilledResult<{ ref: InstanceRef }>).value.ref);
    store.close();
    const pack = filePathOf(refs[0].sopInstanceUid);
    expect(filePathOf(refs[2].sopInstanceUid)).toBe(pack);
    // Cut inside the MR, the second record: the SR after it goes too.
    const { records } = packRecords(readFileSync(join(dataDir, pack)));
    await truncate(join(dataDir, pack), records[1].offset + 100);

    store = await openSqliteFileStore(dataDir);
    // …and cuts what is left of the MR (its record header and 100 bytes) off the pack.
    expect(store.repairedAtOpen).toEqual({ orphanFiles: 0, orphanRows: 2, orphanBytes: 48 + 100 });
    expect(Buffer.compare(Buffer.from((await store.getInstance(refs[0]))!), Buffer.from(shared(CT_SMALL)))).toBe(0);
    expect(await store.getInstance(refs[1])).toBeUndefined();
    expect(rowCounts(dataDir)).toEqual({ patients: 1, studies: 1, series: 1, instances: 1 });
  });

  it('cuts off bytes appended after the last committed record (a crash before the commit) at the next open', async () => {
    store = await openSqliteFileStore(dataDir);
    const ct = (await store.put(shared(CT_SMALL))) as { ref: InstanceRef };
    store.close();
    const pack = join(dataDir, filePathOf(ct.ref.sopInstanceUid));
    const committed = statSync(pack).size;
    appendFileSync(pack, shared(MR_SMALL).subarray(0, 5000));

    store = await openSqliteFileStore(dataDir);
    expect(store.repairedAtOpen).toEqual({ orphanFiles: 0, orphanRows: 0, orphanBytes: 5000 });
    expect(statSync(pack).size).toBe(committed);
    expect(packRecords(readFileSync(pack)).trailing).toBe(0);
    expect(Buffer.compare(Buffer.from((await store.getInstance(ct.ref))!), Buffer.from(shared(CT_SMALL)))).toBe(0);
  });

  it('leaves the packs of another live process alone (it may be appending to them), and repairs them once it is gone', async () => {
    store = await openSqliteFileStore(dataDir);
    const ct = (await store.put(shared(CT_SMALL))) as { ref: InstanceRef };
    store.close();
    const writer = spawn('sleep', ['30']);
    const committed = join(dataDir, filePathOf(ct.ref.sopInstanceUid));
    // Its pack with a tail not committed yet, and a new pack without rows yet.
    const named = join(dirname(committed), `101112131-${writer.pid}-00bb00bb00bb.pack`);
    renameSync(committed, named);
    onIndex((db) => db.prepare('UPDATE instances SET file_path = ?').run(relative(dataDir, named)));
    appendFileSync(named, shared(MR_SMALL).subarray(0, 700));
    const fresh = join(dirname(committed), `101112132-${writer.pid}-00cc00cc00cc.pack`);
    writeFileSync(fresh, shared(MR_SMALL).subarray(0, 300));
    try {
      store = await openSqliteFileStore(dataDir);
      expect(store.repairedAtOpen).toEqual({ orphanFiles: 0, orphanRows: 0, orphanBytes: 0 });
      expect(existsSync(fresh)).toBe(true);
      store.close();
    } finally {
      const exited = new Promise((r) => writer.once('exit', r));
      writer.kill('SIGKILL');
      await exited;
    }
    store = await openSqliteFileStore(dataDir);
    expect(store.repairedAtOpen).toEqual({ orphanFiles: 1, orphanRows: 0, orphanBytes: 700 });
    expect(existsSync(fresh)).toBe(false);
    expect(Buffer.compare(Buffer.from((await store.getInstance(ct.ref))!), Buffer.from(shared(CT_SMALL)))).toBe(0);
  });

  it('repair() on an open store returns the counts of both kinds and leaves a consistent store', async () => {
    store = await openSqliteFileStore(dataDir);
    const ct = (await store.put(shared(CT_SMALL))) as { ref: InstanceRef };
    // Reopened, the store starts a new pack: the CT's holds the CT only.
    store.close();
    store = await openSqliteFileStore(dataDir);
    await store.put(shared(MR_SMALL));
    await unlink(join(dataDir, filePathOf(ct.ref.sopInstanceUid)));
    await mkdir(join(dataDir, 'instances', 'ff'), { recursive: true });
    writeFileSync(join(dataDir, 'instances', 'ff', `ff${'1'.repeat(62)}.dcm`), shared(CT_SMALL));

    expect(await store.repair()).toEqual({ orphanFiles: 1, orphanRows: 1, orphanBytes: 0 });
    expect(await store.repair()).toEqual({ orphanFiles: 0, orphanRows: 0, orphanBytes: 0 });
    expect(await instanceFiles(dataDir)).toHaveLength(1);
    expect(rowCounts(dataDir)).toEqual({ patients: 1, studies: 1, series: 1, instances: 1 });
    // The instance can be stored again after its row was dropped.
    expect((await store.put(shared(CT_SMALL))).status).toBe('stored');
  });

  it('scans only after the puts in flight have settled, and holds new puts until it is done', async () => {
    store = await openSqliteFileStore(dataDir);
    const settled: string[] = [];
    const track = <T>(name: string, p: Promise<T>) => p.then((v) => (settled.push(name), v));
    const puts = [track('put CT', store.put(shared(CT_SMALL))), track('put MR', store.put(shared(MR_SMALL)))];
    const repaired = track('repair', store.repair());
    const later = track('put SR', store.put(shared(SR_DOCUMENT)));
    expect(await repaired).toEqual({ orphanFiles: 0, orphanRows: 0, orphanBytes: 0 });
    expect((await Promise.all([...puts, later])).map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    // A repair that ran beside the first two puts could delete their files before their rows exist.
    expect(settled.slice(2)).toEqual(['repair', 'put SR']);
    expect(await storedRecords(dataDir)).toBe(3);
    expect(rowCounts(dataDir).instances).toBe(3);
  });
});

describe.runIf(HAS_SHARED)('a data folder another live process owns (voxa import beside voxa serve)', () => {
  it('keeps files without rows (that process may be about to index them), and deletes them once the owner is gone', async () => {
    store = await openSqliteFileStore(dataDir);
    await store.put(shared(CT_SMALL));
    store.close();
    store = undefined;
    const inFlight = join(dataDir, 'instances', 'cd', `cd${'1'.repeat(62)}.dcm`);
    await mkdir(join(dataDir, 'instances', 'cd'), { recursive: true });
    writeFileSync(inFlight, shared(MR_SMALL));
    const owner = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dataDir, 'owner.pid'), String(owner.pid));
      const second = await openSqliteFileStore(dataDir);
      expect(second.ownedBy).toBe(owner.pid);
      expect(second.repairedAtOpen).toEqual({ orphanFiles: 0, orphanRows: 0, orphanBytes: 0 });
      expect(await second.repair()).toEqual({ orphanFiles: 0, orphanRows: 0, orphanBytes: 0 });
      expect(existsSync(inFlight)).toBe(true);
      second.close();
      expect(readFileSync(join(dataDir, 'owner.pid'), 'utf8'), 'closing a shared store leaves the owner file alone').toBe(String(owner.pid));
    } finally {
      const exited = new Promise((r) => owner.once('exit', r));
      owner.kill('SIGKILL');
      await exited;
    }
    // The owner died (as after SIGKILL): the next open takes the folder over and repairs fully.
    store = await openSqliteFileStore(dataDir);
    expect(store.ownedBy).toBeUndefined();
    expect(store.repairedAtOpen).toEqual({ orphanFiles: 1, orphanRows: 0, orphanBytes: 0 });
    expect(existsSync(inFlight)).toBe(false);
    store.close();
    store = undefined;
    expect(existsSync(join(dataDir, 'owner.pid')), 'the owner file goes with its owner').toBe(false);
  });
});
