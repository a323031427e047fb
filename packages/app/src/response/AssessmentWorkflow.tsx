import { useState } from 'react';
import { nextState, RESPONSE_CRITERIA, type AssessmentState, type AssessmentStep } from '@voxa/core';
import { assessmentReportUrl, type StoredAssessment } from './assessmentsApi.ts';

/** What the button that records each next state says. */
const NEXT_LABELS: Record<AssessmentState, string> = {
  requested: 'Requested',
  'baseline-measured': 'Mark baseline measured',
  'follow-up-measured': 'Mark follow-ups measured',
  reviewed: 'Mark reviewed',
  signed: 'Sign',
};

/** '2024-03-04 14:05 UTC': steps are stored in UTC, and a reader comparing them across sites needs one zone. */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

function stepText(s: AssessmentStep): string {
  const what = s.state === 'follow-up-added' ? `follow-up added${s.studyUid ? ` (${s.studyUid})` : ''}` : s.state.replace(/-/g, ' ');
  return `${what} · ${s.user} · ${when(s.atIso)}${s.note ? ` · “${s.note}”` : ''}`;
}

interface Props {
  stored: StoredAssessment;
  user: string;
  busy: boolean;
  /** The server's last refusal, shown as it said it. */
  error?: string;
  onAdvance: (to: AssessmentState) => void;
  onReopen: (reason: string) => void;
}

/**
 * An assessment's workflow: its state and every step (who, when), the button for the next state
 * (sent as the reader named above; the server enforces the order and the four-eyes review) and,
 * once signed, Reopen with a reason.
 */
export function AssessmentWorkflow({ stored, user, busy, error, onAdvance, onReopen }: Props) {
  const [reason, setReason] = useState('');
  const a = stored.assessment;
  const next = nextState(a.state);
  const measurer = [...a.steps].reverse().find((s) => s.state === 'follow-up-measured')?.user;
  const signed = a.state === 'signed' ? a.steps.at(-1) : undefined;
  return (
    <div className="assessment" data-testid="assessment" data-state={a.state} data-revision={stored.revision}>
      <div className="row">
        <b>{RESPONSE_CRITERIA[a.criterion].name}</b>
        <span className={`state ${a.state}`} data-testid="assessment-state">{a.state.replace(/-/g, ' ')}</span>
        <a href={assessmentReportUrl(a.id)} target="_blank" rel="noopener" data-action="open-report">Open report</a>
      </div>
      <ol className="steps" data-testid="assessment-steps">
        {a.steps.map((s, i) => <li key={i} data-step={s.state} data-user={s.user}>{stepText(s)}</li>)}
      </ol>
      {next && (
        <div className="row">
          <button data-action="advance" data-to={next} disabled={busy || !user.trim()} onClick={() => onAdvance(next)}
            title={user.trim() ? `record '${next}' as ${user}` : 'enter your name first'}>{NEXT_LABELS[next]}</button>
          {next === 'reviewed' && measurer === user.trim() && <span className="warning">four-eyes: another reader than {measurer} reviews</span>}
        </div>
      )}
      {signed && (
        <div className="row">
          <span className="signed" data-testid="signed">✔ signed by {signed.user}, {when(signed.atIso)}</span>
          <input placeholder="reason to reopen" value={reason} onChange={(e) => setReason(e.target.value)} data-control="reopen-reason" />
          <button data-action="reopen" disabled={busy || !reason.trim() || !user.trim()} onClick={() => { onReopen(reason.trim()); setReason(''); }}>Reopen</button>
        </div>
      )}
      {error && <div className="error" role="alert" data-testid="workflow-error">{error}</div>}
    </div>
  );
}
