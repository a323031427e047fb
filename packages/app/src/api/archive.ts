import { jsonNumber, jsonString, type DicomJson } from './dicomJson.ts';

/** The archive's DICOMweb root, on the server that serves the app. */
export const DICOMWEB = '/dicom-web';

export interface StudySummary {
  studyUid: string;
  patientId: string;
  patientName: string;
  studyDate: string;
  description: string;
  modalities: string[];
  seriesCount: number;
  instanceCount: number;
}

export interface SeriesSummary {
  studyUid: string;
  seriesUid: string;
  modality: string;
  number?: number;
  description: string;
  instanceCount: number;
}

async function getJson(url: string): Promise<DicomJson[]> {
  const r = await fetch(url, { headers: { accept: 'application/dicom+json' } });
  if (r.status === 204) return [];
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as DicomJson[];
}

/** Every study in the archive (QIDO-RS). */
export async function listStudies(): Promise<StudySummary[]> {
  const rows = await getJson(`${DICOMWEB}/studies?includefield=00081030,00080061,00201206,00201208&limit=1000`);
  return rows.map((s) => ({
    studyUid: jsonString(s, '0020000D'),
    patientId: jsonString(s, '00100020'),
    patientName: jsonString(s, '00100010'),
    studyDate: jsonString(s, '00080020'),
    description: jsonString(s, '00081030'),
    modalities: (s['00080061']?.Value ?? []).map(String),
    seriesCount: jsonNumber(s, '00201206') ?? 0,
    instanceCount: jsonNumber(s, '00201208') ?? 0,
  }));
}

/** The series of a study, in series-number order. */
export async function listSeries(studyUid: string): Promise<SeriesSummary[]> {
  const rows = await getJson(`${DICOMWEB}/studies/${studyUid}/series?includefield=0008103E,00201209`);
  return rows.map((s) => ({
    studyUid,
    seriesUid: jsonString(s, '0020000E'),
    modality: jsonString(s, '00080060'),
    number: jsonNumber(s, '00200011'),
    description: jsonString(s, '0008103E'),
    instanceCount: jsonNumber(s, '00201209') ?? 0,
  })).sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
}

/** Series metadata (WADO-RS): one DICOM JSON data set per instance. */
export function seriesMetadata(studyUid: string, seriesUid: string): Promise<DicomJson[]> {
  return getJson(`${DICOMWEB}/studies/${studyUid}/series/${seriesUid}/metadata`);
}

export function seriesThumbnailUrl(s: { studyUid: string; seriesUid: string }): string {
  return `${DICOMWEB}/studies/${s.studyUid}/series/${s.seriesUid}/thumbnail?viewport=96,96`;
}

/** YYYYMMDD → YYYY-MM-DD. */
export function formatDate(d: string): string {
  return /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d;
}
