import type { NaturalDataset } from '../write/writePart10.ts';
import type { MeasurementReport } from './MeasurementReport.ts';

interface EvidenceRef {
  studyUid: string;
  seriesUid: string;
  sopClassUid: string;
  sopInstanceUid: string;
}

/**
 * The evidence sequences of the SR Document General Module (PS3.3 C.17.2.3): every instance the
 * content references (the Image Library's images and the referenced SEGs) in the Hierarchical
 * SOP Instance Reference Macro (Table C.17-3), study → series → instance. Instances of the
 * report's own study go to Current Requested Procedure Evidence, those of other studies (earlier
 * time points) to Pertinent Other Evidence.
 */
export function srEvidence(report: Pick<MeasurementReport, 'study' | 'sourceSeries' | 'groups'>): NaturalDataset {
  const ownStudy = report.study.studyInstanceUid;
  const refs: EvidenceRef[] = [];
  for (const s of report.sourceSeries) {
    for (const i of s.instances) refs.push({ studyUid: s.studyInstanceUid ?? ownStudy, seriesUid: s.seriesInstanceUid, sopClassUid: i.sopClassUid, sopInstanceUid: i.sopInstanceUid });
  }
  for (const g of report.groups) {
    if (g.roi?.kind !== 'segment') continue;
    const seg = g.roi;
    const studyUid = report.sourceSeries.find((s) => s.seriesInstanceUid === seg.sourceSeriesUid)?.studyInstanceUid ?? ownStudy;
    refs.push({ studyUid, seriesUid: seg.seriesInstanceUid, sopClassUid: seg.sopClassUid, sopInstanceUid: seg.sopInstanceUid });
  }
  const current = hierarchy(refs.filter((r) => r.studyUid === ownStudy));
  const other = hierarchy(refs.filter((r) => r.studyUid !== ownStudy));
  return {
    ...(current.length ? { CurrentRequestedProcedureEvidenceSequence: current } : {}),
    ...(other.length ? { PertinentOtherEvidenceSequence: other } : {}),
  };
}

/** Study items, each with its series, each with its instances once (in first-seen order). */
function hierarchy(refs: readonly EvidenceRef[]): NaturalDataset[] {
  const studies = new Map<string, Map<string, Map<string, string>>>();
  for (const r of refs) {
    let series = studies.get(r.studyUid);
    if (!series) studies.set(r.studyUid, (series = new Map()));
    let instances = series.get(r.seriesUid);
    if (!instances) series.set(r.seriesUid, (instances = new Map()));
    instances.set(r.sopInstanceUid, r.sopClassUid);
  }
  return [...studies].map(([studyUid, series]) => ({
    ReferencedSeriesSequence: [...series].map(([seriesUid, instances]) => ({
      ReferencedSOPSequence: [...instances].map(([sopInstanceUid, sopClassUid]) => ({ ReferencedSOPClassUID: sopClassUid, ReferencedSOPInstanceUID: sopInstanceUid })),
      SeriesInstanceUID: seriesUid,
    })),
    StudyInstanceUID: studyUid,
  }));
}
