import { createHash } from 'node:crypto';
import { readFile as readFileCallback } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { isVoxaError, parseDicom, VoxaError, type ParsedDicom } from '@voxa/core';
import { writeFileAtomic } from '@voxa/core/node';
import type Database from 'better-sqlite3';
import type { InstanceRef, InstanceStore, PutItem, PutResult, QueryLevel, SearchQuery, SearchRow } from './InstanceStore.ts';
import { instanceFilePath, ShardFolders, syncFolder } from './instanceFiles.ts';
import { limitConcurrency } from './limitConcurrency.ts';
import { readIndexRecord, type IndexRecord } from './readIndexRecord.ts';
import { repairStore, type RepairCounts } from './repairStore.ts';
import type { StoreOwnership } from './storeOwner.ts';
import { searchIndex } from './searchIndex.ts';
import { storeReason } from './storeErrors.ts';
import { createIndexWriter, type IndexEntry, type IndexEntryOutcome, type IndexOutcome } from './writeIndexRows.ts';

/**
 * fs.readFile with a callback, promisified: fs/promises' readFile goes through a FileHandle with
 * more round trips to the thread pool, which made a WADO-RS study of 150 small instances ~1.3-2×
 * slower here (median of 30: 60-93 ms vs 46-50 ms).
 */
const readWholeFile = promisify(readFileCallback);

/** Headers are parsed up to here; the pixel data is stored, never read. */
const PIXEL_DATA = 'x7fe00010';

/**
 * Instance files written at once: bounds the open files of a large batch. Many in flight keep
 * libuv's thread pool and the disk busy: with the archive benchmark's STOW load (40 puts in
 * flight, 2 cores, median of 4 runs each) a bound of 4 stored ~25% fewer instances per second
 * than 16, and 16 ~8% fewer than 64.
 */
const MAX_FILE_WRITES = 64;

/** A put whose file is durable, waiting for its index rows to be committed. */
interface PendingEntry {
  entry: IndexEntry;
  /** Order of the put among all puts: a group adds its rows in that order. */
  sequence: number;
  settle: (outcome: IndexEntryOutcome) => void;
}

/**
 * The embedded InstanceStore: Part 10 files under `instances/` (content-addressed, see
 * `instanceFilePath`) and their Patient/Study/Series/Instance index in SQLite (WAL). Create it
 * with `openSqliteFileStore`. Puts may run concurrently: their file writes overlap, and the puts
 * whose files became durable meanwhile are indexed together (group commit): each of their
 * folders fsynced once, then all their rows added in one transaction, so they share one WAL
 * fsync. A put resolves only after the commit that holds its rows. Puts of one SOP Instance UID
 * run in turn, in the order made.
 */
export class SqliteFileStore implements InstanceStore {
  /** What the repair at open removed (leftovers of a crash, files deleted behind the store). */
  readonly repairedAtOpen: RepairCounts;
  private readonly writeRows: (entries: readonly IndexEntry[]) => IndexEntryOutcome[];
  private readonly findSha: Database.Statement;
  private readonly findFile: Database.Statement;
  private readonly fileUsed: Database.Statement;
  private readonly listStatement: Database.Statement;
  private readonly inFlight = new Set<Promise<PutResult>>();
  private repairing: Promise<RepairCounts> | undefined;
  private readonly fileWrites = limitConcurrency(MAX_FILE_WRITES);
  private readonly shardFolders: ShardFolders;
  /** The last put in flight of each SOP Instance UID (never rejects): the next one waits for it. */
  private readonly lastPutOf = new Map<string, Promise<unknown>>();
  /** Puts whose files are durable, waiting for the next group commit. */
  private readonly commitQueue: PendingEntry[] = [];
  private committing = false;
  private putCount = 0;

