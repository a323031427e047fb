import type { Assessment } from '@voxa/core';

/**
 * Where the archive's response assessments are kept: each with a revision (1 after its creation,
 * one more per change) and every revision's whole Assessment, nothing overwritten. The embedded
 * default is `SqliteAssessmentStore`, in the instance index's database.
 */
export interface AssessmentStore {
  /** Store a new assessment at revision 1 (`exists` when its id is taken). `make` gets the time of the change. */
  create(make: (atIso: string) => Assessment, change: AssessmentChange): AssessmentWrite;
  /** The current assessment and its revision. */
  get(id: string): AssessmentRead;
  /** The patient's assessments, oldest first, each with its revision. */
  list(patientId: string): { assessment: Assessment; revision: number }[];
  /**
   * Change an assessment in one transaction: `apply` gets the current one and the time of the change
   * and returns the next (or throws, and nothing is written); the result is kept as a new revision.
   */
  update(id: string, action: AssessmentAction, apply: (current: Assessment, atIso: string) => Assessment, change: AssessmentChange): AssessmentWrite;
  /** Every revision, oldest first: what was done, by whom, when, and the assessment after it. */
  history(id: string): AssessmentHistoryRead;
}

/** What a revision did. */
export type AssessmentAction = 'create' | 'step' | 'reopen' | 'add-follow-up';

/** Who makes a change, and the revision it was based on (optimistic concurrency). */
export interface AssessmentChange {
  /** Recorded as given: a name, not an authenticated identity. */
  user: string;
  /** The change is refused (`stale`) unless the assessment is still at this revision. */
  expectedRevision?: number;
}

/** One kept revision of an assessment. */
export interface AssessmentRevision {
  revision: number;
  action: AssessmentAction;
  user: string;
  /** ISO 8601, UTC. */
  at: string;
  assessment: Assessment;
}

/** A read's outcome. */
export type AssessmentRead = { status: 'ok'; revision: number; assessment: Assessment } | { status: 'not-found' };

/** A history read's outcome. */
export type AssessmentHistoryRead = { status: 'ok'; revision: number; revisions: AssessmentRevision[] } | { status: 'not-found' };

/** A write's outcome; only `created` and `updated` changed anything. */
export type AssessmentWrite =
  | { status: 'created' | 'updated'; revision: number; assessment: Assessment }
  | { status: 'not-found' }
  | { status: 'exists' }
  /** The assessment is no longer at `expectedRevision`; `revision` is where it is. */
  | { status: 'stale'; revision: number };
