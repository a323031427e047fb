import { createHash } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isVoxaError, parseDicom, VoxaError } from '@voxa/core';
import { writeFileAtomic } from '@voxa/core/node';
import type Database from 'better-sqlite3';
import type { InstanceRef, InstanceStore, PutResult, QueryLevel, SearchQuery, SearchRow } from './InstanceStore.ts';
import { ensureShardFolder, instanceFilePath } from './instanceFiles.ts';
import { readIndexRecord, type IndexRecord } from './readIndexRecord.ts';
import { repairStore, type RepairCounts } from './repairStore.ts';
import { searchIndex } from './searchIndex.ts';
import { storeReason } from './storeErrors.ts';
import { createIndexWriter, type IndexOutcome } from './writeIndexRows.ts';

/** Headers are parsed up to here; the pixel data is stored, never read. */
const PIXEL_DATA = 'x7fe00010';

/**
 * The embedded InstanceStore: Part 10 files under `instances/` (content-addressed, see
 * `instanceFilePath`) and their Patient/Study/Series/Instance index in SQLite (WAL). Create it
 * with `openSqliteFileStore`. Puts may run concurrently: file writes overlap, index
 * transactions run one at a time.
 */
export class SqliteFileStore implements InstanceStore {
  /** What the repair at open removed (leftovers of a crash, files deleted behind the store). */
  readonly repairedAtOpen: RepairCounts;
  private readonly writeRows: (record: IndexRecord, file: { path: string; byteSize: number; sha256: string }) => IndexOutcome;
  private readonly findSha: Database.Statement;
  private readonly findFile: Database.Statement;
  private readonly fileUsed: Database.Statement;
  private readonly listStatement: Database.Statement;
  private readonly inFlight = new Set<Promise<PutResult>>();
  private repairing: Promise<RepairCounts> | undefined;

  /** Use `openSqliteFileStore`, which migrates and repairs first. */
  constructor(private readonly dataDir: string, private readonly db: Database.Database, repairedAtOpen: RepairCounts) {
    this.repairedAtOpen = repairedAtOpen;
    this.writeRows = createIndexWriter(db);
    this.findSha = db.prepare('SELECT sha256 FROM instances WHERE SOPInstanceUID = ?');
    this.fileUsed = db.prepare('SELECT 1 FROM instances WHERE file_path = ?');
    this.findFile = db.prepare(`SELECT i.file_path FROM instances i JOIN series se ON se.pk = i.series_pk JOIN studies st ON st.pk = i.study_pk
      WHERE i.SOPInstanceUID = ? AND se.SeriesInstanceUID = ? AND st.StudyInstanceUID = ?`);
    this.listStatement = db.prepare(`
      SELECT st.StudyInstanceUID, se.SeriesInstanceUID, i.SOPInstanceUID, i.SOPClassUID, i.TransferSyntaxUID, i.NumberOfFrames
      FROM instances i JOIN series se ON se.pk = i.series_pk JOIN studies st ON st.pk = i.study_pk
      WHERE st.StudyInstanceUID = ? AND (? IS NULL OR se.SeriesInstanceUID = ?)
      ORDER BY se.SeriesNumber IS NULL, se.SeriesNumber, se.pk, i.InstanceNumber IS NULL, i.InstanceNumber, i.pk`);
  }

  /**
   * Store one Part 10 file (see InstanceStore.put). Order for crash safety: parse and validate
   * (nothing touched on rejection), write the file atomically and durably, then add the index
   * rows in one transaction; a crash in between leaves an orphan file that repair() deletes.
   * Rejections carry @voxa/core's code and message (naming `origin` and the tag) or
   * VOXA_ERR_CONFLICT; I/O and database failures throw.
   */
  async put(bytes: Uint8Array, origin = ''): Promise<PutResult> {
    while (this.repairing) await this.repairing.catch(() => undefined);
    const task = this.store(bytes, origin);
    this.inFlight.add(task);
    try {
      return await task;
    } finally {
      this.inFlight.delete(task);
    }
  }

