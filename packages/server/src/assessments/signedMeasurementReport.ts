import {
  measurementGroupFromMeasurement, parseDicom,
  type SrMeasurementGroup, type SrSourceSeries, type WriteMeasurementReportOptions,
} from '@voxa/core';
import type { InstanceStore } from '../store/InstanceStore.ts';
import type { AssessmentResponse } from './assessmentResponse.ts';

/** Who signs: the reader's name (as given, sent as X-Voxa-User), their organisation and when. */
export interface Signature {
  user: string;
  organization: string;
  at: Date;
}

/**
 * The VERIFIED TID 1500 Measurement Report a signed assessment leaves in the archive: every
 * lesion-tagged measurement of every time point as one group (time point = the study's date),
 * the measured series as evidence, the signing reader as observer and verifier, in the last
 * time point's study. Measurements without a number (a non-target seen as present) carry no group.
 * The series' Frame of Reference is read from its first stored instance (measurements made in
 * the workstation do not carry it).
 */
export async function signedMeasurementReport(
  response: AssessmentResponse, store: InstanceStore, signature: Signature, softwareVersion: string,
): Promise<WriteMeasurementReportOptions> {
  const patientId = response.patient.id ?? '';
  const series = new Map<string, SrSourceSeries>();
  const groups: SrMeasurementGroup[] = [];
  for (const tp of response.timePoints) {
    for (const m of tp.measurements) {
      const source = series.get(m.seriesInstanceUid) ?? await sourceSeries(store, tp.studyUid, m.seriesInstanceUid, tp.dateIso);
      series.set(m.seriesInstanceUid, source);
      const group = measurementGroupFromMeasurement(m, patientId, tp.dateIso, source.frameOfReferenceUid);
      if (group) groups.push(group);
    }
  }
  const last = response.timePoints.at(-1)!;
  const [row] = store.search('study', { match: {}, studyInstanceUid: last.studyUid, limit: 1 });
  const name = signature.user;
  return {
    study: {
      patientId, patientName: response.patient.name ?? '', studyInstanceUid: last.studyUid,
      studyDate: typeof row?.StudyDate === 'string' ? row.StudyDate : undefined, studyDescription: last.description,
    },
    observer: { kind: 'person', name, organization: signature.organization },
    verification: { observerName: name, organization: signature.organization, dateTime: signature.at },
    completion: 'COMPLETE',
    contentDateTime: signature.at,
    seriesDescription: `Response assessment (${response.outcome?.name ?? response.criterion}), signed`,
    sourceSeries: [...series.values()],
    groups,
    softwareVersions: softwareVersion,
  };
}

/** A measured series as SR evidence: its images and Frame of Reference, read from the archive. */
async function sourceSeries(store: InstanceStore, studyUid: string, seriesUid: string, dateIso: string): Promise<SrSourceSeries> {
  const refs = store.listInstances(studyUid, seriesUid);
  const [row] = store.search('series', { match: {}, studyInstanceUid: studyUid, seriesInstanceUid: seriesUid, limit: 1 });
  let frameOfReferenceUid: string | undefined;
  const first = refs[0] && await store.getInstance(refs[0]);
  if (first) frameOfReferenceUid = parseDicom(first, seriesUid, { untilTag: 'x7fe00010' }).dataSet.string('x00200052')?.trim() || undefined;
  return {
    studyInstanceUid: studyUid, seriesInstanceUid: seriesUid,
    ...(typeof row?.Modality === 'string' ? { modality: row.Modality } : {}),
    ...(frameOfReferenceUid ? { frameOfReferenceUid } : {}),
    studyDate: dateIso.replaceAll('-', ''),
    instances: refs.map((r) => ({ sopClassUid: r.sopClassUid ?? '', sopInstanceUid: r.sopInstanceUid })),
  };
}
