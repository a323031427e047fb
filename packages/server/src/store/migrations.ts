import { VoxaError } from '@voxa/core';
import type Database from 'better-sqlite3';

/** One schema step; runs inside a transaction together with its `user_version` bump. */
export type Migration = (db: Database.Database) => void;

/**
 * The index schema, one migration per version (PRAGMA user_version = number applied). Never edit
 * a released migration; append a new one. DICOM attribute columns are named by keyword.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 1: the Patient/Study/Series/Instance tables and the indexes of the QIDO-RS paths.
  (db) => {
    db.exec(`
      CREATE TABLE patients (
        pk INTEGER PRIMARY KEY,
        PatientID TEXT,                           -- NULL: unknown, never merged with another
        IssuerOfPatientID TEXT NOT NULL DEFAULT '',
        PatientName TEXT,
        PatientName_folded TEXT,
        PatientBirthDate TEXT,
        PatientSex TEXT
      );
      CREATE UNIQUE INDEX patients_id ON patients (PatientID, IssuerOfPatientID);
      CREATE INDEX patients_name ON patients (PatientName_folded);

      CREATE TABLE studies (
        pk INTEGER PRIMARY KEY,
        patient_pk INTEGER NOT NULL REFERENCES patients (pk),
        StudyInstanceUID TEXT NOT NULL UNIQUE,
        StudyDate TEXT,
        StudyTime TEXT,
        AccessionNumber TEXT,
        StudyID TEXT,
        StudyDescription TEXT,
        ReferringPhysicianName TEXT,
        ReferringPhysicianName_folded TEXT,
        TimezoneOffsetFromUTC TEXT
      );
      CREATE INDEX studies_patient ON studies (patient_pk);
      CREATE INDEX studies_date ON studies (StudyDate, StudyTime);
      CREATE INDEX studies_accession ON studies (AccessionNumber);

      CREATE TABLE series (
        pk INTEGER PRIMARY KEY,
        study_pk INTEGER NOT NULL REFERENCES studies (pk),
        SeriesInstanceUID TEXT NOT NULL UNIQUE,
        Modality TEXT,
        SeriesNumber INTEGER,
        SeriesDescription TEXT,
        SeriesDate TEXT,
        SeriesTime TEXT,
        BodyPartExamined TEXT,
        PerformedProcedureStepStartDate TEXT,
        PerformedProcedureStepStartTime TEXT
      );
      CREATE INDEX series_study ON series (study_pk, SeriesNumber);
      CREATE INDEX series_modality ON series (Modality);

      CREATE TABLE instances (
        pk INTEGER PRIMARY KEY,
        series_pk INTEGER NOT NULL REFERENCES series (pk),
        study_pk INTEGER NOT NULL REFERENCES studies (pk),
        SOPInstanceUID TEXT NOT NULL UNIQUE,
        SOPClassUID TEXT NOT NULL,
        Modality TEXT,                            -- the instance's own, for ModalitiesInStudy
        InstanceNumber INTEGER,
        Rows INTEGER,
        Columns INTEGER,
        NumberOfFrames INTEGER,
        BitsAllocated INTEGER,
        TransferSyntaxUID TEXT NOT NULL,
        file_path TEXT NOT NULL UNIQUE,           -- relative to the data folder, '/'-separated
        byte_size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        stored_at TEXT NOT NULL                   -- ISO 8601, UTC
      );
      CREATE INDEX instances_series ON instances (series_pk, InstanceNumber);
      CREATE INDEX instances_study_modality ON instances (study_pk, Modality);
      CREATE INDEX instances_sop_class ON instances (SOPClassUID);
    `);
  },
  // 2: the 2D measurements saved with a study (measurements/SqliteMeasurementStore.ts), the study's
  // measurement revision, and the audit trail of every change. Keyed by the Study Instance UID,
  // not studies.pk, and without foreign keys: repair deletes a study row whose files are gone and
  // a later put makes a new one, while the measurements and their audit trail must stay.
  (db) => {
    db.exec(`
      CREATE TABLE measurement_revisions (
        study_uid TEXT PRIMARY KEY,
        revision INTEGER NOT NULL                 -- writes so far; a study without a row is at 0
      ) WITHOUT ROWID;

      CREATE TABLE measurements (
        study_uid TEXT NOT NULL,
        id TEXT NOT NULL,                         -- client-generated, [A-Za-z0-9_-]{1,64}
        json TEXT NOT NULL,                       -- the Measurement without createdAt/updatedAt
        created_at TEXT NOT NULL,                 -- ISO 8601, UTC
        updated_at TEXT NOT NULL,
        PRIMARY KEY (study_uid, id)
      ) WITHOUT ROWID;

      CREATE TABLE measurement_audit (
        pk INTEGER PRIMARY KEY,
        study_uid TEXT NOT NULL,
        measurement_id TEXT NOT NULL,
        revision INTEGER NOT NULL,                -- the study's revision this change made
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        user TEXT NOT NULL,
        at TEXT NOT NULL,                         -- ISO 8601, UTC
        before_json TEXT,                         -- the whole Measurement; NULL for a create
        after_json TEXT                           -- NULL for a delete
      );
      CREATE INDEX measurement_audit_measurement ON measurement_audit (study_uid, measurement_id, pk);
    `);
  },
  // 3: response assessments (assessments/SqliteAssessmentStore.ts). `assessments` is written once
  // per assessment; `assessment_revisions` keeps the whole Assessment after every change, one row
  // a revision, the newest being the current one. Both are append-only (triggers refuse UPDATE
  // and DELETE), so every step and every change stays. Keyed by patient ID and study UIDs as
  // given, without foreign keys, for the same reason as the measurements (repair).
  (db) => {
    db.exec(`
      CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        patient_id TEXT NOT NULL,
        created_at TEXT NOT NULL                  -- ISO 8601, UTC
      ) WITHOUT ROWID;
      CREATE INDEX assessments_patient ON assessments (patient_id, created_at);

      CREATE TABLE assessment_revisions (
        assessment_id TEXT NOT NULL,
        revision INTEGER NOT NULL,                -- 1 for the creation, then one per change
        action TEXT NOT NULL,                     -- create, step, reopen, add-follow-up
        user TEXT NOT NULL,
        at TEXT NOT NULL,                         -- ISO 8601, UTC
        json TEXT NOT NULL,                       -- the whole Assessment after the change
        PRIMARY KEY (assessment_id, revision)
      ) WITHOUT ROWID;

      CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;
      CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;
      CREATE TRIGGER assessment_revisions_no_update BEFORE UPDATE ON assessment_revisions BEGIN SELECT RAISE(ABORT, 'assessment revisions are append-only'); END;
      CREATE TRIGGER assessment_revisions_no_delete BEFORE DELETE ON assessment_revisions BEGIN SELECT RAISE(ABORT, 'assessment revisions are append-only'); END;
    `);
  },
  // 4: instances may share a file (pack files, see packFile.ts): file_path is no longer UNIQUE, and
  // byte_offset says where the instance's bytes start in it (0 for the one-file-per-instance
  // layout of versions 1-3, whose files stay where they are). SQLite cannot drop a constraint, so
  // the table is rebuilt, keeping every row and its pk.
  (db) => {
    const columns = `pk, series_pk, study_pk, SOPInstanceUID, SOPClassUID, Modality, InstanceNumber, Rows, Columns, NumberOfFrames,
      BitsAllocated, TransferSyntaxUID, file_path, byte_size, sha256, stored_at`;
    db.exec(`
      CREATE TABLE instances_v4 (
        pk INTEGER PRIMARY KEY,
        series_pk INTEGER NOT NULL REFERENCES series (pk),
        study_pk INTEGER NOT NULL REFERENCES studies (pk),
        SOPInstanceUID TEXT NOT NULL UNIQUE,
        SOPClassUID TEXT NOT NULL,
        Modality TEXT,
        InstanceNumber INTEGER,
        Rows INTEGER,
        Columns INTEGER,
        NumberOfFrames INTEGER,
        BitsAllocated INTEGER,
        TransferSyntaxUID TEXT NOT NULL,
        file_path TEXT NOT NULL,                  -- relative to the data folder, '/'-separated
        byte_offset INTEGER NOT NULL DEFAULT 0,   -- where the instance's bytes start in the file
        byte_size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        stored_at TEXT NOT NULL                   -- ISO 8601, UTC
      );
      INSERT INTO instances_v4 (${columns}) SELECT ${columns} FROM instances;
      DROP TABLE instances;
      ALTER TABLE instances_v4 RENAME TO instances;
      CREATE INDEX instances_series ON instances (series_pk, InstanceNumber);
      CREATE INDEX instances_study_modality ON instances (study_pk, Modality);
      CREATE INDEX instances_sop_class ON instances (SOPClassUID);
      CREATE INDEX instances_file ON instances (file_path);
    `);
  },
];

/**
 * Bring the index at `file` up to the newest schema: each pending migration runs in its own
 * transaction with its version bump, so a crash leaves a whole version or the previous one.
 * An index written by a newer Voxa is refused rather than misread.
 */
export function migrate(db: Database.Database, file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { file },
      `the index has schema version ${current}, newer than this Voxa's ${MIGRATIONS.length}`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      MIGRATIONS[version](db);
      // PRAGMA takes no bound parameters; `version` is a loop counter, not input.
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return MIGRATIONS.length;
}
