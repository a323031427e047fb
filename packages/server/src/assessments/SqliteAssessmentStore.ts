import type Database from 'better-sqlite3';
import type { Assessment } from '@voxa/core';
import type {
  AssessmentAction, AssessmentChange, AssessmentHistoryRead, AssessmentRead, AssessmentRevision, AssessmentStore, AssessmentWrite,
} from './AssessmentStore.ts';

/** Options of {@link SqliteAssessmentStore}. */
export interface SqliteAssessmentStoreOptions {
  /** The clock of the steps and revisions (tests fix it). */
  now?: () => Date;
}

/** Defaults of {@link SqliteAssessmentStoreOptions}. */
export const SQLITE_ASSESSMENT_STORE_DEFAULTS: Required<SqliteAssessmentStoreOptions> = {
  now: () => new Date(),
};

interface RevisionRow {
  revision: number;
  action: AssessmentAction;
  user: string;
  at: string;
  json: string;
}

/**
 * The embedded AssessmentStore: tables `assessments` and `assessment_revisions` (schema version 3,
 * store/migrations.ts), append-only, in the instance index's database. A change is one IMMEDIATE
 * transaction: read the newest revision, check If-Match, apply the workflow function, insert the
 * next revision; a workflow refusal thrown by `apply` rolls it back.
 *
 * @example
 * const assessments = new SqliteAssessmentStore(db);
 * const write = assessments.update('a1', 'step', (a, at) => advanceAssessment(a, 'reviewed', 'dr.b', at), { user: 'dr.b', expectedRevision: 3 });
 */
export class SqliteAssessmentStore implements AssessmentStore {
  private readonly now: () => Date;
  private readonly latest: Database.Statement;
  private readonly allOf: Database.Statement;
  private readonly ofPatient: Database.Statement;
  private readonly insertAssessment: Database.Statement;
  private readonly insertRevision: Database.Statement;
  private readonly writeCreate: Database.Transaction<(make: (atIso: string) => Assessment, change: AssessmentChange) => AssessmentWrite>;
  private readonly writeUpdate: Database.Transaction<
    (id: string, action: AssessmentAction, apply: (current: Assessment, atIso: string) => Assessment, change: AssessmentChange) => AssessmentWrite
  >;
  private readonly readList: Database.Transaction<(patientId: string) => { assessment: Assessment; revision: number }[]>;

  /** `db`: a connection to an index at schema version 3 or later (see `migrate`). */
  constructor(db: Database.Database, options: SqliteAssessmentStoreOptions = {}) {
    this.now = options.now ?? SQLITE_ASSESSMENT_STORE_DEFAULTS.now;
    this.latest = db.prepare('SELECT revision, action, user, at, json FROM assessment_revisions WHERE assessment_id = ? ORDER BY revision DESC LIMIT 1');
    this.allOf = db.prepare('SELECT revision, action, user, at, json FROM assessment_revisions WHERE assessment_id = ? ORDER BY revision');
    this.ofPatient = db.prepare('SELECT id FROM assessments WHERE patient_id = ? ORDER BY created_at, id').pluck();
    this.insertAssessment = db.prepare('INSERT INTO assessments (id, patient_id, created_at) VALUES (?, ?, ?)');
    this.insertRevision = db.prepare('INSERT INTO assessment_revisions (assessment_id, revision, action, user, at, json) VALUES (?, ?, ?, ?, ?, ?)');

    this.writeCreate = db.transaction((make, change) => {
      const at = this.now().toISOString();
      const assessment = make(at);
      if (this.latest.get(assessment.id)) return { status: 'exists' };
      this.insertAssessment.run(assessment.id, assessment.patientId, at);
      this.insertRevision.run(assessment.id, 1, 'create', change.user, at, JSON.stringify(assessment));
      return { status: 'created', revision: 1, assessment };
    });
    this.writeUpdate = db.transaction((id, action, apply, change) => {
      const row = this.latest.get(id) as RevisionRow | undefined;
      if (!row) return { status: 'not-found' };
      if (change.expectedRevision !== undefined && change.expectedRevision !== row.revision) return { status: 'stale', revision: row.revision };
      const at = this.now().toISOString();
      const assessment = apply(JSON.parse(row.json) as Assessment, at);
      const revision = row.revision + 1;
      this.insertRevision.run(id, revision, action, change.user, at, JSON.stringify(assessment));
      return { status: 'updated', revision, assessment };
    });
    this.readList = db.transaction((patientId) => (this.ofPatient.all(patientId) as string[]).map((id) => {
      const row = this.latest.get(id) as RevisionRow;
      return { assessment: JSON.parse(row.json) as Assessment, revision: row.revision };
    }));
  }

  create(make: (atIso: string) => Assessment, change: AssessmentChange): AssessmentWrite {
    return this.writeCreate.immediate(make, change);
  }

  get(id: string): AssessmentRead {
    const row = this.latest.get(id) as RevisionRow | undefined;
    return row ? { status: 'ok', revision: row.revision, assessment: JSON.parse(row.json) as Assessment } : { status: 'not-found' };
  }

  list(patientId: string): { assessment: Assessment; revision: number }[] {
    return this.readList(patientId);
  }

  update(id: string, action: AssessmentAction, apply: (current: Assessment, atIso: string) => Assessment, change: AssessmentChange): AssessmentWrite {
    return this.writeUpdate.immediate(id, action, apply, change);
  }

  history(id: string): AssessmentHistoryRead {
    const rows = this.allOf.all(id) as RevisionRow[];
    if (rows.length === 0) return { status: 'not-found' };
    const revisions = rows.map((r): AssessmentRevision => ({ revision: r.revision, action: r.action, user: r.user, at: r.at, assessment: JSON.parse(r.json) as Assessment }));
    return { status: 'ok', revision: revisions.at(-1)!.revision, revisions };
  }
}
