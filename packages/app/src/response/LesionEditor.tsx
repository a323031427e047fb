import { useState } from 'react';
import { LESION_ID_PATTERN, type LesionKind, type LesionPresence, type Measurement, type MeasurementLesion, type NonTargetStatus } from '@voxa/core';
import { nextLesionId } from './nextLesionId.ts';
import type { LesionTagging } from './ResponseSession.ts';

/** Sites offered for a lesion; any other name a lesion already has is offered too. */
const ORGANS = ['liver', 'lung', 'lymph node', 'bone', 'kidney', 'adrenal', 'brain', 'peritoneum', 'other'];
const KINDS: LesionKind[] = ['target', 'non-target', 'new'];
const PRESENCES: [LesionPresence, string][] = [['measured', 'measured'], ['too-small', 'too small'], ['disappeared', 'disappeared'], ['NE', 'not evaluable']];
const STATUSES: [NonTargetStatus, string][] = [['present', 'present'], ['absent', 'absent'], ['increased', 'increased'], ['unequivocal-progression', 'unequivocal progression'], ['NE', 'not evaluable']];

type Draft = Omit<MeasurementLesion, 'organ'> & { organ?: string };

/** A tag the server takes (LESION_ID_PATTERN, an organ), without the fields its kind does not use. */
function complete(d: Draft): MeasurementLesion | undefined {
  if (!LESION_ID_PATTERN.test(d.id) || !d.organ) return undefined;
  const out: MeasurementLesion = { id: d.id, kind: d.kind, organ: d.organ };
  if (d.isLymphNode) out.isLymphNode = true;
  if (d.kind !== 'non-target' && d.presence && d.presence !== 'measured') out.presence = d.presence;
  if (d.kind !== 'target' && d.status) out.status = d.status;
  if (d.kind === 'new' && d.equivocal) out.equivocal = true;
  return out;
}

interface Props {
  m: Measurement;
  tagging: LesionTagging;
  /** Save the measurement with this tag (undefined: untagged); the server's audit trail records it. */
  onSave: (lesion: MeasurementLesion | undefined) => void;
}

/**
 * What lesion a measurement is of: id, kind, organ, lymph node, and how it was seen. A tag is
 * saved as soon as it is complete; an id already used at another time point of the assessment
 * brings its kind and organ along, and new ids are offered as the next free T…, NT… or N….
 */
export function LesionEditor({ m, tagging, onSave }: Props) {
  const [draft, setDraft] = useState<Draft>();
  const [idText, setIdText] = useState<string>();
  const shown: Draft | undefined = draft ?? m.lesion;

  const change = (next: Draft) => {
    const tag = complete(next);
    if (tag) { onSave(tag); setDraft(undefined); } else setDraft(next);
  };

  if (!shown) {
    const pick = (value: string) => {
      const [how, what] = value.split(':') as ['known' | 'next', string];
      const known = tagging.known.get(what);
      if (how === 'known' && known) change({ ...known, presence: undefined, status: known.kind === 'target' ? undefined : 'present', equivocal: undefined });
      else if (how === 'next') change({ id: nextLesionId(what as LesionKind, tagging.usedIds), kind: what as LesionKind, status: what === 'target' ? undefined : 'present' });
    };
    const offered = [...tagging.known.values()].filter((l) => !tagging.taggedHere.has(l.id) && (l.kind === 'new' ? !tagging.atBaseline : true));
    const kinds: LesionKind[] = tagging.atBaseline ? (tagging.inAssessment ? ['target', 'non-target'] : KINDS) : ['new'];
    return (
      <div className="lesion-editor untagged">
        <select data-control="tag-lesion" value="" onClick={(e) => e.stopPropagation()} onChange={(e) => pick(e.target.value)} title="what lesion this measurement is of">
          <option value="">Tag as lesion…</option>
          {offered.map((l) => <option key={l.id} value={`known:${l.id}`}>{l.id} · {l.kind} · {l.organ}</option>)}
          {kinds.map((k) => <option key={k} value={`next:${k}`}>{k === 'new' ? 'new lesion' : `new ${k}`} {nextLesionId(k, tagging.usedIds)}</option>)}
        </select>
      </div>
    );
  }

  const commitId = () => {
    if (idText === undefined) return;
    const id = idText.trim();
    setIdText(undefined);
    if (id === shown.id) return;
    const known = tagging.known.get(id);
    change(known ? { ...shown, id, kind: known.kind, organ: known.organ, isLymphNode: known.isLymphNode } : { ...shown, id });
  };
  const organs = shown.organ && !ORGANS.includes(shown.organ) ? [shown.organ, ...ORGANS] : ORGANS;
  const incomplete = draft && !complete(draft);
  return (
    <div className={`lesion-editor${incomplete ? ' incomplete' : ''}`} data-lesion={shown.id} onClick={(e) => e.stopPropagation()}>
      <div className="row">
        <input className="lesion-id" data-field="lesion-id" value={idText ?? shown.id} title="lesion id: the same at every time point (T1, NT1, N1 …)" size={5}
          onChange={(e) => setIdText(e.target.value)} onBlur={commitId}
          onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); if (e.key === 'Escape') setIdText(undefined); }} />
        <select data-field="lesion-kind" value={shown.kind} onChange={(e) => {
          const kind = e.target.value as LesionKind;
          change({ ...shown, kind, status: kind === 'target' ? undefined : shown.status ?? 'present' });
        }}>
          {KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <select data-field="lesion-organ" value={shown.organ ?? ''} onChange={(e) => change({ ...shown, organ: e.target.value, isLymphNode: e.target.value === 'lymph node' || shown.isLymphNode })}>
          {!shown.organ && <option value="">organ…</option>}
          {organs.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
        <label title="lymph node: RECIST measures its short axis"><input type="checkbox" data-field="lesion-node" checked={!!shown.isLymphNode} onChange={(e) => change({ ...shown, isLymphNode: e.target.checked })} />node</label>
        <button className="untag" data-action="untag-lesion" title="remove the lesion tag" onClick={() => { setDraft(undefined); onSave(undefined); }}>×</button>
      </div>
      <div className="row">
        {shown.kind !== 'non-target' && (
          <select data-field="lesion-presence" value={shown.presence ?? 'measured'} onChange={(e) => change({ ...shown, presence: e.target.value as LesionPresence })} title="how the lesion was seen here">
            {PRESENCES.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
        )}
        {shown.kind !== 'target' && (
          <select data-field="lesion-status" value={shown.status ?? ''} onChange={(e) => change({ ...shown, status: (e.target.value || undefined) as NonTargetStatus | undefined })} title="how the lesion looks here">
            <option value="">status…</option>
            {STATUSES.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
          </select>
        )}
        {shown.kind === 'new' && (
          <label title="not sure it is tumour"><input type="checkbox" data-field="lesion-equivocal" checked={!!shown.equivocal} onChange={(e) => change({ ...shown, equivocal: e.target.checked })} />equivocal</label>
        )}
        {incomplete && <span className="warning">{LESION_ID_PATTERN.test(draft.id) ? 'choose the organ to save' : 'id: 1–32 of A–Z 0–9 _ . -'}</span>}
      </div>
    </div>
  );
}