  /** The stored bytes, or undefined when no instance has these three UIDs. Throws VOXA_ERR_FILE_READ when the indexed file is gone. */
  async getInstance(ref: InstanceRef): Promise<Uint8Array | undefined> {
    const row = this.findFile.get(ref.sopInstanceUid, ref.seriesInstanceUid, ref.studyInstanceUid) as { file_path: string } | undefined;
    if (!row) return undefined;
    try {
      const bytes = await readFile(join(this.dataDir, row.file_path));
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (e) {
      throw new VoxaError('VOXA_ERR_FILE_READ', { uid: ref.sopInstanceUid, file: row.file_path }, 'the instance is indexed but its file cannot be read; repair() drops such rows', { cause: e });
    }
  }

  /** The instances of a study (optionally one series), by series number then instance number. */
  listInstances(studyInstanceUid: string, seriesInstanceUid?: string): InstanceRef[] {
    const series = seriesInstanceUid ?? null;
    const rows = this.listStatement.all(studyInstanceUid, series, series) as {
      StudyInstanceUID: string; SeriesInstanceUID: string; SOPInstanceUID: string; SOPClassUID: string; TransferSyntaxUID: string; NumberOfFrames: number | null;
    }[];
    return rows.map((r) => ({
      studyInstanceUid: r.StudyInstanceUID,
      seriesInstanceUid: r.SeriesInstanceUID,
      sopInstanceUid: r.SOPInstanceUID,
      sopClassUid: r.SOPClassUID,
      transferSyntaxUid: r.TransferSyntaxUID,
      numberOfFrames: r.NumberOfFrames ?? undefined,
    }));
  }

  /** QIDO-RS search (see `searchIndex`); bad keys or values throw VOXA_ERR_BAD_ARGUMENT. */
  search(level: QueryLevel, query: SearchQuery): SearchRow[] {
    return searchIndex(this.db, level, query);
  }

  /** Remove orphan rows and files (see `repairStore`), after the puts in flight; new puts wait for it. */
  repair(): Promise<RepairCounts> {
    this.repairing ??= (async () => {
      await Promise.allSettled([...this.inFlight]);
      return repairStore(this.db, this.dataDir);
    })().finally(() => {
      this.repairing = undefined;
    });
    return this.repairing;
  }

  /** Close the index. Call once the puts in flight have settled. */
  close(): void {
    this.db.close();
  }

  private async store(bytes: Uint8Array, origin: string): Promise<PutResult> {
    let record: IndexRecord;
    try {
      const parsed = parseDicom(bytes, origin, { untilTag: PIXEL_DATA });
      if (!parsed.part10) {
        throw new VoxaError('VOXA_ERR_NOT_DICOM', { file: origin }, 'a bare data set without the PS3.10 preamble and meta header; the archive keeps Part 10 files only');
      }
      record = readIndexRecord(parsed, origin);
    } catch (e) {
      if (isVoxaError(e)) return { status: 'rejected', code: e.code, reason: e.message };
      const error = new VoxaError('VOXA_ERR_DICOM_CORRUPT', { file: origin }, e instanceof Error ? e.message : String(e));
      return { status: 'rejected', code: error.code, reason: error.message };
    }
    const { ref } = record;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stored = this.findSha.get(ref.sopInstanceUid) as { sha256: string } | undefined;
    if (stored) return this.existing(stored.sha256 === sha256 ? { status: 'duplicate' } : conflictWith(stored.sha256, sha256), record, origin);

    const file = instanceFilePath(sha256);
    await ensureShardFolder(this.dataDir, file);
    await writeFileAtomic(join(this.dataDir, file), bytes);
    let outcome: IndexOutcome;
    try {
      outcome = this.writeRows(record, { path: file, byteSize: bytes.length, sha256 });
    } catch (e) {
      await this.removeIfUnused(file);
      throw e;
    }
    if (outcome.status === 'stored') return { status: 'stored', ref };
    // Lost a race with a put of the same SOP Instance UID: identical bytes share the file.
    if (outcome.status === 'conflict') await this.removeIfUnused(file);
    return this.existing(outcome, record, origin);
  }

  private existing(outcome: Exclude<IndexOutcome, { status: 'stored' }>, record: IndexRecord, origin: string): PutResult {
    if (outcome.status === 'duplicate') return { status: 'duplicate', ref: record.ref };
    return {
      status: 'rejected', code: 'VOXA_ERR_CONFLICT', ref: record.ref,
      reason: storeReason('VOXA_ERR_CONFLICT', outcome.detail, { file: origin, uid: record.ref.sopInstanceUid }),
    };
  }

  /** Delete a file this put wrote, unless a row uses it (identical bytes); with the index closed, leave it to repair. */
  private async removeIfUnused(file: string): Promise<void> {
    if (!this.db.open || this.fileUsed.get(file)) return;
    await unlink(join(this.dataDir, file)).catch(() => undefined);
  }
}

function conflictWith(storedSha: string, newSha: string): Extract<IndexOutcome, { status: 'conflict' }> {
  return { status: 'conflict', detail: `stored with sha256 ${storedSha.slice(0, 12)}…, this one has ${newSha.slice(0, 12)}…` };
}
