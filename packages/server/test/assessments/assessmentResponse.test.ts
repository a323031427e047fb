// The response of an assessment read from the lesion-tagged measurements of its studies, its
// reports, and the VERIFIED DICOM SR that signing leaves in the archive (checked by dciodvfy and
// dcmtk's dsrdump where installed).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMeasurementReport, SR_CONCEPT, sameConcept, type MeasurementLesion } from '@voxa/core';
import { dciodvfy, hasDciodvfy } from '../../../core/test/segmentation/io/segPeers.ts';
import { dsrdump, hasDsrdump } from '../../../core/test/dicom/sr/srPeers.ts';
import { createServer } from '../../src/createServer.ts';
import { openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { tempDataDir } from '../store/storeFixtures.ts';
import { assessmentFixtureFiles, BASELINE, FOLLOW_UP_1, FOLLOW_UP_2, PATIENT } from './assessmentFixtures.ts';

type Json = Record<string, any>;
const BASE = '/voxa/assessments';
const T1: MeasurementLesion = { id: 'T1', kind: 'target', organ: 'liver' };
const T2: MeasurementLesion = { id: 'T2', kind: 'target', organ: 'lymph node', isLymphNode: true };
const HAS_DCIODVFY = hasDciodvfy();
const HAS_DSRDUMP = hasDsrdump();

describe('assessment response, reports and the signed SR', () => {
  let cleanup: () => Promise<void> = async () => {};
  let store: SqliteFileStore;
  let app: FastifyInstance;
  let id = '';

  const request = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, user = 'dr.a') =>
    app.inject({ method, url, headers: { 'x-voxa-user': user, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
  /** A bidirectional measurement of `lesion` on the study's series, drawn along x and y at z = 0. */
  const measure = async (study: string, mid: string, lesion: MeasurementLesion, longMm: number, shortMm: number) => {
    const points = [[-longMm / 2, 0, 0], [longMm / 2, 0, 0], [0, -shortMm / 2, 0], [0, shortMm / 2, 0]];
    const res = await request('PUT', `/voxa/studies/${study}/measurements/${mid}`, { id: mid, kind: 'bidirectional', seriesInstanceUid: `${study}.1`, points, values: { longMm, shortMm }, lesion });
    expect(res.statusCode, res.body).toBeLessThan(300);
  };
  const response = async () => (await request('GET', `${BASE}/${id}/response`)).json() as Json;

  beforeAll(async () => {
    const dir = await tempDataDir();
    cleanup = dir.cleanup;
    store = await openSqliteFileStore(dir.dir);
    app = await createServer({ store });
    for (const bytes of assessmentFixtureFiles()) expect((await store.put(bytes)).status).toBe('stored');
    // Baseline 40 + 18 (node short axis) = 58 mm; 25 + 9 = 34 (−41 %): PR; 28 + 12 = 40 and a new lesion: PD.
    await measure(BASELINE, 'b1', T1, 40, 30);
    await measure(BASELINE, 'b2', T2, 25, 18);
    await measure(FOLLOW_UP_1, 'f1', T1, 25, 20);
    await measure(FOLLOW_UP_1, 'f2', T2, 14, 9);
    await measure(FOLLOW_UP_2, 'g1', T1, 28, 21);
    await measure(FOLLOW_UP_2, 'g2', T2, 15, 12);
    await measure(FOLLOW_UP_2, 'g3', { id: 'N1', kind: 'new', organ: 'liver' }, 12, 10);
    // Follow-ups added newest first: the response orders them by study date.
    const created = await request('POST', BASE, { patientId: PATIENT, criterion: 'recist', baselineStudyUid: BASELINE, followUpStudyUids: [FOLLOW_UP_2, FOLLOW_UP_1] }, 'dr.tech');
    expect(created.statusCode).toBe(201);
    id = (created.json() as Json).assessment.id;
  });

  afterAll(async () => {
    await app?.close();
    store?.close();
    await cleanup();
  });

  it('reads the response from the tagged measurements: dates in order, PR then PD, best response PR', async () => {
    const r = await response();
    expect(r.error).toBeUndefined();
    expect(r.timePoints.map((tp: Json) => [tp.studyUid, tp.dateIso])).toEqual([[BASELINE, '2024-01-01'], [FOLLOW_UP_1, '2024-04-01'], [FOLLOW_UP_2, '2024-07-01']]);
    expect(r.input.lesions.map((l: Json) => l.id)).toEqual(['T1', 'T2', 'N1']);
    expect(r.sources.T2).toEqual(['b2', 'f2', 'g2']);
    expect(r.outcome.name).toBe('RECIST 1.1');
    expect(r.outcome.evaluation.baseline.value).toBe(58);
    expect(r.outcome.evaluation.timePoints.map((tp: Json) => tp.category)).toEqual(['PR', 'PD']);
    expect(r.outcome.bestOverallResponse.category).toBe('PR');
    expect(r.patient).toEqual({ id: PATIENT, name: 'ASSESS^TEST' });
  });

  it('renders the report as HTML, CSV and JSON', async () => {
    const html = await request('GET', `${BASE}/${id}/report.html`);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('RECIST 1.1');
    expect(html.body).toMatch(/PR[\s\S]*PD/);
    const csv = await request('GET', `${BASE}/${id}/report.csv`);
    expect(csv.body.split('\n').filter((l) => l.includes(',T1,') || l.includes('T1')).length).toBeGreaterThanOrEqual(3);
    const json = (await request('GET', `${BASE}/${id}/report.json`)).json() as Json;
    expect(json.evaluation.timePoints.map((tp: Json) => tp.category)).toEqual(['PR', 'PD']);
    expect(json.assessment).toMatchObject({ id, state: 'requested' });
    expect((await request('GET', `${BASE}/${id}/report.pdf`)).statusCode).toBe(400);
  });

  it('names a lesion tagged twice, and refuses to sign until it is fixed', async () => {
    await measure(FOLLOW_UP_1, 'f9', T1, 26, 20);
    const r = await response();
    expect(r.outcome).toBeUndefined();
    expect(r.error).toMatch(/2024-04-01, lesion T1: measured twice \(measurements f1 and f9\)/);
    for (const [to, user] of [['baseline-measured', 'dr.a'], ['follow-up-measured', 'dr.a'], ['reviewed', 'dr.b']]) {
      expect((await request('POST', `${BASE}/${id}/steps`, { to }, user)).statusCode).toBe(200);
    }
    const refused = await request('POST', `${BASE}/${id}/steps`, { to: 'signed' }, 'dr.b');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'VOXA_HTTP_ASSESSMENT_UNREADABLE', message: expect.stringMatching(/cannot sign: .*lesion T1: measured twice/) });
    expect((await request('GET', `${BASE}/${id}`)).json()).toMatchObject({ assessment: { state: 'reviewed' } });
    expect((await request('DELETE', `/voxa/studies/${FOLLOW_UP_1}/measurements/f9`)).statusCode).toBe(200);
  });

  it('signing stores a VERIFIED TID 1500 SR of every measurement in the last study, its UID in the signed step', async () => {
    const before = store.listInstances(FOLLOW_UP_2).length;
    const res = await request('POST', `${BASE}/${id}/steps`, { to: 'signed' }, 'Doe^Jane');
    expect(res.statusCode, res.body).toBe(200);
    const signedStep = (res.json() as Json).assessment.steps.at(-1);
    expect(signedStep).toMatchObject({ state: 'signed', user: 'Doe^Jane', reportSopInstanceUid: expect.stringMatching(/^2\.25\.\d+$/) });
    const refs = store.listInstances(FOLLOW_UP_2);
    expect(refs.length).toBe(before + 1);
    const ref = refs.find((r) => r.sopInstanceUid === signedStep.reportSopInstanceUid)!;
    const bytes = (await store.getInstance(ref))!;
    const sr = await readMeasurementReport(bytes);
    expect(sr.verification).toMatchObject({ observerName: 'Doe^Jane', organization: 'Voxa' });
    expect(sr.verification!.dateTime.toISOString().slice(0, 19)).toBe(new Date(signedStep.atIso).toISOString().slice(0, 19));
    expect(sr.observer).toMatchObject({ kind: 'person', name: 'Doe^Jane' });
    expect(sr.study).toMatchObject({ studyInstanceUid: FOLLOW_UP_2, patientId: PATIENT });
    expect(sr.sourceSeries.map((s) => s.seriesInstanceUid).sort()).toEqual([`${BASELINE}.1`, `${FOLLOW_UP_1}.1`, `${FOLLOW_UP_2}.1`]);
    expect(sr.sourceSeries.every((s) => s.frameOfReferenceUid === s.seriesInstanceUid.replace(/\.1$/, '.9'))).toBe(true);
    // One group per lesion per time point, the same tracking UID for a lesion at every time point.
    expect(sr.groups.map((g) => `${g.trackingId}@${g.timePoint}`)).toEqual(['T1@2024-01-01', 'T2@2024-01-01', 'T1@2024-04-01', 'T2@2024-04-01', 'T1@2024-07-01', 'T2@2024-07-01', 'N1@2024-07-01']);
    expect(new Set(sr.groups.filter((g) => g.trackingId === 'T2').map((g) => g.trackingUid)).size).toBe(1);
    const short = (g: (typeof sr.groups)[number]) => g.measurements.find((m) => sameConcept(m.concept, SR_CONCEPT.shortAxis))?.value;
    expect(sr.groups.filter((g) => g.trackingId === 'T2').map(short)).toEqual([18, 9, 12]);
    expect(sr.groups[0].findingSite?.meaning).toBe('Liver');

    const path = join(mkdtempSync(join(tmpdir(), 'voxa-signed-sr-')), 'signed.dcm');
    writeFileSync(path, bytes);
    if (HAS_DCIODVFY) expect(dciodvfy(path).errors).toEqual([]);
    if (HAS_DSRDUMP) {
      const d = dsrdump(path);
      expect(d.status).toBe(0);
      expect(d.stdout).toMatch(/Verification Flag\s*: VERIFIED/);
      expect(d.stdout).toContain('Doe^Jane');
      expect(d.stdout).toContain('"T2"');
    }
  });
});
