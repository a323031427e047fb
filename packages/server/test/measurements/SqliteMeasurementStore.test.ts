import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measurementStoreFor } from '../../src/measurements/measurementStoreFor.ts';
import type { MeasurementStore } from '../../src/measurements/MeasurementStore.ts';
import { SqliteMeasurementStore } from '../../src/measurements/SqliteMeasurementStore.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { INDEX_FILE, openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { rowCounts, tempDataDir } from '../store/storeFixtures.ts';
import { lengthMeasurement, measurementFixtureFiles, STUDY } from './measurementFixtures.ts';

const ALICE = { user: 'alice' };

describe('SqliteMeasurementStore', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  let store: SqliteFileStore;
  let measurements: MeasurementStore;

  /** Run SQL on the index through a second connection, as another process would. */
  function onIndex<T>(run: (db: Database.Database) => T): T {
    const db = new Database(join(dir, INDEX_FILE));
    try {
      return run(db);
    } finally {
      db.close();
    }
  }

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDataDir());
    store = await openSqliteFileStore(dir);
    for (const bytes of measurementFixtureFiles()) expect((await store.put(bytes)).status).toBe('stored');
    measurements = measurementStoreFor(store)!;
  });

  afterEach(async () => {
    store?.close();
    await cleanup();
  });

  it('goes with a SqliteFileStore and with no other InstanceStore', () => {
    expect(measurements).toBeInstanceOf(SqliteMeasurementStore);
    const { put, putMany, getInstance, getInstances, listInstances, search, repair, close } = store;
    expect(measurementStoreFor({ put, putMany, getInstance, getInstances, listInstances, search, repair, close })).toBeUndefined();
  });

  it('takes createdAt, updatedAt and the audit time from its clock', () => {
    let now = Date.UTC(2024, 0, 2, 10, 0, 0);
    const clocked = new SqliteMeasurementStore(store['db'], { now: () => new Date(now) });
    clocked.put(STUDY, lengthMeasurement('t-1'), ALICE);
    now += 60_000;
    const write = clocked.put(STUDY, lengthMeasurement('t-1', { label: 'later' }), ALICE);
    expect(write).toMatchObject({ status: 'updated', measurement: { createdAt: '2024-01-02T10:00:00.000Z', updatedAt: '2024-01-02T10:01:00.000Z' } });
    const history = clocked.history(STUDY, 't-1');
    expect(history.status === 'ok' && history.entries.map((e) => e.at)).toEqual(['2024-01-02T10:00:00.000Z', '2024-01-02T10:01:00.000Z']);
  });

  it('writes nothing, neither the measurement nor the revision, when the audit row cannot be written', () => {
    expect(measurements.put(STUDY, lengthMeasurement('m-1'), ALICE)).toMatchObject({ status: 'created', revision: 1 });
    onIndex((db) => db.exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON measurement_audit BEGIN SELECT RAISE(ABORT, 'audit refused'); END"));
    expect(() => measurements.put(STUDY, lengthMeasurement('m-1', { label: 'changed' }), ALICE)).toThrow(/audit refused/);
    expect(() => measurements.put(STUDY, lengthMeasurement('m-2'), ALICE)).toThrow(/audit refused/);
    expect(() => measurements.delete(STUDY, 'm-1', ALICE)).toThrow(/audit refused/);
    onIndex((db) => db.exec('DROP TRIGGER refuse_audit'));

    const read = measurements.list(STUDY);
    expect(read).toMatchObject({ status: 'ok', revision: 1, measurements: [{ id: 'm-1', label: 'target 1' }] });
    const history = measurements.history(STUDY, 'm-1');
    expect(history.status === 'ok' && history.entries.map((e) => e.action)).toEqual(['create']);
    expect(measurements.history(STUDY, 'm-2')).toEqual({ status: 'not-found' });
  });

  it('keeps a study\'s measurements while repair removes the study (files gone) and shows them again once it is stored again', async () => {
    measurements.put(STUDY, lengthMeasurement('r-1'), ALICE);
    const files = measurementFixtureFiles().slice(0, 2); // the two instances of STUDY
    // The study's bytes go missing: its rows name a file that is not there.
    onIndex((db) => db.prepare("UPDATE instances SET file_path = 'packs/gone.pack' WHERE study_pk = (SELECT pk FROM studies WHERE StudyInstanceUID = ?)").run(STUDY));
    expect(await store.repair()).toMatchObject({ orphanRows: 2 });
    expect(rowCounts(dir).studies).toBe(1); // only the other study is left
    expect(measurements.list(STUDY)).toEqual({ status: 'study-not-found' });
    expect(measurements.put(STUDY, lengthMeasurement('r-2'), ALICE)).toEqual({ status: 'study-not-found' });

    for (const bytes of files) expect((await store.put(bytes)).status).toBe('stored');
    expect(measurements.list(STUDY)).toMatchObject({ status: 'ok', revision: 1, measurements: [{ id: 'r-1' }] });
  });

  it('migrates a schema version 1 index to version 2, keeping its instances', async () => {
    store.close();
    onIndex((db) => {
      // Version 1 had no measurement tables, nor those of later migrations (assessments, from version 3).
      db.exec('DROP TABLE measurements; DROP TABLE measurement_audit; DROP TABLE measurement_revisions; DROP TABLE assessments; DROP TABLE assessment_revisions');
      db.pragma('user_version = 1');
    });
    store = await openSqliteFileStore(dir);
    expect(onIndex((db) => db.pragma('user_version', { simple: true }))).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(2);
    expect(rowCounts(dir)).toMatchObject({ studies: 2, instances: 3 });
    measurements = measurementStoreFor(store)!;
    expect(measurements.list(STUDY)).toEqual({ status: 'ok', revision: 0, measurements: [] });
    expect(measurements.put(STUDY, lengthMeasurement('v-1'), ALICE)).toMatchObject({ status: 'created', revision: 1 });
  });
});
