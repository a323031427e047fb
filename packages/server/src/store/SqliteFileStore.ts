import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isVoxaError, parseDicom, VoxaError, type ParsedDicom } from '@voxa/core';
import type Database from 'better-sqlite3';
import type { InstanceRef, InstanceStore, PutItem, PutResult, QueryLevel, SearchQuery, SearchRow } from './InstanceStore.ts';
import { KnownFolders } from './storeFolders.ts';
import { instanceSpans, type InstanceLocation, type InstanceSpan } from './instanceSpans.ts';
import { PACK_RECORD_HEADER_BYTES, PackWriter, type WrittenPack } from './packFile.ts';
import { OpenFiles } from './openFiles.ts';
import { readAhead } from './readAhead.ts';
import { readIndexRecord, type IndexRecord } from './readIndexRecord.ts';
import { repairStore, type RepairCounts } from './repairStore.ts';
import type { StoreOwnership } from './storeOwner.ts';
import { searchIndex } from './searchIndex.ts';
import { storeReason } from './storeErrors.ts';
import { createIndexWriter, type IndexEntry, type IndexEntryOutcome, type IndexOutcome } from './writeIndexRows.ts';

/** Headers are parsed up to here; the pixel data is stored, never read. */
const PIXEL_DATA = 'x7fe00010';

/** Files kept open for reads (see OpenFiles): the packs of the studies being retrieved. */
const OPEN_FILES = 64;

/**
 * `getInstances` reads neighbouring instances of a pack as one span of at most this many bytes,
 * with at most `READ_AHEAD` spans in flight or waiting. A WADO-RS study of 150 instances of
 * ~35 kB (one pack), median of 40 requests: 24.8 ms with a read per instance (16 in flight),
 * 16.9-19.7 ms by spans.
 */
const SPAN_BYTES = 4 * 2 ** 20;
const READ_AHEAD = { items: 4, bytes: 32 * 2 ** 20 };

/** A checked put waiting for the next group commit to write its bytes and rows. */
interface PendingEntry {
  record: IndexRecord;
  bytes: Uint8Array;
  sha256: string;
  /** Order of the put among all puts: a group adds its rows in that order. */
  sequence: number;
  settle: (outcome: IndexEntryOutcome) => void;
}

/**
 * The embedded InstanceStore: Part 10 files in pack files under `packs/` (see `PackWriter`) and
 * their Patient/Study/Series/Instance index in SQLite (WAL). Create it with
 * `openSqliteFileStore`. Puts may run concurrently; the puts checked meanwhile are stored
 * together (group commit): their bytes appended to the current pack file and fsynced, then all
 * their rows added in one transaction, so they share one WAL fsync. A put resolves only
 * after the commit that holds its rows. Puts of one SOP Instance UID run in turn, in the order
 * made. Rows of older stores name one file per instance under `instances/`; they are read and
 * repaired the same way (a file with one instance at offset 0).
 */
