import type { Assessment } from '@voxa/core';
import { formatDate, type StudySummary } from '../api/archive.ts';
import { intervalFromBaseline } from './intervalFromBaseline.ts';

/** The role of a study in the assessment: 'BL', 'FU1' … (follow-ups numbered by date), or none. */
function roleLabels(studies: readonly StudySummary[], a: Assessment | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  if (!a) return labels;
  labels.set(a.baselineStudyUid, 'BL');
  studies.filter((s) => a.followUpStudyUids.includes(s.studyUid)).forEach((s, i) => labels.set(s.studyUid, `FU${i + 1}`));
  return labels;
}

interface Props {
  /** Oldest first. */
  studies: readonly StudySummary[];
  openStudyUid: string;
  assessment?: Assessment;
  /** The study shown beside the open one, if any. */
  comparedUid?: string;
  onCompare: (study: StudySummary) => void;
  /** Offered for a later study not in the assessment, while the assessment is not signed. */
  onAddFollowUp?: (study: StudySummary) => void;
}

/**
 * The patient's studies by date, one line each: which is open, which are the assessment's baseline and
 * follow-ups, and how long after the baseline each was. A date opens the study; "compare"
 * registers it onto the open one and shows it beside it, linked (blend it with fusion).
 */
export function PatientTimeline({ studies, openStudyUid, assessment, comparedUid, onCompare, onAddFollowUp }: Props) {
  const labels = roleLabels(studies, assessment);
  const baselineDate = studies.find((s) => s.studyUid === assessment?.baselineStudyUid)?.studyDate ?? studies[0]?.studyDate ?? '';
  return (
    <div className={`timeline${assessment ? ' has-assessment' : ''}`} data-testid="timeline">
      {studies.map((s) => {
        const open = s.studyUid === openStudyUid;
        const label = labels.get(s.studyUid);
        const interval = intervalFromBaseline(formatDate(baselineDate), formatDate(s.studyDate));
        const canAdd = onAddFollowUp && assessment && !label && s.studyDate > baselineDate;
        return (
          <div key={s.studyUid} className={`tp${open ? ' open' : ''}${label ? ' in-assessment' : ''}`} data-study-uid={s.studyUid} data-role={label ?? ''}
            title={`${s.description || 'study'} (${s.modalities.join(', ')}, ${s.instanceCount} images)${open ? ': open' : ''}`}>
            <span className={`role ${label === 'BL' ? 'baseline' : label ? 'follow-up' : 'none'}`}>{label ?? '–'}</span>
            {open ? <b className="date">{formatDate(s.studyDate)}</b> : <a className="date" href={`#/study/${s.studyUid}`} data-action="open-study">{formatDate(s.studyDate)}</a>}
            <span className="interval" data-days={interval.days}>{interval.label}</span>
            {open ? <span className="here">open</span> : (
              <button className={comparedUid === s.studyUid ? 'active' : ''} data-action="compare" onClick={() => onCompare(s)}
                title="register onto the open study and show beside it, linked; blend it with fusion">compare</button>
            )}
            {canAdd && <button data-action="add-follow-up" onClick={() => onAddFollowUp(s)} title="add this study to the assessment as a follow-up">+ FU</button>}
          </div>
        );
      })}
    </div>
  );
}
