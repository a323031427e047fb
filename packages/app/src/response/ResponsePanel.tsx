import { useState } from 'react';
import type { StudySummary } from '../api/archive.ts';
import { AssessmentWorkflow } from './AssessmentWorkflow.tsx';
import { CarryLesionsControl } from './CarryLesionsControl.tsx';
import { LesionTable } from './LesionTable.tsx';
import { PatientTimeline } from './PatientTimeline.tsx';
import { useReaderName } from './readerName.ts';
import type { ResponseSession } from './ResponseSession.ts';
import { StartAssessmentForm } from './StartAssessmentForm.tsx';

interface Props {
  session: ResponseSession;
  /** The study shown beside the open one, if any. */
  comparedUid?: string;
  onCompare: (study: StudySummary) => void;
  /** Select (and show) a measurement of the open study. */
  onSelectMeasurement: (id: string) => void;
  /** Carry the baseline's lesions into the open study; absent until its image series can be segmented. */
  onCarryLesions?: () => void;
}

/**
 * The side panel's tumour-response section: the patient's timeline, the assessment and its
 * workflow (or the form that starts one), and the live lesion table with the criterion's result.
 */
export function ResponsePanel({ session, comparedUid, onCompare, onSelectMeasurement, onCarryLesions }: Props) {
  const [user, setUser] = useReaderName();
  const [starting, setStarting] = useState(false);
  const stored = session.current;
  const a = stored?.assessment;
  const open = (studyUid: string, measurementId: string | undefined) => {
    if (studyUid !== session.studyUid) location.hash = `#/study/${studyUid}`;
    else if (measurementId) onSelectMeasurement(measurementId);
  };
  const inAssessment = !!a && (a.baselineStudyUid === session.studyUid || a.followUpStudyUids.includes(session.studyUid));
  const signedStep = a?.state === 'signed' ? a.steps.at(-1) : undefined;
  return (
    <div className="response-panel" data-testid="response" data-busy={session.busy}>
      <h3>Response</h3>
      {session.loadError && <div className="error">{session.loadError}</div>}
      {session.studies.length > 0 && (
        <PatientTimeline studies={session.studies} openStudyUid={session.studyUid} assessment={a} comparedUid={comparedUid} onCompare={onCompare}
          onAddFollowUp={a && a.state !== 'signed' ? (s) => void session.addFollowUp(s.studyUid, user) : undefined} />
      )}
      <div className="row">
        <label>reader <input data-control="reader" value={user} placeholder="your name" onChange={(e) => setUser(e.target.value)} title="recorded with every step (X-Voxa-User)" /></label>
        <button onClick={() => void session.refresh()} title="read the assessments and the other studies' measurements again" data-action="refresh-response">↻</button>
      </div>
      {session.assessments.length > 1 && !starting && (
        <select value={a?.id} onChange={(e) => session.select(e.target.value)} data-control="assessment">
          {session.assessments.map(({ assessment: x }) => <option key={x.id} value={x.id}>{x.criterion} from {x.steps[0].atIso.slice(0, 10)} ({x.state})</option>)}
        </select>
      )}
      {(!a || starting) && session.studies.length > 0 && (
        <StartAssessmentForm studies={session.studies} disabled={session.busy || !user.trim()}
          onStart={(start) => void session.start(start, user).then(() => setStarting(false))} />
      )}
      {a && starting && <button onClick={() => setStarting(false)}>Cancel</button>}
      {(!a || starting) && !user.trim() && <div className="warning">Enter your name to start an assessment.</div>}
      {(!a || starting) && session.actionError && <div className="error" role="alert">{session.actionError}</div>}
      {stored && !starting && (
        <>
          <AssessmentWorkflow stored={stored} user={user} busy={session.busy} error={session.actionError}
            onAdvance={(to) => void session.advance(to, user)} onReopen={(reason) => void session.reopen(reason, user)} />
          <button onClick={() => setStarting(true)} data-action="new-assessment" title="another assessment of this patient (another criterion or baseline)">New assessment…</button>
        </>
      )}
      {!starting && session.studies.length > 1 && (
        <CarryLesionsControl carry={session.carry} onCarry={() => onCarryLesions?.()}
          blocker={session.carryBlocker() ?? (onCarryLesions ? undefined : 'the open study\'s images are not loaded yet')} />
      )}
      {a && !starting && (
        <>
          {!inAssessment && <div className="warning">The open study is not in this assessment: its measurements are not counted.</div>}
          {signedStep ? (
            <div className="note" data-testid="proposal-note" data-proposal="false">
              Signed by {signedStep.user}. Measurements edited since change this live table, not the signed reading: reopen to amend.
            </div>
          ) : (
            <div className="warning" data-testid="proposal-note" data-proposal="true">
              {a.state === 'reviewed' ? 'Reviewed, not signed: ' : 'Not reviewed: '}
              measurements, categories and the best response are proposals until the assessment is reviewed by a second reader and signed.
            </div>
          )}
          <LesionTable table={session.view().table} onCell={open} />
        </>
      )}
    </div>
  );
}
