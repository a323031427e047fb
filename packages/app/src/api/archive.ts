import { DicomJsonReader, type DicomJsonDataSet } from '@voxa/core';
import { boundaryOf, multipartParts } from '../loading/multipartParts.ts';

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

/** Modalities of series that hold no image volume (reports, segmentations, presentation states …). */
export const NOT_IMAGE_MODALITIES: ReadonlySet<string> = new Set(['SR', 'SEG', 'PR', 'RTSTRUCT', 'KO', 'DOC', 'RTPLAN', 'REG']);

export interface SeriesSummary {
  studyUid: string;
  seriesUid: string;
  modality: string;
  number?: number;
  description: string;
  instanceCount: number;
}

async function getJson(url: string): Promise<DicomJsonDataSet[]> {
  const r = await fetch(url, { headers: { accept: 'application/dicom+json' } });
  if (r.status === 204) return [];
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as DicomJsonDataSet[];
}

/** The studies in the archive (QIDO-RS): all of them, or one patient's. */
export async function listStudies(patientId?: string): Promise<StudySummary[]> {
  const patient = patientId === undefined ? '' : `&PatientID=${encodeURIComponent(patientId)}`;
  const rows = await getJson(`${DICOMWEB}/studies?includefield=00081030,00080061,00201206,00201208&limit=1000${patient}`);
  return rows.map((json) => new DicomJsonReader(json)).map((s) => ({
    studyUid: s.str('x0020000D'),
    patientId: s.str('x00100020'),
    patientName: s.str('x00100010'),
    studyDate: s.str('x00080020'),
    description: s.str('x00081030'),
    modalities: s.strs('x00080061'),
    seriesCount: s.num('x00201206') ?? 0,
    instanceCount: s.num('x00201208') ?? 0,
  }));
}

/** The series of a study, in series-number order. */
export async function listSeries(studyUid: string): Promise<SeriesSummary[]> {
  const rows = await getJson(`${DICOMWEB}/studies/${studyUid}/series?includefield=0008103E,00201209`);
  return rows.map((json) => new DicomJsonReader(json)).map((s) => ({
    studyUid,
    seriesUid: s.str('x0020000E'),
    modality: s.str('x00080060'),
    number: s.num('x00200011'),
    description: s.str('x0008103E'),
    instanceCount: s.num('x00201209') ?? 0,
  })).sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
}

/** Series metadata (WADO-RS): one DICOM JSON data set per instance. */
export function seriesMetadata(studyUid: string, seriesUid: string): Promise<DicomJsonDataSet[]> {
  return getJson(`${DICOMWEB}/studies/${studyUid}/series/${seriesUid}/metadata`);
}

export function seriesThumbnailUrl(s: { studyUid: string; seriesUid: string }): string {
  return `${DICOMWEB}/studies/${s.studyUid}/series/${s.seriesUid}/thumbnail?viewport=96,96`;
}

/** YYYYMMDD → YYYY-MM-DD. */
export function formatDate(d: string): string {
  return /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d;
}

/** The outcome of a STOW-RS request: instances stored and refused (PS3.18 store response). */
export interface StowResult {
  status: number;
  stored: number;
  failed: number;
}

/** Store Part-10 instances (STOW-RS, one multipart/related request). */
export async function stowInstances(files: (ArrayBuffer | Uint8Array)[]): Promise<StowResult> {
  const boundary = `voxa-${crypto.randomUUID()}`;
  const parts: BlobPart[] = [];
  for (const f of files) parts.push(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, f as BlobPart, '\r\n');
  parts.push(`--${boundary}--\r\n`);
  const r = await fetch(`${DICOMWEB}/studies`, {
    method: 'POST',
    headers: { 'content-type': `multipart/related; type="application/dicom"; boundary=${boundary}`, accept: 'application/dicom+json' },
    body: new Blob(parts),
  });
  const body = (await r.json().catch(() => ({}))) as Record<string, { Value?: unknown[] }>;
  return { status: r.status, stored: body['00081199']?.Value?.length ?? 0, failed: body['00081198']?.Value?.length ?? 0 };
}

/** The Part-10 files of a series (WADO-RS retrieve, multipart/related). */
export async function retrieveSeries(studyUid: string, seriesUid: string): Promise<Uint8Array[]> {
  const url = `${DICOMWEB}/studies/${studyUid}/series/${seriesUid}`;
  const r = await fetch(url, { headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status} ${await r.text()}`);
  return multipartParts(new Uint8Array(await r.arrayBuffer()), boundaryOf(r.headers.get('content-type') ?? '')).map((p) => p.body);
}
