import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VoxaError, type ResponseReport } from '@voxa/core';
import { createServer, INDEX_FILE, openSqliteFileStore } from '@voxa/server';

/** Where `voxa report <patient-id>` reads the patient's assessment: a running server, or an archive folder. */
export type ArchiveSource = { server: string } | { data: string };

/** An HTTP GET answered by the server or by the folder's archive in process: status and JSON body. */
type Get = (path: string) => Promise<{ status: number; body: unknown }>;

/**
 * The report of a patient's response assessment as the archive holds it now: the assessment
 * (`assessmentId`, else the patient's latest), its lesion-tagged measurements read and evaluated
 * by the server (`GET /voxa/assessments/:id/report.json`, the route the workstation uses), so the
 * CLI, the app and the server give one answer. A folder is opened beside a running server (the
 * store allows it) and asked through the same routes in process.
 */
export async function reportFromArchive(patientId: string, source: ArchiveSource, assessmentId?: string): Promise<ResponseReport & { assessment: { id: string; state: string } }> {
  if ('server' in source) {
    const base = source.server.replace(/\/+$/, '');
    return readReport(async (path) => {
      let res: Response;
      try {
        res = await fetch(`${base}${path}`);
      } catch (e) {
        throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { server: base }, `no answer (${(e as Error).cause ? String((e as Error).cause) : (e as Error).message}); is voxa serve running there?`);
      }
      return { status: res.status, body: await res.json().catch(() => null) };
    }, patientId, base, assessmentId);
  }
  if (!existsSync(join(source.data, INDEX_FILE))) throw new VoxaError('VOXA_ERR_BAD_ARGUMENT', { folder: source.data }, `no archive here (no ${INDEX_FILE}); give its folder with --data DIR or a server with --server URL`);
  const store = await openSqliteFileStore(source.data);
  const app = await createServer({ store });
  try {
    return await readReport(async (path) => {
      const res = await app.inject({ method: 'GET', url: path });
      return { status: res.statusCode, body: res.json() };
    }, patientId, source.data, assessmentId);
  } finally {
    await app.close();
    store.close();
  }
}

async function readReport(get: Get, patientId: string, where: string, assessmentId?: string): Promise<ResponseReport & { assessment: { id: string; state: string } }> {
  const fail = (detail: string) => new VoxaError('VOXA_ERR_BAD_ARGUMENT', { archive: where, patient: patientId }, detail);
  const list = await get(`/voxa/assessments?patientId=${encodeURIComponent(patientId)}`);
  if (list.status !== 200) throw fail(`listing the assessments answered HTTP ${list.status}: ${messageOf(list.body)}`);
  const assessments = (list.body as { assessments: { assessment: { id: string } }[] }).assessments;
  if (assessments.length === 0) throw fail('the patient has no response assessment; start one in the workstation (Response panel) or POST /voxa/assessments');
  const id = assessmentId ?? assessments.at(-1)!.assessment.id;
  if (!assessments.some((a) => a.assessment.id === id)) throw fail(`no assessment ${id} of this patient; theirs: ${assessments.map((a) => a.assessment.id).join(', ')}`);
  const report = await get(`/voxa/assessments/${encodeURIComponent(id)}/report.json`);
  if (report.status !== 200) throw fail(`assessment ${id}: ${messageOf(report.body)}`);
  return report.body as ResponseReport & { assessment: { id: string; state: string } };
}

/** The message of an error body `{ code, message }`, else the body as JSON. */
function messageOf(body: unknown): string {
  const b = body as { message?: unknown } | null;
  return typeof b?.message === 'string' ? b.message : JSON.stringify(body);
}
