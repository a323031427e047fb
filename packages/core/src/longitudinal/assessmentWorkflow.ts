import { VoxaError } from '../errors/VoxaError.ts';

/** The response criteria an assessment can be read by. */
export const ASSESSMENT_CRITERIA = ['recist', 'irecist', 'mrecist', 'who', 'choi', 'rano', 'percist', 'lugano', 'volumetric'] as const;

/** A response criterion: RECIST 1.1, iRECIST, mRECIST, WHO, Choi, RANO, PERCIST, Lugano or volumetric. */
export type AssessmentCriterion = (typeof ASSESSMENT_CRITERIA)[number];

/** The states of an assessment's workflow, in order: each step may only go to the next one. */
export const ASSESSMENT_STATES = ['requested', 'baseline-measured', 'follow-up-measured', 'reviewed', 'signed'] as const;

/** Where an assessment is in its workflow. */
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

/**
 * What a step recorded: a workflow state reached, 'amended' (a signed assessment reopened; the
 * assessment is then 'follow-up-measured' again) or 'follow-up-added' (a study added; `studyUid`).
 */
export type AssessmentStepKind = AssessmentState | 'amended' | 'follow-up-added';

/** One step of the workflow: what, who and when. Steps are only ever appended. */
export interface AssessmentStep {
  state: AssessmentStepKind;
  /** As the caller names them; not an authenticated identity. */
  user: string;
  /** ISO 8601 date-time, UTC. */
  atIso: string;
  /** Free text; the reason of an 'amended' step. */
  note?: string;
  /** The study a 'follow-up-added' step added. */
  studyUid?: string;
  /** The VERIFIED DICOM SR (TID 1500) a 'signed' step left in the archive: its SOP Instance UID. */
  reportSopInstanceUid?: string;
}

/** A response assessment of one patient: a baseline study, follow-up studies, and its workflow. */
export interface Assessment {
  id: string;
  patientId: string;
  criterion: AssessmentCriterion;
  baselineStudyUid: string;
  /** In the order they were added. */
  followUpStudyUids: string[];
  state: AssessmentState;
  /** Every step, oldest first; the first is 'requested'. */
  steps: AssessmentStep[];
}

/** Rules of the workflow that a site may set. */
export interface AssessmentRules {
  /**
   * Four-eyes: 'reviewed' must be recorded by a user other than the one who recorded the latest
   * 'follow-up-measured' step.
   */
  fourEyes?: boolean;
}

/** Defaults of {@link AssessmentRules}: four-eyes review on. */
export const ASSESSMENT_RULES_DEFAULTS: Required<AssessmentRules> = {
  fourEyes: true,
};

/**
 * Why the workflow refused a change; stable, for callers to switch on (the server maps each to an
 * HTTP code): `not-next-state` (only the next state forward), `four-eyes` (the reviewer recorded
 * the follow-up), `signed` (a signed assessment only reopens), `not-signed` (only a signed one
 * reopens), `duplicate-study` (a study already in the assessment), `invalid` (a bad argument).
 */
export type AssessmentRefusal = 'not-next-state' | 'four-eyes' | 'signed' | 'not-signed' | 'duplicate-study' | 'invalid';

/**
 * A change the workflow refused: a VoxaError (VOXA_ERR_BAD_ARGUMENT) with the `refusal`, and a
 * `detail` that names the current state and what is needed.
 */
export class AssessmentWorkflowError extends VoxaError {
  readonly refusal: AssessmentRefusal;
  readonly detail: string;

  constructor(refusal: AssessmentRefusal, assessmentId: string, detail: string) {
    super('VOXA_ERR_BAD_ARGUMENT', { assessment: assessmentId }, detail);
    this.refusal = refusal;
    this.detail = detail;
  }
}

/** What {@link createAssessment} needs. */
export interface AssessmentRequest {
  id: string;
  patientId: string;
  criterion: AssessmentCriterion;
  baselineStudyUid: string;
  followUpStudyUids?: string[];
}

/**
 * A new assessment in state 'requested', its first step recorded by `user` at `atIso`.
 * Refuses (`invalid`) an unknown criterion, an empty id, patient, user or UID, and (`duplicate-study`)
 * a study given twice.
 *
 * @example
 * let a = createAssessment({ id: 'a1', patientId: 'P1', criterion: 'recist', baselineStudyUid: '1.2.3' }, 'dr.a', new Date().toISOString());
 * a = advanceAssessment(a, 'baseline-measured', 'dr.a', new Date().toISOString());
 */
export function createAssessment(request: AssessmentRequest, user: string, atIso: string, note?: string): Assessment {
  const { id, patientId, criterion, baselineStudyUid } = request;
  const followUpStudyUids = [...(request.followUpStudyUids ?? [])];
  const invalid = (what: string) => new AssessmentWorkflowError('invalid', id, what);
  if (!id) throw invalid('id: expected a non-empty string');
  if (!patientId) throw invalid('patientId: expected a non-empty string');
  if (!(ASSESSMENT_CRITERIA as readonly string[]).includes(criterion)) throw invalid(`criterion: expected one of ${ASSESSMENT_CRITERIA.join(', ')}, got "${criterion}"`);
  const studies = [baselineStudyUid, ...followUpStudyUids];
  if (studies.some((uid) => !uid)) throw invalid('study UIDs: expected non-empty strings');
  const twice = studies.find((uid, i) => studies.indexOf(uid) !== i);
  if (twice !== undefined) throw new AssessmentWorkflowError('duplicate-study', id, `study ${twice} is given twice: a study is the baseline or one follow-up`);
  return { id, patientId, criterion, baselineStudyUid, followUpStudyUids, state: 'requested', steps: [step('requested', user, atIso, id, note)] };
}

