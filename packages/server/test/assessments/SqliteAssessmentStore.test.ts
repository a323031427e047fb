import { advanceAssessment, AssessmentWorkflowError, createAssessment, type Assessment } from '@voxa/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteAssessmentStore } from '../../src/assessments/SqliteAssessmentStore.ts';
import { openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { tempDataDir } from '../store/storeFixtures.ts';
import { BASELINE, PATIENT } from './assessmentFixtures.ts';

describe('SqliteAssessmentStore', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  let files: SqliteFileStore;
  let store: SqliteAssessmentStore;
  let minute = 0;
  /** A clock one minute further on each call, from 2024-05-01T10:00Z. */
  const now = () => new Date(Date.UTC(2024, 4, 1, 10, minute++));

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDataDir());
    files = await openSqliteFileStore(dir);
    minute = 0;
    store = new SqliteAssessmentStore(files.db, { now });
  });

  afterEach(async () => {
    files.close();
    await cleanup();
  });

  const make = (id: string) => (at: string): Assessment => createAssessment({ id, patientId: PATIENT, criterion: 'volumetric', baselineStudyUid: BASELINE }, 'dr.tech', at);
  const advance = (to: Assessment['state'], user: string) => (a: Assessment, at: string) => advanceAssessment(a, to, user, at);

  it('keeps every revision with the time of its own clock, the newest being the current assessment', () => {
    expect(store.create(make('a1'), { user: 'dr.tech' })).toMatchObject({ status: 'created', revision: 1 });
    expect(store.create(make('a1'), { user: 'dr.tech' })).toEqual({ status: 'exists' });
    expect(store.update('a1', 'step', advance('baseline-measured', 'dr.a'), { user: 'dr.a', expectedRevision: 1 })).toMatchObject({ status: 'updated', revision: 2 });
    const read = store.get('a1');
    expect(read).toMatchObject({ status: 'ok', revision: 2, assessment: { state: 'baseline-measured' } });
    // Clock: 10:00 for the create, 10:01 for the duplicate create (refused), 10:02 for the step.
    const history = store.history('a1');
    expect(history.status === 'ok' && history.revisions.map((r) => [r.revision, r.action, r.user, r.at, r.assessment.state])).toEqual([
      [1, 'create', 'dr.tech', '2024-05-01T10:00:00.000Z', 'requested'],
      [2, 'step', 'dr.a', '2024-05-01T10:02:00.000Z', 'baseline-measured'],
    ]);
    expect(store.list(PATIENT)).toEqual([{ revision: 2, assessment: read.status === 'ok' && read.assessment }]);
    expect(store.get('none')).toEqual({ status: 'not-found' });
    expect(store.update('none', 'step', advance('baseline-measured', 'dr.a'), { user: 'dr.a' })).toEqual({ status: 'not-found' });
  });

  it('refuses a stale revision and writes nothing when the workflow refuses the change', () => {
    store.create(make('a1'), { user: 'dr.tech' });
    expect(store.update('a1', 'step', advance('baseline-measured', 'dr.a'), { user: 'dr.a', expectedRevision: 0 })).toEqual({ status: 'stale', revision: 1 });
    expect(() => store.update('a1', 'step', advance('signed', 'dr.a'), { user: 'dr.a' })).toThrow(AssessmentWorkflowError);
    expect(store.get('a1')).toMatchObject({ revision: 1, assessment: { state: 'requested' } });
  });

  it('is append-only: the database refuses to update or delete a revision', () => {
    store.create(make('a1'), { user: 'dr.tech' });
    expect(() => files.db.prepare("UPDATE assessment_revisions SET user = 'mallory'").run()).toThrow(/append-only/);
    expect(() => files.db.prepare('DELETE FROM assessment_revisions').run()).toThrow(/append-only/);
    expect(() => files.db.prepare('DELETE FROM assessments').run()).toThrow(/append-only/);
    expect(store.history('a1')).toMatchObject({ status: 'ok', revisions: [{ user: 'dr.tech' }] });
  });

  it('keeps its data in the index file across closing and opening the store', async () => {
    store.create(make('a1'), { user: 'dr.tech' });
    store.update('a1', 'step', advance('baseline-measured', 'dr.a'), { user: 'dr.a' });
    const before = store.history('a1');
    files.close();
    files = await openSqliteFileStore(dir);
    const reopened = new SqliteAssessmentStore(files.db);
    expect(reopened.history('a1')).toEqual(before);
    expect(reopened.get('a1')).toMatchObject({ status: 'ok', revision: 2 });
  });
});
