import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseDicom } from '@voxa/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import type { InstanceRef, PutResult } from '../../src/store/InstanceStore.ts';
import { packRecords } from '../../src/store/packFile.ts';
import { openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { withElement } from './editDicom.ts';
import {
  CT_SMALL, instanceFiles, MR_SMALL, MR_SMALL_BIG_ENDIAN, MR_SMALL_IMPLICIT, PHILIPS_SERIES, rowCounts, shared, sharedFolder, SR_DOCUMENT, storedRecords, tempDataDir,
} from './storeFixtures.ts';

const SOP_INSTANCE_UID = 'x00080018';
const SERIES_INSTANCE_UID = 'x0020000e';
const STUDY_INSTANCE_UID = 'x0020000d';

let dataDir = '';
let cleanup: () => Promise<void> = async () => {};
let store: SqliteFileStore;

beforeEach(async () => {
  ({ dir: dataDir, cleanup } = await tempDataDir());
  store = await openSqliteFileStore(dataDir);
});

afterEach(async () => {
  store.close();
  await cleanup();
});

function rejected(result: PutResult): { code: string; reason: string } {
  expect(result.status).toBe('rejected');
  return result as { code: string; reason: string };
}

describe('openSqliteFileStore', () => {
  it('creates index.sqlite in WAL mode with the index and measurement tables at the latest schema version, and packs/', () => {
    expect(existsSync(join(dataDir, 'packs'))).toBe(true);
    const db = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(['assessment_revisions', 'assessments', 'instances', 'measurement_audit', 'measurement_revisions', 'measurements', 'patients', 'series', 'studies']);
    } finally {
      db.close();
    }
  });

  it('reopens an existing store without migrating again and keeps its rows', async () => {
    store.close();
    store = await openSqliteFileStore(dataDir);
    expect(store.repairedAtOpen).toEqual({ orphanFiles: 0, orphanRows: 0, orphanBytes: 0 });
    expect(rowCounts(dataDir).instances).toBe(0);
  });
});