/**
 * The assessment moved to `to`, recorded by `user` at `atIso`; the input is not changed. Only the
 * next state forward is allowed ('signed' thus needs 'reviewed' first); with `rules.fourEyes`
 * (default true) 'reviewed' needs a user other than the one who recorded the latest
 * 'follow-up-measured'; a signed assessment changes only through {@link reopenAssessment}.
 * Throws an {@link AssessmentWorkflowError} naming the current state and what is needed.
 */
export function advanceAssessment(a: Assessment, to: AssessmentState, user: string, atIso: string, note?: string, rules: AssessmentRules = {}): Assessment {
  const fourEyes = rules.fourEyes ?? ASSESSMENT_RULES_DEFAULTS.fourEyes;
  if (!(ASSESSMENT_STATES as readonly string[]).includes(to)) {
    throw new AssessmentWorkflowError('invalid', a.id, `to: expected one of ${ASSESSMENT_STATES.join(', ')}, got "${to}"`);
  }
  if (a.state === 'signed') {
    throw new AssessmentWorkflowError('signed', a.id, `the assessment is 'signed'; it cannot become '${to}' unless it is reopened with a reason first`);
  }
  const next = nextState(a.state);
  if (to !== next) {
    const needs = to === 'signed' ? "signing needs 'reviewed' first" : `'${to}' is not the next state`;
    throw new AssessmentWorkflowError('not-next-state', a.id, `the assessment is '${a.state}'; ${needs}: the next state is '${next}'`);
  }
  if (to === 'reviewed' && fourEyes) {
    const measurer = lastStep(a, 'follow-up-measured')?.user;
    if (measurer === user) {
      throw new AssessmentWorkflowError('four-eyes', a.id, `the assessment is '${a.state}', recorded by ${measurer}; 'reviewed' needs another user (four-eyes rule)`);
    }
  }
  return { ...a, state: to, steps: [...a.steps, step(to, user, atIso, a.id, note)] };
}

/**
 * A signed assessment reopened: an 'amended' step with the `reason` (required), and the state back
 * to 'follow-up-measured', to be reviewed and signed again. The earlier steps stay.
 */
export function reopenAssessment(a: Assessment, user: string, atIso: string, reason: string): Assessment {
  if (a.state !== 'signed') {
    throw new AssessmentWorkflowError('not-signed', a.id, `the assessment is '${a.state}'; only a 'signed' assessment is reopened`);
  }
  if (typeof reason !== 'string' || !reason.trim()) {
    throw new AssessmentWorkflowError('invalid', a.id, 'reason: reopening a signed assessment needs a non-empty reason');
  }
  return { ...a, state: 'follow-up-measured', steps: [...a.steps, step('amended', user, atIso, a.id, reason.trim())] };
}

/**
 * A follow-up study added, with a 'follow-up-added' step. Only before 'signed' (reopen first), and
 * only a study not already in the assessment. The new study has no measurements yet, so an
 * assessment that was 'follow-up-measured' or 'reviewed' goes back to 'baseline-measured' (the
 * follow-ups are measured and reviewed again); 'requested' and 'baseline-measured' stay as they are.
 */
export function addFollowUp(a: Assessment, studyUid: string, user: string, atIso: string): Assessment {
  if (a.state === 'signed') {
    throw new AssessmentWorkflowError('signed', a.id, "the assessment is 'signed'; adding a follow-up needs it reopened with a reason first");
  }
  if (!studyUid) throw new AssessmentWorkflowError('invalid', a.id, 'studyUid: expected a non-empty string');
  if (studyUid === a.baselineStudyUid || a.followUpStudyUids.includes(studyUid)) {
    throw new AssessmentWorkflowError('duplicate-study', a.id, `the assessment is '${a.state}' and already has study ${studyUid}; a follow-up must be a new study`);
  }
  const state: AssessmentState = a.state === 'follow-up-measured' || a.state === 'reviewed' ? 'baseline-measured' : a.state;
  const added: AssessmentStep = { ...step('follow-up-added', user, atIso, a.id), studyUid };
  return { ...a, state, followUpStudyUids: [...a.followUpStudyUids, studyUid], steps: [...a.steps, added] };
}

/** The state after `state`; none after 'signed'. */
export function nextState(state: AssessmentState): AssessmentState | undefined {
  return ASSESSMENT_STATES[ASSESSMENT_STATES.indexOf(state) + 1];
}

function lastStep(a: Assessment, kind: AssessmentStepKind): AssessmentStep | undefined {
  for (let i = a.steps.length - 1; i >= 0; i--) if (a.steps[i].state === kind) return a.steps[i];
  return undefined;
}

function step(state: AssessmentStepKind, user: string, atIso: string, id: string, note?: string): AssessmentStep {
  if (typeof user !== 'string' || !user.trim()) throw new AssessmentWorkflowError('invalid', id, 'user: expected a non-empty name');
  if (typeof atIso !== 'string' || Number.isNaN(Date.parse(atIso))) throw new AssessmentWorkflowError('invalid', id, `atIso: expected an ISO 8601 date-time, got "${atIso}"`);
  return note === undefined ? { state, user, atIso } : { state, user, atIso, note };
}