export class SqliteFileStore implements InstanceStore {
  /** What the repair at open removed (leftovers of a crash, files deleted behind the store). */
  readonly repairedAtOpen: RepairCounts;
  private readonly writeRows: (entries: readonly IndexEntry[]) => IndexEntryOutcome[];
  private readonly findSha: Database.Statement;
  private readonly findFile: Database.Statement;
  private readonly listStatement: Database.Statement;
  private readonly inFlight = new Set<Promise<PutResult>>();
  private repairing: Promise<RepairCounts> | undefined;
  private readonly packs: PackWriter;
  private readonly openFiles = new OpenFiles(OPEN_FILES);
  /** The last put in flight of each SOP Instance UID (never rejects): the next one waits for it. */
  private readonly lastPutOf = new Map<string, Promise<unknown>>();
  /** Checked puts waiting for the next group commit. */
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
    this.packs = new PackWriter(dataDir, new KnownFolders(dataDir));
    this.findSha = db.prepare('SELECT sha256 FROM instances WHERE SOPInstanceUID = ?');
    this.findFile = db.prepare(`SELECT i.file_path, i.byte_offset, i.byte_size FROM instances i JOIN series se ON se.pk = i.series_pk JOIN studies st ON st.pk = i.study_pk
      WHERE i.SOPInstanceUID = ? AND se.SeriesInstanceUID = ? AND st.StudyInstanceUID = ?`);
    this.listStatement = db.prepare(`
      SELECT st.StudyInstanceUID, se.SeriesInstanceUID, i.SOPInstanceUID, i.SOPClassUID, i.TransferSyntaxUID, i.NumberOfFrames
      FROM instances i JOIN series se ON se.pk = i.series_pk JOIN studies st ON st.pk = i.study_pk
      WHERE st.StudyInstanceUID = ? AND (? IS NULL OR se.SeriesInstanceUID = ?)
      ORDER BY se.SeriesNumber IS NULL, se.SeriesNumber, se.pk, i.InstanceNumber IS NULL, i.InstanceNumber, i.pk`);
  }

  /**
   * Store one Part 10 file (see InstanceStore.put). Order for crash safety: parse and validate
   * (nothing touched on rejection); then, with the group (see `commitGroups`), append to the
   * pack file, fsync it, and commit the index rows; only then resolve. A crash before the commit
   * leaves bytes no row names, which repair() cuts off, never a row without its bytes. `header`
   * spares the parse when the caller has it (see PutItem).
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
   * join the same group commits. Goes through `put`, item by item.
   */
  putMany(items: readonly PutItem[]): Promise<PromiseSettledResult<PutResult>[]> {
    return Promise.allSettled(items.map((item) => this.put(item.bytes, item.origin, item.header)));
  }

  /** The stored bytes, or undefined when no instance has these three UIDs. Throws VOXA_ERR_FILE_READ when the indexed file is gone. */
  async getInstance(ref: InstanceRef): Promise<Uint8Array | undefined> {
    const location = this.locate(ref);
    const [bytes] = await this.readSpan({ parts: location ? [location] : [], ref });
    return bytes;
  }

  /** See InstanceStore.getInstances: neighbours in a pack are read as one span (see SPAN_BYTES). */
  async *getInstances(refs: readonly InstanceRef[]): AsyncGenerator<Uint8Array | undefined> {
    const spans = instanceSpans(refs, (ref) => this.locate(ref), SPAN_BYTES);
    const spanBytes = (span: InstanceSpan) => span.parts.reduce((n, p) => n + p.byte_size, 0);
    for await (const bytes of readAhead(spans, (span) => this.readSpan(span), spanBytes, READ_AHEAD)) yield* bytes;
  }

  private locate(ref: InstanceRef): InstanceLocation | undefined {
    return this.findFile.get(ref.sopInstanceUid, ref.seriesInstanceUid, ref.studyInstanceUid) as InstanceLocation | undefined;
  }

  /** The bytes of each instance of the span (one read), or [undefined] for a span of an instance not stored. */
  private async readSpan(span: InstanceSpan): Promise<(Uint8Array | undefined)[]> {
    if (span.parts.length === 0) return [undefined];
    const first = span.parts[0];
    const last = span.parts[span.parts.length - 1];
    let bytes: Uint8Array;
    try {
      bytes = await this.openFiles.read(join(this.dataDir, first.file_path), first.byte_offset, last.byte_offset + last.byte_size - first.byte_offset);
    } catch (e) {
      throw new VoxaError('VOXA_ERR_FILE_READ', { uid: span.ref.sopInstanceUid, file: first.file_path }, 'the instance is indexed but its file cannot be read; repair() drops such rows', { cause: e });
    }
    return span.parts.map((p) => bytes.subarray(p.byte_offset - first.byte_offset, p.byte_offset - first.byte_offset + p.byte_size));
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
      // Its tail may be cut: the next group starts a new pack.
      await this.packs.finish();
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
    void this.packs.finish();
    this.openFiles.closeAll();
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

    const outcome = await this.commit({ record, bytes, sha256, sequence });
    if (outcome.status === 'failed') throw outcome.error;
    if (outcome.status === 'stored') return { status: 'stored', ref };
    // A series filed under another study (or another process stored this SOP Instance UID meanwhile).
    return this.existing(outcome, record, origin);
  }

  /** Queue a checked put; resolves once the group holding its bytes and rows is committed. */
  private commit(pending: Omit<PendingEntry, 'settle'>): Promise<IndexEntryOutcome> {
    return new Promise((settle) => {
      this.commitQueue.push({ ...pending, settle });
      if (!this.committing) {
        this.committing = true;
        void this.commitGroups();
      }
    });
  }

  /**
   * Group commit: take every queued put, append their bytes to the pack file (fsynced), then all
   * their rows in one transaction (one WAL fsync with synchronous=FULL),
   * and settle each put. Puts queued meanwhile form the next group, so a slower disk makes
   * larger groups rather than a longer queue.
   */
  private async commitGroups(): Promise<void> {
    // Let the puts checked in this turn of the event loop join the first group.
    await new Promise((resolve) => setImmediate(resolve));
    for (let group = this.commitQueue.splice(0); group.length > 0; group = this.commitQueue.splice(0)) {
      // Rows in the order the puts were made, not the order their checks finished.
      group.sort((a, b) => a.sequence - b.sequence);
      const outcomes = await this.commitGroup(group);
      group.forEach((p, k) => p.settle(outcomes[k]));
    }
    // Cleared in the same synchronous step that found the queue empty: a put queued later starts a new committer.
    this.committing = false;
  }

  private async commitGroup(group: readonly PendingEntry[]): Promise<IndexEntryOutcome[]> {
    let pack: WrittenPack;
    try {
      pack = await this.packs.append(group);
    } catch (error) {
      return group.map(() => ({ status: 'failed', error }));
    }
    let outcomes: IndexEntryOutcome[];
    try {
      outcomes = this.writeRows(group.map((p, k): IndexEntry => ({
        record: p.record, file: { path: pack.path, offset: pack.offsets[k], byteSize: p.bytes.byteLength, sha256: p.sha256 },
      })));
    } catch (error) {
      outcomes = group.map(() => ({ status: 'failed', error }));
    }
    // Bytes no row names stay in the pack (repair cuts them off its end). A pack that holds
    // nothing else (its name is this process's own, so no other row names it) is given up and
    // deleted now rather than at the next repair.
    if (pack.offsets[0] === PACK_RECORD_HEADER_BYTES && !outcomes.some((o) => o.status === 'stored')) {
      await this.packs.finish();
      await unlink(join(this.dataDir, pack.path)).catch(() => undefined);
    }
    return outcomes;
  }

  private existing(outcome: Exclude<IndexOutcome, { status: 'stored' }>, record: IndexRecord, origin: string): PutResult {
    if (outcome.status === 'duplicate') return { status: 'duplicate', ref: record.ref };
    return {
      status: 'rejected', code: 'VOXA_ERR_CONFLICT', ref: record.ref,
      reason: storeReason('VOXA_ERR_CONFLICT', outcome.detail, { file: origin, uid: record.ref.sopInstanceUid }),
    };
  }
}

function conflictWith(storedSha: string, newSha: string): Extract<IndexOutcome, { status: 'conflict' }> {
  return { status: 'conflict', detail: `stored with sha256 ${storedSha.slice(0, 12)}…, this one has ${newSha.slice(0, 12)}…` };
}
