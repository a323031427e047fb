import { useEffect, useState } from 'react';
import { formatDate, listSeries, listStudies, seriesThumbnailUrl, type SeriesSummary, type StudySummary } from '../api/archive.ts';
import { DropZone } from './DropZone.tsx';

interface Patient {
  patientId: string;
  patientName: string;
  studies: StudySummary[];
}

/** Studies grouped by patient, newest first, so priors sit under the current study. */
function groupByPatient(studies: StudySummary[]): Patient[] {
  const byId = new Map<string, Patient>();
  for (const s of studies) {
    const key = s.patientId || s.patientName || '(no patient ID)';
    let p = byId.get(key);
    if (!p) byId.set(key, (p = { patientId: s.patientId, patientName: s.patientName, studies: [] }));
    p.studies.push(s);
  }
  for (const p of byId.values()) p.studies.sort((a, b) => b.studyDate.localeCompare(a.studyDate));
  return [...byId.values()].sort((a, b) => a.patientName.localeCompare(b.patientName));
}

/** Patients → studies (priors grouped with their patient, by date) → series with thumbnails. */
export function StudyBrowser() {
  const [patients, setPatients] = useState<Patient[]>();
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    listStudies().then((s) => setPatients(groupByPatient(s)), (e: Error) => setError(e.message));
  }, [version]);
  return (
    <div className="browser">
      <h1>Voxa — studies</h1>
      <DropZone onStored={() => setVersion((v) => v + 1)} />
      {error && <p className="error">{error}</p>}
      {!patients && !error && <p>Loading…</p>}
      {patients?.length === 0 && <p>The archive is empty: drop DICOM files above, or send them with STOW-RS, C-STORE or `voxa import`.</p>}
      {patients?.map((p) => (
        <section className="patient" key={p.patientId + p.patientName} data-patient-id={p.patientId}>
          <h2>{p.patientName || '(no name)'} <small>{p.patientId}</small></h2>
          {p.studies.map((s, i) => <StudyRow key={s.studyUid} study={s} prior={i > 0} />)}
        </section>
      ))}
    </div>
  );
}

function StudyRow({ study, prior }: { study: StudySummary; prior: boolean }) {
  const [series, setSeries] = useState<SeriesSummary[]>();
  const [open, setOpen] = useState(!prior);
  useEffect(() => {
    if (open && !series) listSeries(study.studyUid).then(setSeries, () => setSeries([]));
  }, [open, series, study.studyUid]);
  return (
    <div className="study" data-study-uid={study.studyUid}>
      <div style={{ minWidth: 260 }}>
        <a href={`#/study/${study.studyUid}`} className="open-study">{formatDate(study.studyDate)} — {study.description || 'study'}</a>
        <div>{study.modalities.join(', ')} · {study.seriesCount} series · {study.instanceCount} images {prior && <span className="prior">prior</span>}</div>
        {!open && <button onClick={() => setOpen(true)}>show series</button>}
      </div>
      <div className="thumbs">
        {open && series?.map((s) => (
          <figure key={s.seriesUid}>
            <img src={seriesThumbnailUrl(s)} alt="" loading="lazy" />
            <figcaption>{s.modality} {s.number ?? ''} {s.description}</figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
