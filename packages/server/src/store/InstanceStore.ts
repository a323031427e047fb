import type { ParsedDicom } from '@voxa/core';

/**
 * The archive's storage interface: instance files plus an index of the attributes QIDO-RS
 * searches. The embedded default is SQLite + files on disk (`SqliteFileStore`); a PostgreSQL +
 * S3 implementation will fill the same interface.
 */
export interface InstanceStore {
  /**
   * Store one Part 10 file. Atomic: after a crash at any moment there is either the whole file
   * with its index rows, or neither. The same SOP Instance UID with identical bytes is a
   * duplicate (nothing written); with different bytes it is a conflict (rejected, existing kept).
   * `header`: see PutItem.
   */
  put(bytes: Uint8Array, origin?: string, header?: ParsedDicom): Promise<PutResult>;
  /**
   * Store many Part 10 files (e.g. the parts of one STOW-RS request), each with `put`'s
   * guarantees and outcomes, sharing the costly durable steps (index commit, folder fsyncs).
   * Resolves once every item has its outcome, in item order: fulfilled with its PutResult, or
   * rejected with the I/O or database error that `put` would have thrown for it.
   */
  putMany(items: readonly PutItem[]): Promise<PromiseSettledResult<PutResult>[]>;
  /** The stored bytes of one instance, or undefined. */
  getInstance(ref: InstanceRef): Promise<Uint8Array | undefined>;
  /**
   * The stored bytes of each instance (undefined for one not stored), in order, as `getInstance`
   * would give them, read ahead of the consumer and, where the store can, neighbours together:
   * for retrieving a study or series. The arrays may be views into a larger buffer.
   */
  getInstances(refs: readonly InstanceRef[]): AsyncIterable<Uint8Array | undefined>;
  /** The instances of a study (optionally one series), in series then instance number order. */
  listInstances(studyInstanceUid: string, seriesInstanceUid?: string): InstanceRef[];
  /** QIDO-RS search at one level (PS3.18 §8.3.4): matching rows as attribute keyword → value. */
  search(level: QueryLevel, query: SearchQuery): SearchRow[];
  /** Remove index rows whose bytes are gone, and stored bytes that no row names (after a crash). */
  repair(): Promise<{ orphanFiles: number; orphanRows: number; orphanBytes: number }>;
  close(): void;
}

export type QueryLevel = 'study' | 'series' | 'instance';

/** A stored instance, located by its three UIDs. */
export interface InstanceRef {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid?: string;
  transferSyntaxUid?: string;
  numberOfFrames?: number;
}

/** One file for `putMany`: its bytes and where it came from (named in rejection reasons). */
export interface PutItem {
  bytes: Uint8Array;
  origin?: string;
  /**
   * The header of these very bytes as `parseDicom(bytes, origin, { untilTag: 'x7fe00010' })`
   * returns it, when the caller has parsed it already (STOW-RS checks the UIDs first): the
   * store then does not parse again.
   */
  header?: ParsedDicom;
}

export type PutResult =
  | { status: 'stored'; ref: InstanceRef }
  | { status: 'duplicate'; ref: InstanceRef }
  | { status: 'rejected'; code: string; reason: string; ref?: InstanceRef };

/**
 * A QIDO-RS query: attribute keyword (e.g. 'PatientID', 'StudyDate', 'ModalitiesInStudy') or tag
 * ('00100020') → the matching value as given in the URL (wildcards '*' '?', ranges 'a-b', UID
 * lists 'u1,u2' or 'u1\u2'), plus the study/series the path fixes.
 */
export interface SearchQuery {
  match: Record<string, string>;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  limit?: number;
  offset?: number;
}

/** One result row: keyword → value (strings, numbers, or string arrays for multi-valued). */
export type SearchRow = Record<string, string | number | string[] | undefined>;
