import type Database from 'better-sqlite3';
import type { Measurement } from '@voxa/core';
import type { MeasurementAuditEntry, MeasurementChange, MeasurementRead, MeasurementStore, MeasurementWrite, StudyRead } from './MeasurementStore.ts';

/** Options of {@link SqliteMeasurementStore}. */
export interface SqliteMeasurementStoreOptions {
  /** The clock of createdAt, updatedAt and audit times (tests fix it). */
  now?: () => Date;
}

/** Defaults of {@link SqliteMeasurementStoreOptions}. */
export const SQLITE_MEASUREMENT_STORE_DEFAULTS: Required<SqliteMeasurementStoreOptions> = {
  now: () => new Date(),
};

interface MeasurementRow {
  json: string;
  created_at: string;
  updated_at: string;
}

interface AuditRow {
  revision: number;
  action: MeasurementAuditEntry['action'];
  user: string;
  at: string;
  before_json: string | null;
  after_json: string | null;
}

/**
 * The embedded MeasurementStore: tables `measurements`, `measurement_revisions` and
 * `measurement_audit` (schema version 2, store/migrations.ts) in the instance index's database,
 * on the SqliteFileStore's own connection, so that "the study is in the archive" and "the series
 * is one of the study's" are read in the same transaction as the write. Each write is one
 * IMMEDIATE transaction (the write lock taken before the first read, so another process sharing
 * the index cannot slip in between): checks, then the measurement row, the revision bump and the
 * audit row, committed together or not at all. Reads run in one transaction too, so the rows and
 * the revision they come with agree.
 *
 * @example
 * const measurements = new SqliteMeasurementStore(db);
 * const write = measurements.put(studyUid, measurement, { user: 'dr.a', expectedRevision: 3 });
 * if (write.status === 'stale') console.log(`now at revision ${write.revision}`);
 */
export class SqliteMeasurementStore implements MeasurementStore {
  private readonly now: () => Date;
  private readonly studyExists: Database.Statement;
  private readonly studyOfSeries: Database.Statement;
  private readonly revisionOf: Database.Statement;
  private readonly bumpRevision: Database.Statement;
  private readonly rowsOf: Database.Statement;
  private readonly rowOf: Database.Statement;
  private readonly upsertRow: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly insertAudit: Database.Statement;
  private readonly auditOf: Database.Statement;
  private readonly readList: Database.Transaction<(study: string) => StudyRead<{ measurements: Measurement[] }>>;
  private readonly readOne: Database.Transaction<(study: string, id: string) => MeasurementRead<{ measurement: Measurement }>>;
  private readonly readHistory: Database.Transaction<(study: string, id: string) => MeasurementRead<{ entries: MeasurementAuditEntry[] }>>;
  private readonly writePut: Database.Transaction<(study: string, measurement: Measurement, change: MeasurementChange) => MeasurementWrite>;
  private readonly writeDelete: Database.Transaction<(study: string, id: string, change: MeasurementChange) => MeasurementWrite>;

