import type Database from 'better-sqlite3';
import type { IndexRecord, IndexValue } from './readIndexRecord.ts';

/** Where and what the instance's file is. */
export interface StoredFile {
  /** Relative to the data folder, '/'-separated. */
  path: string;
  /** Where the instance's bytes start in the file (a pack file holds many). */
  offset: number;
  byteSize: number;
  sha256: string;
}

/** What writing the rows of one instance did. */
export type IndexOutcome =
  | { status: 'stored' }
  | { status: 'duplicate' }
  | { status: 'conflict'; detail: string };

/** One instance to index: its record and its file, already durable on disk. */
export interface IndexEntry {
  record: IndexRecord;
  file: StoredFile;
}

/** What writing one entry of a batch did, or the error that rolled back its rows (and only its). */
export type IndexEntryOutcome = IndexOutcome | { status: 'failed'; error: unknown };

/**
 * Prepare the statements that add instances to the index and return the writer: one IMMEDIATE
 * transaction for the whole batch (one commit, so one WAL fsync), in which each instance is a
 * savepoint inserting the patient, study and series rows when new, then the instance row.
 * Existing patient/study/series rows are kept as first stored. An existing SOP Instance UID, also
 * one earlier in the same batch, is a duplicate (same sha256) or a conflict (different bytes); a
 * series already filed under another study is a conflict. An entry whose statements fail is
 * rolled back to its savepoint and reported as 'failed'; the others still commit. A failure that
 * ends the transaction itself (SQLite rolls back on some I/O errors and on a full disk) or a failed
 * commit throws, and then nothing of the batch is indexed. better-sqlite3 runs the transaction
 * synchronously, so batches within one process are serialised here by construction; other
 * processes wait on SQLite's lock.
 */
export function createIndexWriter(db: Database.Database): (entries: readonly IndexEntry[]) => IndexEntryOutcome[] {
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
    'Rows', 'Columns', 'NumberOfFrames', 'BitsAllocated', 'TransferSyntaxUID', 'file_path', 'byte_offset', 'byte_size', 'sha256', 'stored_at']);

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
      file_path: file.path, byte_offset: file.offset, byte_size: file.byteSize, sha256: file.sha256, stored_at: new Date().toISOString(),
    });
    return { status: 'stored' };
  });
  // Called inside `writeAll`, each `write` runs as a savepoint of its transaction.
  const writeAll = db.transaction((entries: readonly IndexEntry[]): IndexEntryOutcome[] => entries.map((entry): IndexEntryOutcome => {
    try {
      return write(entry.record, entry.file);
    } catch (error) {
      // SQLite already rolled the whole transaction back: the batch fails as one.
      if (!db.inTransaction) throw error;
      return { status: 'failed', error };
    }
  }));
  // IMMEDIATE: take the write lock before the first read, so another process cannot slip in between.
  return (entries) => writeAll.immediate(entries);
}

function insertStatement(db: Database.Database, table: string, columns: string[]): { run(values: Record<string, IndexValue>): Database.RunResult } {
  const statement = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  // Named parameters must all be present: pick exactly the columns, missing ones as NULL.
  return { run: (values) => statement.run(Object.fromEntries(columns.map((c) => [c, values[c] ?? null]))) };
}

function rowId(result: Database.RunResult): number {
  return Number(result.lastInsertRowid);
}
