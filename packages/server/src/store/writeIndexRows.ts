import type Database from 'better-sqlite3';
import type { IndexRecord, IndexValue } from './readIndexRecord.ts';

/** Where and what the instance's file is. */
export interface StoredFile {
  /** Relative to the data folder, '/'-separated. */
  path: string;
  byteSize: number;
  sha256: string;
}

/** What writing the rows of one instance did. */
export type IndexOutcome =
  | { status: 'stored' }
  | { status: 'duplicate' }
  | { status: 'conflict'; detail: string };

/**
 * Prepare the statements that add one instance to the index and return the writer: one
 * IMMEDIATE transaction inserting the patient, study and series rows when new, then the instance
 * row. Existing patient/study/series rows are kept as first stored. An existing SOP Instance UID
 * is a duplicate (same sha256) or a conflict (different bytes); a series already filed under
 * another study is a conflict. better-sqlite3 runs the transaction synchronously, so puts within
 * one process are serialised here by construction; other processes wait on SQLite's lock.
 */
export function createIndexWriter(db: Database.Database): (record: IndexRecord, file: StoredFile) => IndexOutcome {
  const findInstance = db.prepare('SELECT sha256 FROM instances WHERE SOPInstanceUID = ?');
  const findStudy = db.prepare('SELECT pk FROM studies WHERE StudyInstanceUID = ?');
  const findPatient = db.prepare('SELECT pk FROM patients WHERE PatientID = ? AND IssuerOfPatientID = ?');
  const findSeries = db.prepare(
    'SELECT se.pk, st.StudyInstanceUID FROM series se JOIN studies st ON st.pk = se.study_pk WHERE se.SeriesInstanceUID = ?');
  const insertPatient = insertStatement(db, 'patients', ['PatientID', 'IssuerOfPatientID', 'PatientName', 'PatientName_folded', 'PatientBirthDate', 'PatientSex']);
  const insertStudy = insertStatement(db, 'studies', ['patient_pk', 'StudyInstanceUID', 'StudyDate', 'StudyTime', 'AccessionNumber', 'StudyID',
    'StudyDescription', 'ReferringPhysicianName', 'ReferringPhysicianName_folded', 'TimezoneOffsetFromUTC']);
  const insertSeries = insertStatement(db, 'series', ['study_pk', 'SeriesInstanceUID', 'Modality', 'SeriesNumber', 'SeriesDescription', 'SeriesDate',
    'SeriesTime', 'BodyPartExamined', 'PerformedProcedureStepStartDate', 'PerformedProcedureStepStartTime']);
  const insertInstance = insertStatement(db, 'instances', ['series_pk', 'study_pk', 'SOPInstanceUID', 'SOPClassUID', 'Modality', 'InstanceNumber',
    'Rows', 'Columns', 'NumberOfFrames', 'BitsAllocated', 'TransferSyntaxUID', 'file_path', 'byte_size', 'sha256', 'stored_at']);

  const write = db.transaction((record: IndexRecord, file: StoredFile): IndexOutcome => {
    const { patient, study, series, instance } = record.rows;
    const existing = findInstance.get(instance.SOPInstanceUID) as { sha256: string } | undefined;
    if (existing) {
      return existing.sha256 === file.sha256 ? { status: 'duplicate' }
        : { status: 'conflict', detail: `stored with sha256 ${existing.sha256.slice(0, 12)}…, this one has ${file.sha256.slice(0, 12)}…` };
    }
    // Every check before the first insert: returning from the transaction commits it.
    const found = findSeries.get(series.SeriesInstanceUID) as { pk: number; StudyInstanceUID: string } | undefined;
    if (found && found.StudyInstanceUID !== study.StudyInstanceUID) {
      return { status: 'conflict', detail: `series ${series.SeriesInstanceUID} is already filed under study ${found.StudyInstanceUID}` };
    }
    let studyPk = (findStudy.get(study.StudyInstanceUID) as { pk: number } | undefined)?.pk;
    if (studyPk === undefined) {
      const issuer = patient.IssuerOfPatientID ?? '';
      // Without a Patient ID nothing says two studies share a patient: each gets its own row.
      let patientPk = patient.PatientID === null ? undefined
        : (findPatient.get(patient.PatientID, issuer) as { pk: number } | undefined)?.pk;
      patientPk ??= rowId(insertPatient.run({ ...patient, IssuerOfPatientID: issuer }));
      studyPk = rowId(insertStudy.run({ ...study, patient_pk: patientPk }));
    }
    const seriesPk = found?.pk ?? rowId(insertSeries.run({ ...series, study_pk: studyPk }));
    insertInstance.run({
      ...instance, series_pk: seriesPk, study_pk: studyPk,
      file_path: file.path, byte_size: file.byteSize, sha256: file.sha256, stored_at: new Date().toISOString(),
    });
    return { status: 'stored' };
  });
  // IMMEDIATE: take the write lock before the first read, so another process cannot slip in between.
  return (record, file) => write.immediate(record, file);
}

function insertStatement(db: Database.Database, table: string, columns: string[]): { run(values: Record<string, IndexValue>): Database.RunResult } {
  const statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  // Named parameters must all be present: pick exactly the columns, missing ones as NULL.
  return { run: (values) => statement.run(Object.fromEntries(columns.map((c) => [c, values[c] ?? null]))) };
}

function rowId(result: Database.RunResult): number {
  return Number(result.lastInsertRowid);
}
