import { describe, expect, it } from 'vitest';
import {
  addFollowUp, advanceAssessment, AssessmentWorkflowError, createAssessment, reopenAssessment, type Assessment,
} from '../../src/longitudinal/assessmentWorkflow.ts';

const T = (minute: number) => `2024-05-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

function requested(): Assessment {
  return createAssessment({ id: 'a1', patientId: 'P1', criterion: 'recist', baselineStudyUid: '1.2.1', followUpStudyUids: ['1.2.2'] }, 'dr.tech', T(0));
}

/** The assessment advanced to 'follow-up-measured', both measurements by dr.a. */
function followUpMeasured(): Assessment {
  const a = advanceAssessment(requested(), 'baseline-measured', 'dr.a', T(1));
  return advanceAssessment(a, 'follow-up-measured', 'dr.a', T(2));
}

function signed(): Assessment {
  const reviewed = advanceAssessment(followUpMeasured(), 'reviewed', 'dr.b', T(3), 'agree');
  return advanceAssessment(reviewed, 'signed', 'dr.b', T(4));
}

/** The refusal of `fn`, with its message; fails when it throws nothing or something else. */
function refused(fn: () => unknown): { refusal: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AssessmentWorkflowError) return { refusal: e.refusal, message: e.message };
    throw e;
  }
  throw new Error('expected an AssessmentWorkflowError');
}

describe('assessment workflow', () => {
  it('goes requested → signed, recording who and when at each step without changing its input', () => {
    const before = followUpMeasured();
    const done = advanceAssessment(advanceAssessment(before, 'reviewed', 'dr.b', T(3), 'agree'), 'signed', 'dr.b', T(4));
    expect(done.state).toBe('signed');
    expect(done.steps).toEqual([
      { state: 'requested', user: 'dr.tech', atIso: T(0) },
      { state: 'baseline-measured', user: 'dr.a', atIso: T(1) },
      { state: 'follow-up-measured', user: 'dr.a', atIso: T(2) },
      { state: 'reviewed', user: 'dr.b', atIso: T(3), note: 'agree' },
      { state: 'signed', user: 'dr.b', atIso: T(4) },
    ]);
    expect(before.state).toBe('follow-up-measured');
    expect(before.steps).toHaveLength(3);
  });

  it('allows only the next state forward, naming the current state and the next one', () => {
    expect(refused(() => advanceAssessment(requested(), 'follow-up-measured', 'dr.a', T(1)))).toEqual({
      refusal: 'not-next-state',
      message: expect.stringMatching(/the assessment is 'requested'; 'follow-up-measured' is not the next state: the next state is 'baseline-measured'/),
    });
    // Backwards is refused too.
    expect(refused(() => advanceAssessment(followUpMeasured(), 'baseline-measured', 'dr.a', T(3))).refusal).toBe('not-next-state');
  });

  it("refuses signing before review: 'signed' needs 'reviewed' first", () => {
    expect(refused(() => advanceAssessment(followUpMeasured(), 'signed', 'dr.b', T(3)))).toEqual({
      refusal: 'not-next-state',
      message: expect.stringMatching(/the assessment is 'follow-up-measured'; signing needs 'reviewed' first/),
    });
  });

  it('refuses a review by the user who recorded the follow-up (four-eyes), unless the rule is off', () => {
    expect(refused(() => advanceAssessment(followUpMeasured(), 'reviewed', 'dr.a', T(3)))).toEqual({
      refusal: 'four-eyes',
      message: expect.stringMatching(/recorded by dr\.a; 'reviewed' needs another user \(four-eyes rule\)/),
    });
    expect(advanceAssessment(followUpMeasured(), 'reviewed', 'dr.a', T(3), undefined, { fourEyes: false }).state).toBe('reviewed');
  });

  it('changes a signed assessment only by reopening it with a reason, recorded as an amended step', () => {
    expect(refused(() => advanceAssessment(signed(), 'reviewed', 'dr.c', T(5))).refusal).toBe('signed');
    expect(refused(() => addFollowUp(signed(), '1.2.3', 'dr.c', T(5))).refusal).toBe('signed');
    expect(refused(() => reopenAssessment(signed(), 'dr.c', T(5), '  '))).toEqual({ refusal: 'invalid', message: expect.stringMatching(/needs a non-empty reason/) });

    const reopened = reopenAssessment(signed(), 'dr.c', T(5), 'lesion 2 mismeasured');
    expect(reopened.state).toBe('follow-up-measured');
    expect(reopened.steps.slice(-2)).toEqual([
      { state: 'signed', user: 'dr.b', atIso: T(4) },
      { state: 'amended', user: 'dr.c', atIso: T(5), note: 'lesion 2 mismeasured' },
    ]);
    // Reviewed and signed again; the four-eyes rule still looks at who measured the follow-up (dr.a).
    expect(refused(() => advanceAssessment(reopened, 'reviewed', 'dr.a', T(6))).refusal).toBe('four-eyes');
    expect(advanceAssessment(reopened, 'reviewed', 'dr.c', T(6)).state).toBe('reviewed');
  });

  it('reopens only a signed assessment', () => {
    expect(refused(() => reopenAssessment(followUpMeasured(), 'dr.c', T(5), 'why'))).toEqual({
      refusal: 'not-signed',
      message: expect.stringMatching(/the assessment is 'follow-up-measured'; only a 'signed' assessment is reopened/),
    });
  });

  it('adds a follow-up before signing, sending a measured or reviewed assessment back to baseline-measured', () => {
    const reviewed = advanceAssessment(followUpMeasured(), 'reviewed', 'dr.b', T(3));
    const added = addFollowUp(reviewed, '1.2.3', 'dr.a', T(4));
    expect(added.state).toBe('baseline-measured');
    expect(added.followUpStudyUids).toEqual(['1.2.2', '1.2.3']);
    expect(added.steps.at(-1)).toEqual({ state: 'follow-up-added', user: 'dr.a', atIso: T(4), studyUid: '1.2.3' });
    // Before any measurement the state stays.
    expect(addFollowUp(requested(), '1.2.3', 'dr.a', T(1)).state).toBe('requested');
    expect(refused(() => addFollowUp(added, '1.2.1', 'dr.a', T(5)))).toEqual({ refusal: 'duplicate-study', message: expect.stringMatching(/already has study 1\.2\.1/) });
  });

  it('refuses a bad request: unknown criterion, a study twice, no user, a time that is not ISO 8601', () => {
    const base = { id: 'a2', patientId: 'P1', baselineStudyUid: '1.2.1' };
    expect(refused(() => createAssessment({ ...base, criterion: 'mine' as 'recist' }, 'u', T(0))).message).toMatch(/criterion: expected one of recist, irecist/);
    expect(refused(() => createAssessment({ ...base, criterion: 'who', followUpStudyUids: ['1.2.1'] }, 'u', T(0))).refusal).toBe('duplicate-study');
    expect(refused(() => createAssessment({ ...base, criterion: 'who' }, '', T(0))).message).toMatch(/user: expected a non-empty name/);
    expect(refused(() => advanceAssessment(requested(), 'baseline-measured', 'u', 'yesterday')).message).toMatch(/atIso: expected an ISO 8601 date-time/);
  });
});
