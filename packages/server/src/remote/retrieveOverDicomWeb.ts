import { VoxaError } from '@voxa/core';
import { parseMediaType } from '../dicomweb/mediaType.ts';
import { MultipartRelatedParser } from '../dicomweb/MultipartRelatedParser.ts';
import type { InstanceStore, PutResult } from '../store/InstanceStore.ts';

/** A remote DICOMweb service: its root (e.g. http://pacs:8042/dicom-web) and headers such as Authorization. */
export interface DicomWebRemote {
  base: string;
  headers?: Record<string, string>;
}

/** A DICOM JSON object (PS3.18 F.2): tag → { vr, Value }. */
export type DicomJsonObject = Record<string, { vr: string; Value?: unknown[] }>;

/** What a retrieve brought in: outcome counts and the rejections with their reasons. */
export interface RetrieveSummary {
  stored: number;
  duplicate: number;
  rejected: Array<{ code: string; reason: string }>;
}

/** QIDO-RS search on a remote (PS3.18 §10.6): `path` such as 'studies' or 'studies/{uid}/series', with query keys. */
export async function searchOverDicomWeb(remote: DicomWebRemote, path: string, query: Record<string, string> = {}): Promise<DicomJsonObject[]> {
  const url = new URL(`${remote.base.replace(/\/+$/, '')}/${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const response = await fetch(url, { headers: { ...remote.headers, accept: 'application/dicom+json' } });
  if (response.status === 204) return [];
  if (!response.ok) throw remoteError(url, response);
  return (await response.json()) as DicomJsonObject[];
}

/**
 * Retrieve a study from a remote DICOMweb service into the store (PS3.18 §10.4 WADO-RS), series
 * by series so that only one series is held in memory, asking for the instances as stored
 * (transfer-syntax=*) so their bytes are kept. Each instance is put like a STOW-RS part:
 * duplicates and rejections are counted, never fatal. Throws VOXA_ERR_PEER for an HTTP failure.
 */
export async function retrieveStudyOverDicomWeb(remote: DicomWebRemote, studyInstanceUid: string, store: InstanceStore): Promise<RetrieveSummary> {
  const summary: RetrieveSummary = { stored: 0, duplicate: 0, rejected: [] };
  const series = await searchOverDicomWeb(remote, `studies/${encodeURIComponent(studyInstanceUid)}/series`);
  if (!series.length) throw new VoxaError('VOXA_ERR_PEER', { uid: studyInstanceUid, peer: remote.base }, 'the remote has no series in this study');
  for (const s of series) {
    const seriesUid = String(s['0020000E']?.Value?.[0] ?? '');
    const url = new URL(`${remote.base.replace(/\/+$/, '')}/studies/${encodeURIComponent(studyInstanceUid)}/series/${encodeURIComponent(seriesUid)}`);
    const response = await fetch(url, { headers: { ...remote.headers, accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
    if (!response.ok) throw remoteError(url, response);
    const boundary = parseMediaType(response.headers.get('content-type') ?? '')?.params.get('boundary');
    if (!boundary) throw new VoxaError('VOXA_ERR_PEER', { peer: url.origin }, `WADO-RS answered ${response.headers.get('content-type')}, not multipart/related with a boundary`);
    const parser = new MultipartRelatedParser(boundary);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) parser.push(chunk);
    for (const part of parser.end()) count(summary, await store.put(part.body, `WADO-RS ${url.host} series ${seriesUid}`));
  }
  return summary;
}

function count(summary: RetrieveSummary, result: PutResult): void {
  if (result.status === 'stored') summary.stored++;
  else if (result.status === 'duplicate') summary.duplicate++;
  else summary.rejected.push({ code: result.code, reason: result.reason });
}

function remoteError(url: URL, response: Response): VoxaError {
  return new VoxaError('VOXA_ERR_PEER', { peer: url.origin }, `${url.pathname} answered HTTP ${response.status} ${response.statusText}`);
}