  /** Use `openSqliteFileStore`, which migrates and repairs first. */
  constructor(
    private readonly dataDir: string,
    /** The index connection; other parts of the archive (measurements) keep their tables in the same database. */
    readonly db: Database.Database,
    repairedAtOpen: RepairCounts,
    private readonly owner: StoreOwnership = { exclusive: true, release: () => undefined },
  ) {
    this.repairedAtOpen = repairedAtOpen;
    this.writeRows = createIndexWriter(db);
    this.shardFolders = new ShardFolders(dataDir);
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
   * (nothing touched on rejection); write the file to a temp name, fsync it, rename it into its
   * folder; fsync the folder and commit the index rows with the group (see `commitGroups`); only
   * then resolve. A crash before the commit leaves an orphan file that repair() deletes, never a
   * row without its file. `header` spares the parse when the caller has it (see PutItem).
   * Rejections carry @voxa/core's code and message (naming `origin` and the tag) or
   * VOXA_ERR_CONFLICT; I/O and database failures throw.
   */
  async put(bytes: Uint8Array, origin = '', header?: ParsedDicom): Promise<PutResult> {
    while (this.repairing) await this.repairing.catch(() => undefined);
    const task = this.store(bytes, origin, header);
    this.inFlight.add(task);
    try {
      return await task;
    } finally {
      this.inFlight.delete(task);
    }
  }

  /**
   * Store many files (see InstanceStore.putMany): all are put at once, so their file writes
   * overlap and their rows join the same group commits. Goes through `put`, item by item.
   */
  putMany(items: readonly PutItem[]): Promise<PromiseSettledResult<PutResult>[]> {
    return Promise.allSettled(items.map((item) => this.put(item.bytes, item.origin, item.header)));
  }

  /** The stored bytes, or undefined when no instance has these three UIDs. Throws VOXA_ERR_FILE_READ when the indexed file is gone. */
  async getInstance(ref: InstanceRef): Promise<Uint8Array | undefined> {
    const row = this.findFile.get(ref.sopInstanceUid, ref.seriesInstanceUid, ref.studyInstanceUid) as { file_path: string } | undefined;
    if (!row) return undefined;
    try {
      const bytes = await readWholeFile(join(this.dataDir, row.file_path));
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
      return repairStore(this.db, this.dataDir, { orphanFiles: this.owner.exclusive });
    })().finally(() => {
      this.repairing = undefined;
    });
    return this.repairing;
  }

  /** The PID of the process that owns the data folder when it is not this one (see `claimStore`). */
  get ownedBy(): number | undefined {
    return this.owner.otherPid;
  }

  /** Close the index and give up the folder. Call once the puts in flight have settled. */
  close(): void {
    this.db.close();
    this.owner.release();
  }

  private async store(bytes: Uint8Array, origin: string, header: ParsedDicom | undefined): Promise<PutResult> {
    let record: IndexRecord;
    try {
      const parsed = header ?? parseDicom(bytes, origin, { untilTag: PIXEL_DATA });
      if (!parsed.part10) {
        throw new VoxaError('VOXA_ERR_NOT_DICOM', { file: origin }, 'a bare data set without the PS3.10 preamble and meta header; the archive keeps Part 10 files only');
      }
      record = readIndexRecord(parsed, origin);
    } catch (e) {
      if (isVoxaError(e)) return { status: 'rejected', code: e.code, reason: e.message };
      const error = new VoxaError('VOXA_ERR_DICOM_CORRUPT', { file: origin }, e instanceof Error ? e.message : String(e));
      return { status: 'rejected', code: error.code, reason: error.message };
    }
    // Puts of one SOP Instance UID run one after the other, in the order made: the first is
    // stored, a later one finds it (duplicate or conflict) and writes nothing.
    const sop = record.ref.sopInstanceUid;
    const previous = this.lastPutOf.get(sop);
    const task = previous ? previous.then(() => this.storeRecord(bytes, record, origin)) : this.storeRecord(bytes, record, origin);
    const settled = task.catch(() => undefined);
    this.lastPutOf.set(sop, settled);
    try {
      return await task;
    } finally {
      if (this.lastPutOf.get(sop) === settled) this.lastPutOf.delete(sop);
    }
  }

