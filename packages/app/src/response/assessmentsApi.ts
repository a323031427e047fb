import type { Assessment, AssessmentCriterion, AssessmentState } from '@voxa/core';

/** The assessments of the server that serves the app. */
const BASE = '/voxa/assessments';

/** An assessment as the server keeps it: `revision` goes back in If-Match to make a change conditional. */
export interface StoredAssessment {
  revision: number;
  assessment: Assessment;
}

/** What a new assessment needs. */
export interface AssessmentStart {
  patientId: string;
  criterion: AssessmentCriterion;
  baselineStudyUid: string;
  followUpStudyUids: string[];
  note?: string;
}

/**
 * A request the server answered with an error: its HTTP status, stable code (e.g.
 * VOXA_HTTP_ASSESSMENT_FOUR_EYES) and message, which names the state and what is needed.
 */
export class AssessmentRequestError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'AssessmentRequestError';
  }
}

async function send<T>(url: string, init: RequestInit = {}, user?: string, revision?: number): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (user !== undefined) {
    // HTTP header values are Latin-1; fetch would throw a TypeError that names neither the header nor the name.
    if (!/^[\x20-\x7e\xa0-\xff]{1,128}$/.test(user.trim())) throw new AssessmentRequestError(0, 'BAD_USER', `your name "${user}": expected 1 to 128 Latin-1 characters (it is sent as X-Voxa-User)`);
    headers['x-voxa-user'] = user.trim();
  }
  if (revision !== undefined) headers['if-match'] = `"${revision}"`;
  const r = await fetch(url, { ...init, headers });
  if (!r.ok) {
    const body = (await r.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new AssessmentRequestError(r.status, body.code ?? `HTTP_${r.status}`, body.message ?? `${url}: HTTP ${r.status}`);
  }
  return (await r.json()) as T;
}

/** The patient's assessments, as stored. */
export async function listAssessments(patientId: string): Promise<StoredAssessment[]> {
  return (await send<{ assessments: StoredAssessment[] }>(`${BASE}?patientId=${encodeURIComponent(patientId)}`)).assessments;
}

/** Start an assessment (state 'requested', recorded by `user`). */
export function startAssessment(start: AssessmentStart, user: string): Promise<StoredAssessment> {
  return send(BASE, { method: 'POST', body: JSON.stringify(start) }, user);
}

/** Move to the next state; refused (409) when `to` is not next or the four-eyes rule forbids `user`, 412 when `revision` is stale. */
export function advanceAssessment(a: StoredAssessment, to: AssessmentState, user: string, note?: string): Promise<StoredAssessment> {
  return send(`${BASE}/${a.assessment.id}/steps`, { method: 'POST', body: JSON.stringify(note ? { to, note } : { to }) }, user, a.revision);
}

/** Reopen a signed assessment (an 'amended' step with the reason). */
export function reopenAssessment(a: StoredAssessment, reason: string, user: string): Promise<StoredAssessment> {
  return send(`${BASE}/${a.assessment.id}/reopen`, { method: 'POST', body: JSON.stringify({ reason }) }, user, a.revision);
}

/** Add a study of the patient as a follow-up. */
export function addFollowUp(a: StoredAssessment, studyUid: string, user: string): Promise<StoredAssessment> {
  return send(`${BASE}/${a.assessment.id}/follow-ups`, { method: 'POST', body: JSON.stringify({ studyUid }) }, user, a.revision);
}

/** The server's printable report of the assessment (a whole HTML page). */
export function assessmentReportUrl(id: string): string {
  return `${BASE}/${id}/report.html`;
}
