import { useState } from 'react';
import { ASSESSMENT_CRITERIA, RESPONSE_CRITERIA, type AssessmentCriterion } from '@voxa/core';
import { formatDate, type StudySummary } from '../api/archive.ts';

interface Props {
  /** The patient's studies, oldest first. */
  studies: readonly StudySummary[];
  disabled: boolean;
  onStart: (start: { criterion: AssessmentCriterion; baselineStudyUid: string; followUpStudyUids: string[] }) => void;
}

/** Start a response assessment: the criterion, the baseline (default the earliest study) and the later studies as follow-ups. */
export function StartAssessmentForm({ studies, disabled, onStart }: Props) {
  const [criterion, setCriterion] = useState<AssessmentCriterion>('recist');
  const [baseline, setBaseline] = useState(studies[0]?.studyUid ?? '');
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const baselineDate = studies.find((s) => s.studyUid === baseline)?.studyDate ?? '';
  const later = studies.filter((s) => s.studyUid !== baseline && s.studyDate > baselineDate);
  const followUps = later.filter((s) => !excluded.has(s.studyUid)).map((s) => s.studyUid);
  const toggle = (uid: string) => setExcluded((x) => { const n = new Set(x); if (!n.delete(uid)) n.add(uid); return n; });
  return (
    <div className="start-assessment" data-testid="start-assessment">
      <div className="row">
        <label>criterion <select data-control="criterion" value={criterion} onChange={(e) => setCriterion(e.target.value as AssessmentCriterion)}>
          {ASSESSMENT_CRITERIA.map((c) => <option key={c} value={c}>{RESPONSE_CRITERIA[c].name}</option>)}
        </select></label>
      </div>
      <div className="row">
        <label>baseline <select data-control="baseline" value={baseline} onChange={(e) => setBaseline(e.target.value)}>
          {studies.map((s) => <option key={s.studyUid} value={s.studyUid}>{formatDate(s.studyDate)} {s.description}</option>)}
        </select></label>
      </div>
      <div className="row">
        follow-ups {later.length === 0 && <i>none after the baseline</i>}
        {later.map((s) => (
          <label key={s.studyUid}><input type="checkbox" checked={!excluded.has(s.studyUid)} onChange={() => toggle(s.studyUid)} />{formatDate(s.studyDate)}</label>
        ))}
      </div>
      <button data-action="start-assessment" disabled={disabled || !baseline} onClick={() => onStart({ criterion, baselineStudyUid: baseline, followUpStudyUids: followUps })}>
        Start response assessment
      </button>
    </div>
  );
}