  /** `db`: a connection to an index at schema version 2 or later (see `migrate`). */
  constructor(db: Database.Database, options: SqliteMeasurementStoreOptions = {}) {
    this.now = options.now ?? SQLITE_MEASUREMENT_STORE_DEFAULTS.now;
    this.studyExists = db.prepare('SELECT 1 FROM studies WHERE StudyInstanceUID = ?').pluck();
    this.studyOfSeries = db.prepare('SELECT st.StudyInstanceUID FROM series se JOIN studies st ON st.pk = se.study_pk WHERE se.SeriesInstanceUID = ?').pluck();
    this.revisionOf = db.prepare('SELECT revision FROM measurement_revisions WHERE study_uid = ?').pluck();
    this.bumpRevision = db.prepare(`INSERT INTO measurement_revisions (study_uid, revision) VALUES (?, 1)
      ON CONFLICT (study_uid) DO UPDATE SET revision = revision + 1 RETURNING revision`).pluck();
    this.rowsOf = db.prepare('SELECT json, created_at, updated_at FROM measurements WHERE study_uid = ? ORDER BY created_at, id');
    this.rowOf = db.prepare('SELECT json, created_at, updated_at FROM measurements WHERE study_uid = ? AND id = ?');
    this.upsertRow = db.prepare(`INSERT INTO measurements (study_uid, id, json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (study_uid, id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`);
    this.deleteRow = db.prepare('DELETE FROM measurements WHERE study_uid = ? AND id = ?');
    this.insertAudit = db.prepare(`INSERT INTO measurement_audit (study_uid, measurement_id, revision, action, user, at, before_json, after_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.auditOf = db.prepare('SELECT revision, action, user, at, before_json, after_json FROM measurement_audit WHERE study_uid = ? AND measurement_id = ? ORDER BY pk');

    this.readList = db.transaction((study) => {
      if (!this.studyExists.get(study)) return { status: 'study-not-found' };
      const rows = this.rowsOf.all(study) as MeasurementRow[];
      return { status: 'ok', revision: this.revision(study), measurements: rows.map(fromRow) };
    });
    this.readOne = db.transaction((study, id) => {
      if (!this.studyExists.get(study)) return { status: 'study-not-found' };
      const row = this.rowOf.get(study, id) as MeasurementRow | undefined;
      return row ? { status: 'ok', revision: this.revision(study), measurement: fromRow(row) } : { status: 'not-found' };
    });
    this.readHistory = db.transaction((study, id) => {
      if (!this.studyExists.get(study)) return { status: 'study-not-found' };
      const rows = this.auditOf.all(study, id) as AuditRow[];
      if (rows.length === 0) return { status: 'not-found' };
      return { status: 'ok', revision: this.revision(study), entries: rows.map(fromAuditRow) };
    });

    // Every check before the first write: returning from the transaction commits it.
    this.writePut = db.transaction((study, measurement, change) => {
      const refused = this.refusal(study, change);
      if (refused) return refused;
      const seriesStudy = this.studyOfSeries.get(measurement.seriesInstanceUid) as string | undefined;
      if (seriesStudy !== study) return { status: 'series-not-in-study', seriesInstanceUid: measurement.seriesInstanceUid, inArchive: seriesStudy !== undefined };
      const existing = this.rowOf.get(study, measurement.id) as MeasurementRow | undefined;
      const before = existing ? fromRow(existing) : null;
      const at = this.now().toISOString();
      const stored = withoutTimes(measurement);
      const after: Measurement = { ...stored, createdAt: before?.createdAt ?? at, updatedAt: at };
      this.upsertRow.run(study, measurement.id, JSON.stringify(stored), after.createdAt, at);
      const revision = this.bumpRevision.get(study) as number;
      const action = before ? 'update' : 'create';
      this.insertAudit.run(study, measurement.id, revision, action, change.user, at, before && JSON.stringify(before), JSON.stringify(after));
      return { status: before ? 'updated' : 'created', revision, measurement: after };
    });
    this.writeDelete = db.transaction((study, id, change) => {
      const refused = this.refusal(study, change);
      if (refused) return refused;
      const existing = this.rowOf.get(study, id) as MeasurementRow | undefined;
      if (!existing) return { status: 'not-found' };
      this.deleteRow.run(study, id);
      const revision = this.bumpRevision.get(study) as number;
      this.insertAudit.run(study, id, revision, 'delete', change.user, this.now().toISOString(), JSON.stringify(fromRow(existing)), null);
      return { status: 'deleted', revision };
    });
  }

  list(studyInstanceUid: string): StudyRead<{ measurements: Measurement[] }> {
    return this.readList(studyInstanceUid);
  }

  get(studyInstanceUid: string, id: string): MeasurementRead<{ measurement: Measurement }> {
    return this.readOne(studyInstanceUid, id);
  }

  put(studyInstanceUid: string, measurement: Measurement, change: MeasurementChange): MeasurementWrite {
    return this.writePut.immediate(studyInstanceUid, measurement, change);
  }

  delete(studyInstanceUid: string, id: string, change: MeasurementChange): MeasurementWrite {
    return this.writeDelete.immediate(studyInstanceUid, id, change);
  }

  history(studyInstanceUid: string, id: string): MeasurementRead<{ entries: MeasurementAuditEntry[] }> {
    return this.readHistory(studyInstanceUid, id);
  }

  private revision(study: string): number {
    return (this.revisionOf.get(study) as number | undefined) ?? 0;
  }

  /** Why a write to the study must not happen: the study is not in the archive, or the client's revision is stale. */
  private refusal(study: string, change: MeasurementChange): MeasurementWrite | undefined {
    if (!this.studyExists.get(study)) return { status: 'study-not-found' };
    const revision = this.revision(study);
    if (change.expectedRevision !== undefined && change.expectedRevision !== revision) return { status: 'stale', revision };
    return undefined;
  }
}

function fromRow(row: MeasurementRow): Measurement {
  return { ...(JSON.parse(row.json) as Measurement), createdAt: row.created_at, updatedAt: row.updated_at };
}

function fromAuditRow(row: AuditRow): MeasurementAuditEntry {
  return {
    revision: row.revision,
    action: row.action,
    user: row.user,
    at: row.at,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as Measurement),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as Measurement),
  };
}

/** The measurement as its `json` column holds it: the server's times live in their own columns. */
function withoutTimes(measurement: Measurement): Measurement {
  const { createdAt: _created, updatedAt: _updated, ...rest } = measurement;
  return rest;
}