  private async storeRecord(bytes: Uint8Array, record: IndexRecord, origin: string): Promise<PutResult> {
    const { ref } = record;
    const sequence = this.putCount++;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stored = this.findSha.get(ref.sopInstanceUid) as { sha256: string } | undefined;
    if (stored) return this.existing(stored.sha256 === sha256 ? { status: 'duplicate' } : conflictWith(stored.sha256, sha256), record, origin);

    const file = instanceFilePath(sha256, ref.studyInstanceUid);
    try {
      await this.fileWrites(() => this.writeFile(file, bytes));
      const outcome = await this.index({ record, file: { path: file, byteSize: bytes.length, sha256 } }, sequence);
      if (outcome.status === 'failed') throw outcome.error;
      if (outcome.status === 'stored') return { status: 'stored', ref };
      // A series filed under another study (or another process stored this SOP Instance UID meanwhile).
      if (outcome.status === 'conflict') await this.removeIfUnused(file);
      return this.existing(outcome, record, origin);
    } catch (e) {
      await this.removeIfUnused(file);
      throw e;
    }
  }

  /**
   * Write the instance file: complete and fsynced under its name when this resolves. Its folder
   * is fsynced by the group commit, once for all the files of the group in it.
   */
  private async writeFile(file: string, bytes: Uint8Array): Promise<void> {
    await this.shardFolders.ensure(file);
    try {
      await writeFileAtomic(join(this.dataDir, file), bytes, { syncFolder: false });
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') throw e;
      // The shard folder was removed behind the store's back: make it again, once.
      this.shardFolders.forget(file);
      await this.shardFolders.ensure(file);
      await writeFileAtomic(join(this.dataDir, file), bytes, { syncFolder: false });
    }
  }

  /** Queue the rows of a put whose file is written; resolves once the group holding them is committed. */
  private index(entry: IndexEntry, sequence: number): Promise<IndexEntryOutcome> {
    return new Promise((settle) => {
      this.commitQueue.push({ entry, sequence, settle });
      if (!this.committing) {
        this.committing = true;
        void this.commitGroups();
      }
    });
  }

  /**
   * Group commit: take every queued entry, fsync each of their folders once (their renames
   * become durable), then write all their rows in one transaction (one WAL fsync with
   * synchronous=FULL) and settle each put. Entries queued meanwhile form the next group, so a
   * slower disk makes larger groups rather than a longer queue.
   */
  private async commitGroups(): Promise<void> {
    // Let the puts whose files complete in this turn of the event loop join the first group.
    await new Promise((resolve) => setImmediate(resolve));
    for (let group = this.commitQueue.splice(0); group.length > 0; group = this.commitQueue.splice(0)) {
      // Rows in the order the puts were made, not the order their writes finished.
      group.sort((a, b) => a.sequence - b.sequence);
      const folders = new Set(group.map((p) => dirname(p.entry.file.path)));
      await Promise.all([...folders].map((folder) => syncFolder(join(this.dataDir, folder))));
      let outcomes: IndexEntryOutcome[];
      try {
        outcomes = this.writeRows(group.map((p) => p.entry));
      } catch (error) {
        outcomes = group.map(() => ({ status: 'failed', error }));
      }
      group.forEach((p, k) => p.settle(outcomes[k]));
    }
    // Cleared in the same synchronous step that found the queue empty: a put queued later starts a new committer.
    this.committing = false;
  }

  private existing(outcome: Exclude<IndexOutcome, { status: 'stored' }>, record: IndexRecord, origin: string): PutResult {
    if (outcome.status === 'duplicate') return { status: 'duplicate', ref: record.ref };
    return {
      status: 'rejected', code: 'VOXA_ERR_CONFLICT', ref: record.ref,
      reason: storeReason('VOXA_ERR_CONFLICT', outcome.detail, { file: origin, uid: record.ref.sopInstanceUid }),
    };
  }

  /**
   * Delete a file this put wrote, unless a row uses it (identical bytes stored by another
   * process); with the index closed, leave it to repair. No other put of this process writes the
   * same file meanwhile: identical bytes have the same SOP Instance UID, whose puts run in turn.
   */
  private async removeIfUnused(file: string): Promise<void> {
    if (!this.db.open || this.fileUsed.get(file)) return;
    await unlink(join(this.dataDir, file)).catch(() => undefined);
  }
}

function conflictWith(storedSha: string, newSha: string): Extract<IndexOutcome, { status: 'conflict' }> {
  return { status: 'conflict', detail: `stored with sha256 ${storedSha.slice(0, 12)}…, this one has ${newSha.slice(0, 12)}…` };
}