describe.runIf(HAS_SHARED)('a store made before pack files (schema version 3: one file per instance, file_path unique)', () => {
  /** Write such a store by hand: the first three migrations, then a file and rows per instance. */
  function writeVersion3Store(dir: string, files: Uint8Array[]): InstanceRef[] {
    const db = new Database(join(dir, 'index.sqlite'));
    try {
      db.pragma('journal_mode = WAL');
      for (const migration of MIGRATIONS.slice(0, 3)) migration(db);
      db.pragma('user_version = 3');
      return files.map((bytes) => {
        const header = parseDicom(bytes, 'v3', { untilTag: 'x7fe00010' });
        const uid = (tag: string) => header.dataSet.string(tag)!.replace(/\0/g, '').trim();
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const path = `instances/${sha256.slice(0, 2)}/${sha256}.dcm`;
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), bytes);
        const insert = (sql: string, ...values: unknown[]) => Number(db.prepare(sql).run(...values).lastInsertRowid);
        const patient = insert('INSERT INTO patients (PatientID) VALUES (?)', uid('x00100020'));
        const study = insert('INSERT INTO studies (patient_pk, StudyInstanceUID) VALUES (?, ?)', patient, uid('x0020000d'));
        const series = insert('INSERT INTO series (study_pk, SeriesInstanceUID) VALUES (?, ?)', study, uid('x0020000e'));
        insert(`INSERT INTO instances (series_pk, study_pk, SOPInstanceUID, SOPClassUID, TransferSyntaxUID, file_path, byte_size, sha256, stored_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, series, study, uid('x00080018'), uid('x00080016'), uid('x00020010'), path, bytes.byteLength, sha256, '2025-01-01T00:00:00.000Z');
        return { studyInstanceUid: uid('x0020000d'), seriesInstanceUid: uid('x0020000e'), sopInstanceUid: uid('x00080018') };
      });
    } finally {
      db.close();
    }
  }

  it('migrates it keeping every row: the old files stay where they are and read back whole; new instances go to packs', async () => {
    const old = await tempDataDir();
    const files = [shared(CT_SMALL), shared(MR_SMALL)];
    const refs = writeVersion3Store(old.dir, files);
    const migrated = await openSqliteFileStore(old.dir);
    try {
      expect(migrated.repairedAtOpen).toEqual({ orphanFiles: 0, orphanRows: 0, orphanBytes: 0 });
      for (const [k, ref] of refs.entries()) expect(Buffer.compare(Buffer.from((await migrated.getInstance(ref))!), Buffer.from(files[k]))).toBe(0);
      expect((await migrated.put(shared(SR_DOCUMENT))).status).toBe('stored');
      const stored = await instanceFiles(old.dir);
      expect(stored.filter((f) => f.startsWith('instances/'))).toHaveLength(2);
      expect(stored.filter((f) => f.startsWith('packs/'))).toHaveLength(1);
      expect(await migrated.repair()).toEqual({ orphanFiles: 0, orphanRows: 0, orphanBytes: 0 });
      const db = new Database(join(old.dir, 'index.sqlite'), { readonly: true });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
        const rows = db.prepare('SELECT SOPInstanceUID, byte_offset, stored_at FROM instances ORDER BY pk').all() as { SOPInstanceUID: string; byte_offset: number; stored_at: string }[];
        expect(rows.slice(0, 2)).toEqual(refs.map((r) => ({ SOPInstanceUID: r.sopInstanceUid, byte_offset: 0, stored_at: '2025-01-01T00:00:00.000Z' })));
        expect(rows[2].byte_offset).toBe(48); // after the pack's record header
      } finally {
        db.close();
      }
    } finally {
      migrated.close();
      await old.cleanup();
    }
  });
});

describe.runIf(HAS_SHARED)('put and getInstance', () => {
  it('stores a file and reads back the identical bytes by its three UIDs', async () => {
    const bytes = shared(CT_SMALL);
    const result = await store.put(bytes, 'CT_small.dcm');
    expect(result).toEqual({
      status: 'stored',
      ref: {
        studyInstanceUid: '1.3.6.1.4.1.5962.1.2.1.20040119072730.12322',
        seriesInstanceUid: '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322',
        sopInstanceUid: '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322',
        sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
        transferSyntaxUid: '1.2.840.10008.1.2.1',
        numberOfFrames: undefined,
      },
    });
    const back = await store.getInstance((result as { ref: import('../../src/store/InstanceStore.ts').InstanceRef }).ref);
    expect(back).toBeDefined();
    expect(Buffer.compare(Buffer.from(back!), Buffer.from(bytes))).toBe(0);
    expect(rowCounts(dataDir)).toEqual({ patients: 1, studies: 1, series: 1, instances: 1 });
  });

  it('writes the instances of one batch into one pack file, named by day and a random token (never a UID), each after its length and sha256', async () => {
    const files = [shared(CT_SMALL), shared(MR_SMALL), shared(SR_DOCUMENT)];
    const results = await store.putMany(files.map((bytes) => ({ bytes })));
    expect(results.map((r) => r.status === 'fulfilled' && r.value.status)).toEqual(['stored', 'stored', 'stored']);
    const packs = await instanceFiles(dataDir);
    expect(packs).toHaveLength(1);
    expect(packs[0]).toMatch(/^packs\/\d{4}-\d{2}-\d{2}\/\d{9}-\d+-[0-9a-f]{12}\.pack$/);
    const pack = readFileSync(join(dataDir, packs[0]));
    const { records, trailing } = packRecords(pack);
    expect(trailing).toBe(0);
    expect(records.map((r) => r.sha256)).toEqual(files.map((f) => createHash('sha256').update(f).digest('hex')));
    records.forEach((r, k) => expect(Buffer.compare(pack.subarray(r.offset, r.offset + r.byteLength), Buffer.from(files[k]))).toBe(0));
    // The index names the same bytes, and getInstance reads them back.
    for (const [k, result] of results.entries()) {
      const { ref } = (result as PromiseFulfilledResult<{ ref: InstanceRef }>).value;
      expect(Buffer.compare(Buffer.from((await store.getInstance(ref))!), Buffer.from(files[k]))).toBe(0);
    }
  });

  it('appends later batches to the same pack, right after the last record, and starts a new pack once reopened', async () => {
    await store.put(shared(CT_SMALL));
    await store.put(shared(MR_SMALL));
    const [pack] = await instanceFiles(dataDir);
    const { records, trailing } = packRecords(readFileSync(join(dataDir, pack)));
    expect(trailing).toBe(0);
    expect(records.map((r) => r.byteLength)).toEqual([shared(CT_SMALL).byteLength, shared(MR_SMALL).byteLength]);
    expect(records[1].offset).toBe(records[0].offset + records[0].byteLength + 48);
    store.close();
    store = await openSqliteFileStore(dataDir);
    await store.put(shared(SR_DOCUMENT));
    expect(await instanceFiles(dataDir)).toHaveLength(2);
  });

  it('getInstances gives each instance\'s bytes in the order asked, undefined for one not stored, reading pack neighbours as one span', async () => {
    const philips = sharedFolder(PHILIPS_SERIES).filter((f) => f.name !== 'DIRFILE').slice(0, 5);
    const results = await store.putMany(philips.map((f) => ({ bytes: f.bytes })));
    const refs = results.map((r) => (r as PromiseFulfilledResult<{ ref: InstanceRef }>).value.ref);
    store.close();
    store = await openSqliteFileStore(dataDir); // a new pack for the CT
    const ct = ((await store.put(shared(CT_SMALL))) as { ref: InstanceRef }).ref;
    const unknown = { ...refs[0], sopInstanceUid: '1.2.3' };
    const asked = [refs[3], refs[4], unknown, refs[0], refs[1], refs[2], ct];
    const got: (Uint8Array | undefined)[] = [];
    for await (const bytes of store.getInstances(asked)) got.push(bytes);
    const expected = [philips[3].bytes, philips[4].bytes, undefined, philips[0].bytes, philips[1].bytes, philips[2].bytes, shared(CT_SMALL)];
    expect(got.map((b) => b && Buffer.from(b).toString('hex'))).toEqual(expected.map((b) => b && Buffer.from(b).toString('hex')));
    // Neighbours in the pack came from one read: 3-4, then 0-1-2; the CT, in another pack, from its own.
    expect(got[0]!.buffer).toBe(got[1]!.buffer);
    expect(got[3]!.buffer).toBe(got[5]!.buffer);
    expect(got[1]!.buffer).not.toBe(got[3]!.buffer);
    expect(got[6]!.buffer).not.toBe(got[5]!.buffer);
  });

  it('getInstances throws VOXA_ERR_FILE_READ naming the instance when its pack is gone', async () => {
    const { ref } = (await store.put(shared(CT_SMALL))) as { ref: InstanceRef };
    const [pack] = await instanceFiles(dataDir);
    rmSync(join(dataDir, pack));
    const read = async () => {
      for await (const bytes of store.getInstances([ref])) void bytes;
    };
    await expect(read()).rejects.toMatchObject({ code: 'VOXA_ERR_FILE_READ', message: expect.stringContaining(ref.sopInstanceUid) });
  });

  it('returns undefined for an unknown instance, or a known SOP Instance UID under the wrong study', async () => {
    const result = await store.put(shared(MR_SMALL));
    const ref = (result as { ref: import('../../src/store/InstanceStore.ts').InstanceRef }).ref;
    expect(await store.getInstance({ ...ref, sopInstanceUid: '1.2.3' })).toBeUndefined();
    expect(await store.getInstance({ ...ref, studyInstanceUid: '1.2.3' })).toBeUndefined();
  });

  it('stores a non-image object (an SR document) and Implicit VR and Big Endian files', async () => {
    expect((await store.put(shared(SR_DOCUMENT))).status).toBe('stored');
    const implicit = await store.put(shared(MR_SMALL_IMPLICIT));
    expect(implicit.status).toBe('stored');
    // The implicit file's Rows (US) is read through the data dictionary: 64 like the explicit twin.
    const row = store.search('instance', { match: { SOPInstanceUID: (implicit as { ref: { sopInstanceUid: string } }).ref.sopInstanceUid } });
    expect(row[0]).toMatchObject({ Rows: 64, Columns: 64, BitsAllocated: 16, TransferSyntaxUID: '1.2.840.10008.1.2' });
    const fresh = await tempDataDir();
    const other = await openSqliteFileStore(fresh.dir);
    try {
      expect((await other.put(shared(MR_SMALL_BIG_ENDIAN))).status).toBe('stored');
      expect(other.search('instance', { match: {} })[0]).toMatchObject({ Rows: 64, TransferSyntaxUID: '1.2.840.10008.1.2.2' });
    } finally {
      other.close();
      await fresh.cleanup();
    }
  });

  it('answers a second put of the same bytes with duplicate and writes nothing', async () => {
    const bytes = shared(CT_SMALL);
    await store.put(bytes);
    const before = await instanceFiles(dataDir);
    const again = await store.put(bytes);
    expect(again.status).toBe('duplicate');
    expect(await instanceFiles(dataDir)).toEqual(before);
    expect(rowCounts(dataDir).instances).toBe(1);
  });

  it('rejects different bytes with a stored SOP Instance UID as VOXA_ERR_CONFLICT and keeps the original', async () => {
    const original = shared(CT_SMALL);
    await store.put(original);
    const modified = original.slice();
    modified[modified.length - 1] ^= 0xff; // one pixel byte differs, the UIDs do not
    const result = rejected(await store.put(modified, 'modified.dcm'));
    expect(result.code).toBe('VOXA_ERR_CONFLICT');
    expect(result.reason).toMatch(/different content.*modified\.dcm.*1\.3\.6\.1\.4\.1\.5962\.1\.1\.1\.1\.1\.20040119072730\.12322/);
    const ref = { studyInstanceUid: '1.3.6.1.4.1.5962.1.2.1.20040119072730.12322', seriesInstanceUid: '1.3.6.1.4.1.5962.1.3.1.1.20040119072730.12322', sopInstanceUid: '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322' };
    expect(Buffer.compare(Buffer.from((await store.getInstance(ref))!), Buffer.from(original))).toBe(0);
    expect(await instanceFiles(dataDir)).toHaveLength(1);
  });

  it('rejects the same instance in another transfer syntax (pydicom MR_small vs MR_small_implicit) as a conflict', async () => {
    await store.put(shared(MR_SMALL));
    expect(rejected(await store.put(shared(MR_SMALL_IMPLICIT))).code).toBe('VOXA_ERR_CONFLICT');
  });

  it('rejects a series UID already filed under another study as a conflict, writing nothing', async () => {
    const ct = shared(CT_SMALL);
    await store.put(ct);
    const moved = withElement(withElement(ct, SOP_INSTANCE_UID, '1.2.826.0.1.3680043.8.498.1'), STUDY_INSTANCE_UID, '1.2.826.0.1.3680043.8.498.2');
    const result = rejected(await store.put(moved));
    expect(result.code).toBe('VOXA_ERR_CONFLICT');
    expect(result.reason).toMatch(/already filed under study 1\.3\.6\.1\.4\.1\.5962\.1\.2\.1\.20040119072730\.12322/);
    expect(await instanceFiles(dataDir)).toHaveLength(1);
    expect(rowCounts(dataDir)).toEqual({ patients: 1, studies: 1, series: 1, instances: 1 });
  });

  it('files an SR that shares its series UID with a CT under that series, counting both modalities', async () => {
    await store.put(shared(CT_SMALL));
    await store.put(shared(SR_DOCUMENT));
    expect(rowCounts(dataDir)).toEqual({ patients: 1, studies: 1, series: 1, instances: 2 });
    expect(store.search('study', { match: {} })[0]).toMatchObject({ ModalitiesInStudy: ['CT', 'SR'], NumberOfStudyRelatedInstances: 2 });
  });
});

describe.runIf(HAS_SHARED)('bad input is rejected with a clear reason and leaves no file and no row', () => {
  const ct = () => shared(CT_SMALL);
  const cases: [string, () => Uint8Array, string, RegExp][] = [
    ['an empty file', () => new Uint8Array(0), 'VOXA_ERR_FILE_EMPTY', /empty.*input\.dcm/],
    ['a text file', () => new TextEncoder().encode('patient list\n'.repeat(40)), 'VOXA_ERR_NOT_DICOM', /Not a DICOM file.*input\.dcm/],
    ['a file cut inside its header', () => ct().subarray(0, 600), 'VOXA_ERR_DICOM_TRUNCATED', /truncated.*input\.dcm/],
    ['a file cut inside its pixel data', () => ct().subarray(0, 30_000), 'VOXA_ERR_DICOM_TRUNCATED', /pixel data declares.*input\.dcm.*7FE0,0010/],
    ["pydicom's MR_truncated.dcm", () => shared('pydicom/src/pydicom/data/test_files/MR_truncated.dcm'), 'VOXA_ERR_DICOM_TRUNCATED', /truncated/],
    ['a bare data set without meta header', () => shared('pydicom/src/pydicom/data/test_files/ExplVR_LitEndNoMeta.dcm'), 'VOXA_ERR_NOT_DICOM', /Part 10/],
    ['a file without SOP Instance UID', () => withElement(ct(), SOP_INSTANCE_UID, undefined), 'VOXA_ERR_DICOM_MISSING_TAG', /\(0008,0018\) SOPInstanceUID/],
    ['a file without Study Instance UID', () => withElement(ct(), STUDY_INSTANCE_UID, undefined), 'VOXA_ERR_DICOM_MISSING_TAG', /\(0020,000D\) StudyInstanceUID/],
    ['a SOP Instance UID that is a path', () => withElement(ct(), SOP_INSTANCE_UID, '../../etc/passwd'), 'VOXA_ERR_DICOM_BAD_VALUE', /"\.\.\/\.\.\/etc\/passwd" is not a valid UID.*only digits and dots.*SOPInstanceUID/],
    ['a Series Instance UID with a leading zero', () => withElement(ct(), SERIES_INSTANCE_UID, '1.2.03'), 'VOXA_ERR_DICOM_BAD_VALUE', /"1\.2\.03".*leading zero.*SeriesInstanceUID/],
    ['a Study Instance UID of 65 characters', () => withElement(ct(), STUDY_INSTANCE_UID, `1.2.${'3'.repeat(61)}`), 'VOXA_ERR_DICOM_BAD_VALUE', /65 characters, more than 64/],
  ];

  it.each(cases)('%s', async (_name, bytes, code, reason) => {
    const result = rejected(await store.put(bytes(), 'input.dcm'));
    expect(result.code).toBe(code);
    expect(result.reason).toMatch(reason);
    expect(await instanceFiles(dataDir)).toEqual([]);
    expect(rowCounts(dataDir)).toEqual({ patients: 0, studies: 0, series: 0, instances: 0 });
  });
});

describe.runIf(HAS_SHARED)('concurrent puts', () => {
  it('stores each of the 28 Philips images once when all 29 files arrive twice at the same time', async () => {
    const files = sharedFolder(PHILIPS_SERIES);
    expect(files).toHaveLength(29);
    const results = await Promise.all([...files, ...files].map((f) => store.put(f.bytes, f.name)));
    const count = (status: string) => results.filter((r) => r.status === status).length;
    expect(count('stored')).toBe(28);
    expect(count('duplicate')).toBe(28);
    // DIRFILE is Philips' own directory record, not an image: no Study Instance UID.
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as { code: string }).code)).toEqual(['VOXA_ERR_DICOM_MISSING_TAG', 'VOXA_ERR_DICOM_MISSING_TAG']);
    expect(await storedRecords(dataDir)).toBe(28);
    expect(rowCounts(dataDir)).toEqual({ patients: 1, studies: 1, series: 1, instances: 28 });
    for (const f of files.filter((f) => f.name !== 'DIRFILE').slice(0, 3)) {
      const { ref } = results[files.indexOf(f)] as { ref: import('../../src/store/InstanceStore.ts').InstanceRef };
      expect(Buffer.compare(Buffer.from((await store.getInstance(ref))!), Buffer.from(f.bytes))).toBe(0);
    }
  });

  it('keeps the first of two different files with the same SOP Instance UID put at the same time', async () => {
    const original = shared(CT_SMALL);
    const modified = original.slice();
    modified[modified.length - 1] ^= 0xff;
    const results = await Promise.all([store.put(original), store.put(modified)]);
    expect(results.map((r) => r.status)).toEqual(['stored', 'rejected']);
    expect(await instanceFiles(dataDir)).toHaveLength(1);
    const ref = (results[0] as { ref: import('../../src/store/InstanceStore.ts').InstanceRef }).ref;
    expect(Buffer.compare(Buffer.from((await store.getInstance(ref))!), Buffer.from(original))).toBe(0);
  });
});

describe.runIf(HAS_SHARED)('listInstances', () => {
  it('lists a study in instance number order and narrows to one series', async () => {
    const files = sharedFolder(PHILIPS_SERIES).filter((f) => f.name !== 'DIRFILE');
    await Promise.all(files.map((f) => store.put(f.bytes, f.name)));
    await store.put(shared(CT_SMALL));
    const study = '1.3.46.670589.33.1.27492712521914879309.27169771283235650014';
    const list = store.listInstances(study);
    expect(list).toHaveLength(28);
    const numbers = list.map((r) => store.search('instance', { match: { SOPInstanceUID: r.sopInstanceUid } })[0].InstanceNumber);
    expect(numbers).toEqual(Array.from({ length: 28 }, (_, k) => k + 1));
    expect(store.listInstances(study, list[0].seriesInstanceUid)).toHaveLength(28);
    expect(store.listInstances(study, '1.2.3')).toEqual([]);
  });
});

describe.runIf(HAS_SHARED)('putMany (one batch, group commit)', () => {
  const CT_SOP = '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322';
  /** A trigger, made through a second connection, that fails the insert of one SOP Instance UID. */
  function failInsertOf(sopInstanceUid: string, how: 'ABORT' | 'ROLLBACK'): void {
    const db = new Database(join(dataDir, 'index.sqlite'));
    try {
      db.exec(`CREATE TRIGGER fail_one BEFORE INSERT ON instances WHEN NEW.SOPInstanceUID = '${sopInstanceUid}'
        BEGIN SELECT RAISE(${how}, 'simulated failure'); END`);
    } finally {
      db.close();
    }
  }
  /** Every row has its file and every file its row (no orphan of either kind). */
  async function expectConsistent(): Promise<void> {
    const db = new Database(join(dataDir, 'index.sqlite'), { readonly: true });
    const paths = (db.prepare('SELECT file_path FROM instances').all() as { file_path: string }[]).map((r) => r.file_path);
    db.close();
    expect(await instanceFiles(dataDir)).toEqual([...new Set(paths)].sort());
  }

  it('gives each item its own outcome, in item order: stored, duplicate (of a stored one and within the batch), conflict, rejected', async () => {
    const philips = sharedFolder(PHILIPS_SERIES).filter((f) => f.name !== 'DIRFILE').slice(0, 3);
    const ct = shared(CT_SMALL);
    await store.put(ct);
    const conflicting = ct.slice();
    conflicting[conflicting.length - 1] ^= 0xff; // same UIDs, other bytes
    const results = await store.putMany([
      { bytes: philips[0].bytes, origin: 'I10' },
      { bytes: ct, origin: 'again.dcm' },
      { bytes: conflicting, origin: 'conflicting.dcm' },
      { bytes: new TextEncoder().encode('not a DICOM file'), origin: 'notes.txt' },
      { bytes: philips[1].bytes, origin: 'I20' },
      { bytes: philips[1].bytes, origin: 'I20 (copy)' },
      { bytes: philips[2].bytes, origin: 'I30' },
    ]);
    const outcome = (r: PromiseSettledResult<PutResult>) => (r.status === 'fulfilled' ? r.value.status === 'rejected' ? r.value.code : r.value.status : 'threw');
    // Puts of one SOP Instance UID run in the order made: I20 is stored, its copy a duplicate.
    expect(results.map(outcome)).toEqual(['stored', 'duplicate', 'VOXA_ERR_CONFLICT', 'VOXA_ERR_NOT_DICOM', 'stored', 'duplicate', 'stored']);
    const conflict = (results[2] as PromiseFulfilledResult<PutResult>).value as { reason: string };
    expect(conflict.reason).toMatch(/conflicting\.dcm/);
    expect(rowCounts(dataDir)).toEqual({ patients: 2, studies: 2, series: 2, instances: 4 });
    await expectConsistent();
  });

  it('answers an empty batch with no results, writing nothing', async () => {
    expect(await store.putMany([])).toEqual([]);
    expect(await instanceFiles(dataDir)).toEqual([]);
  });

  it('fails only the item whose rows cannot be inserted and commits the others (its bytes stay, unnamed, in their pack)', async () => {
    failInsertOf(CT_SOP, 'ABORT');
    const results = await store.putMany([{ bytes: shared(MR_SMALL) }, { bytes: shared(CT_SMALL) }, { bytes: shared(SR_DOCUMENT) }]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/simulated failure/);
    // The CT's patient, study and series rows went with its savepoint; the SR (same series) has its own.
    expect(rowCounts(dataDir)).toEqual({ patients: 2, studies: 2, series: 2, instances: 2 });
    await expectConsistent();
    expect(await instanceFiles(dataDir)).toHaveLength(1);
    expect(await storedRecords(dataDir)).toBe(3);
  });

  it('after a failure that rolls back the whole commit, leaves no row and no file of the failed group', async () => {
    failInsertOf(CT_SOP, 'ROLLBACK');
    const philips = sharedFolder(PHILIPS_SERIES).filter((f) => f.name !== 'DIRFILE').slice(0, 6);
    const results = await store.putMany([...philips.map((f) => ({ bytes: f.bytes, origin: f.name })), { bytes: shared(CT_SMALL), origin: 'CT_small.dcm' }]);
    const ct = results[results.length - 1];
    expect(ct.status).toBe('rejected');
    // Items committed in an earlier group keep rows and files; those of the CT's group have neither.
    const stored = results.filter((r) => r.status === 'fulfilled' && r.value.status === 'stored').length;
    expect(stored + results.filter((r) => r.status === 'rejected').length).toBe(results.length);
    expect(rowCounts(dataDir).instances).toBe(stored);
    await expectConsistent();
    // The store still works once the cause is gone.
    const db = new Database(join(dataDir, 'index.sqlite'));
    db.exec('DROP TRIGGER fail_one');
    db.close();
    expect((await store.put(shared(CT_SMALL))).status).toBe('stored');
    await expectConsistent();
  });
});
