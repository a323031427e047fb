import type { Measurement } from '@voxa/core';

/**
 * Where the measurements of the archive's studies are kept, with a revision per study (the
 * number of writes so far; 0 before the first) and an audit trail of every change. Every method
 * answers `study-not-found` while the study is not in the archive. The embedded default is
 * `SqliteMeasurementStore`, in the instance index's database.
 */
export interface MeasurementStore {
  /** The study's measurements, oldest first, and its revision. */
  list(studyInstanceUid: string): StudyRead<{ measurements: Measurement[] }>;
  /** One measurement and the study's revision; `not-found` when the study has none with this id. */
  get(studyInstanceUid: string, id: string): MeasurementRead<{ measurement: Measurement }>;
  /**
   * Create or replace a measurement (its createdAt kept, updatedAt now) in one transaction with
   * the revision bump and the audit row. Its series must be one of the study's.
   */
  put(studyInstanceUid: string, measurement: Measurement, change: MeasurementChange): MeasurementWrite;
  /** Delete a measurement, likewise with a revision bump and an audit row; `not-found` when absent. */
  delete(studyInstanceUid: string, id: string, change: MeasurementChange): MeasurementWrite;
  /** Every change made to one measurement, oldest first; `not-found` when it was never written. */
  history(studyInstanceUid: string, id: string): MeasurementRead<{ entries: MeasurementAuditEntry[] }>;
}

/** Who makes a write, and the revision it was based on (optimistic concurrency). */
export interface MeasurementChange {
  /** Recorded in the audit trail as given: a name, not an authenticated identity. */
  user: string;
  /** The write is refused (`stale`) unless the study is still at this revision. */
  expectedRevision?: number;
}

/** A change in the audit trail; `before` and `after` are the whole measurement (null: none). */
export interface MeasurementAuditEntry {
  /** The study's revision this change made. */
  revision: number;
  action: 'create' | 'update' | 'delete';
  user: string;
  /** ISO 8601, UTC. */
  at: string;
  before: Measurement | null;
  after: Measurement | null;
}

/** A read's outcome: the data with the study's revision, or the study is not in the archive. */
export type StudyRead<T> = ({ status: 'ok'; revision: number } & T) | { status: 'study-not-found' };

/** A read of one measurement's data: also `not-found` when the study has no such measurement. */
export type MeasurementRead<T> = StudyRead<T> | { status: 'not-found' };

/** A write's outcome. Only `created`, `updated` and `deleted` changed anything. */
export type MeasurementWrite =
  | { status: 'created' | 'updated'; revision: number; measurement: Measurement }
  | { status: 'deleted'; revision: number }
  | { status: 'study-not-found' }
  | { status: 'not-found' }
  /** The measurement's series is not a series of the study (`inArchive`: it is one of another study). */
  | { status: 'series-not-in-study'; seriesInstanceUid: string; inArchive: boolean }
  /** The study is no longer at `expectedRevision`; `revision` is where it is. */
  | { status: 'stale'; revision: number };
