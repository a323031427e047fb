import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/createServer.ts';
import { openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { tempDataDir } from '../store/storeFixtures.ts';
import { assessmentFixtureFiles, BASELINE, FOLLOW_UP_1, FOLLOW_UP_2, OTHER_PATIENT_STUDY, PATIENT, UNKNOWN_STUDY } from './assessmentFixtures.ts';

type Json = Record<string, any>;

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const BASE = '/voxa/assessments';

describe('assessment routes /voxa/assessments', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  let store: SqliteFileStore;
  let app: FastifyInstance;

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  const create = async (body: Json = {}, user = 'dr.tech') => {
    const res = await post(BASE, { patientId: PATIENT, criterion: 'recist', baselineStudyUid: BASELINE, followUpStudyUids: [FOLLOW_UP_1], ...body }, { 'x-voxa-user': user });
    expect(res.statusCode).toBe(201);
    return (res.json() as Json).assessment.id as string;
  };
  const step = (id: string, to: string, user: string, extra: Json = {}, headers: Record<string, string> = {}) =>
    post(`${BASE}/${id}/steps`, { to, ...extra }, { 'x-voxa-user': user, ...headers });
  /** An assessment advanced to `follow-up-measured`, measured by dr.a. */
  const measured = async () => {
    const id = await create();
    expect((await step(id, 'baseline-measured', 'dr.a')).statusCode).toBe(200);
    expect((await step(id, 'follow-up-measured', 'dr.a')).statusCode).toBe(200);
    return id;
  };
  const signed = async () => {
    const id = await measured();
    expect((await step(id, 'reviewed', 'dr.b')).statusCode).toBe(200);
    expect((await step(id, 'signed', 'dr.b')).statusCode).toBe(200);
    return id;
  };
  const expectError = (res: { statusCode: number; json: () => unknown }, status: number, code: string, message: RegExp) => {
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ code, message: expect.stringMatching(message) });
  };

  async function open(): Promise<void> {
    store = await openSqliteFileStore(dir);
    app = await createServer({ store });
  }

  async function close(): Promise<void> {
    await app?.close();
    store?.close();
  }

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDataDir());
    await open();
    for (const bytes of assessmentFixtureFiles()) expect((await store.put(bytes)).status).toBe('stored');
  });

  afterAll(async () => {
    await close();
    await cleanup();
  });

  it('takes an assessment from requested to signed by two users, every step read back with who and when', async () => {
    const res = await post(BASE, { patientId: PATIENT, criterion: 'recist', baselineStudyUid: BASELINE, followUpStudyUids: [FOLLOW_UP_1] }, { 'x-voxa-user': 'dr.tech' });
    expect(res.statusCode).toBe(201);
    const created = res.json() as Json;
    const id = created.assessment.id as string;
    expect(res.headers.location).toBe(`${BASE}/${id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(created).toMatchObject({ revision: 1, assessment: { patientId: PATIENT, criterion: 'recist', baselineStudyUid: BASELINE, followUpStudyUids: [FOLLOW_UP_1], state: 'requested' } });

    const path: [string, string][] = [['baseline-measured', 'dr.a'], ['follow-up-measured', 'dr.a'], ['reviewed', 'dr.b'], ['signed', 'dr.b']];
    for (const [i, [to, user]] of path.entries()) {
      const moved = await step(id, to, user, to === 'reviewed' ? { note: 'agree with the measurements' } : {}, { 'if-match': `"${i + 1}"` });
      expect(moved.statusCode).toBe(200);
      expect(moved.headers.etag).toBe(`"${i + 2}"`);
      expect((moved.json() as Json).assessment.state).toBe(to);
    }

    const history = await app.inject({ url: `${BASE}/${id}/history` });
    expect(history.statusCode).toBe(200);
    const body = history.json() as Json;
    expect(body.revision).toBe(5);
    expect(body.steps.map((s: Json) => [s.state, s.user, s.note])).toEqual([
      ['requested', 'dr.tech', undefined],
      ['baseline-measured', 'dr.a', undefined],
      ['follow-up-measured', 'dr.a', undefined],
      ['reviewed', 'dr.b', 'agree with the measurements'],
      ['signed', 'dr.b', undefined],
    ]);
    const times = body.steps.map((s: Json) => s.atIso as string);
    for (const t of times) expect(t).toMatch(ISO_UTC);
    expect([...times].sort()).toEqual(times); // recorded in order
    expect(body.revisions.map((r: Json) => [r.revision, r.action, r.user, r.state])).toEqual([
      [1, 'create', 'dr.tech', 'requested'],
      [2, 'step', 'dr.a', 'baseline-measured'],
      [3, 'step', 'dr.a', 'follow-up-measured'],
      [4, 'step', 'dr.b', 'reviewed'],
      [5, 'step', 'dr.b', 'signed'],
    ]);

    const read = await app.inject({ url: `${BASE}/${id}` });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"5"');
    expect((read.json() as Json).assessment.steps).toEqual(body.steps);
    const listed = await app.inject({ url: `${BASE}?patientId=${PATIENT}` });
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as Json).assessments).toContainEqual({ revision: 5, assessment: (read.json() as Json).assessment });
  });

  it('answers each refused transition 409 with a stable code, naming the current state and what is needed, and changes nothing', async () => {
    const id = await create();
    expectError(await step(id, 'follow-up-measured', 'dr.a'), 409, 'VOXA_HTTP_ASSESSMENT_NOT_NEXT_STATE',
      /is 'requested'; 'follow-up-measured' is not the next state: the next state is 'baseline-measured'/);
    const measuredId = await measured();
    expectError(await step(measuredId, 'signed', 'dr.b'), 409, 'VOXA_HTTP_ASSESSMENT_NOT_NEXT_STATE', /is 'follow-up-measured'; signing needs 'reviewed' first/);
    expectError(await step(measuredId, 'baseline-measured', 'dr.b'), 409, 'VOXA_HTTP_ASSESSMENT_NOT_NEXT_STATE', /is 'follow-up-measured'; 'baseline-measured' is not the next state/);
    const signedId = await signed();
    expectError(await step(signedId, 'reviewed', 'dr.c'), 409, 'VOXA_HTTP_ASSESSMENT_SIGNED', /is 'signed'; it cannot become 'reviewed' unless it is reopened with a reason first/);
    expectError(await post(`${BASE}/${measuredId}/reopen`, { reason: 'typo' }), 409, 'VOXA_HTTP_ASSESSMENT_NOT_SIGNED', /is 'follow-up-measured'; only a 'signed' assessment is reopened/);
    expectError(await step(id, 'approved', 'dr.a'), 400, 'VOXA_HTTP_BAD_ASSESSMENT', /to/);

    const read = (await app.inject({ url: `${BASE}/${id}` })).json() as Json;
    expect(read).toMatchObject({ revision: 1, assessment: { state: 'requested' } });
    expect(((await app.inject({ url: `${BASE}/${measuredId}` })).json() as Json).revision).toBe(3);
  });

  it('refuses a review by the user who measured the follow-up (four-eyes), and takes one by another user', async () => {
    const id = await measured();
    expectError(await step(id, 'reviewed', 'dr.a'), 409, 'VOXA_HTTP_ASSESSMENT_FOUR_EYES',
      /is 'follow-up-measured', recorded by dr\.a; 'reviewed' needs another user \(four-eyes rule\)/);
    expect((await step(id, 'reviewed', 'dr.b')).statusCode).toBe(200);
  });

  it('reopens a signed assessment with a reason as an amended step, back to follow-up-measured; a reason is required', async () => {
    const id = await signed();
    expectError(await post(`${BASE}/${id}/reopen`, { reason: '' }, { 'x-voxa-user': 'dr.c' }), 400, 'VOXA_HTTP_BAD_ASSESSMENT', /reason/);
    expectError(await post(`${BASE}/${id}/reopen`, {}, { 'x-voxa-user': 'dr.c' }), 400, 'VOXA_HTTP_BAD_ASSESSMENT', /reason/);
    const reopened = await post(`${BASE}/${id}/reopen`, { reason: 'lesion 2 was measured on the wrong series' }, { 'x-voxa-user': 'dr.c', 'if-match': '5' });
    expect(reopened.statusCode).toBe(200);
    const body = reopened.json() as Json;
    expect(body.revision).toBe(6);
    expect(body.assessment.state).toBe('follow-up-measured');
    expect(body.assessment.steps.at(-1)).toEqual({ state: 'amended', user: 'dr.c', atIso: expect.stringMatching(ISO_UTC), note: 'lesion 2 was measured on the wrong series' });
    // Reviewed and signed again.
    expect((await step(id, 'reviewed', 'dr.c')).statusCode).toBe(200);
    expect((await step(id, 'signed', 'dr.c')).statusCode).toBe(200);
    const history = (await app.inject({ url: `${BASE}/${id}/history` })).json() as Json;
    expect(history.steps.map((s: Json) => s.state)).toEqual(['requested', 'baseline-measured', 'follow-up-measured', 'reviewed', 'signed', 'amended', 'reviewed', 'signed']);
  });

  it('refuses a change based on a stale revision with 412 and the current revision in its ETag', async () => {
    const id = await create();
    expect((await step(id, 'baseline-measured', 'dr.a', {}, { 'if-match': '"1"' })).statusCode).toBe(200);
    const stale = await step(id, 'follow-up-measured', 'dr.a', {}, { 'if-match': '"1"' });
    expectError(stale, 412, 'VOXA_HTTP_REVISION_MISMATCH', /If-Match gives revision 1, assessment .* is at revision 2/);
    expect(stale.headers.etag).toBe('"2"');
    expectError(await step(id, 'follow-up-measured', 'dr.a', {}, { 'if-match': 'yesterday' }), 400, 'VOXA_HTTP_BAD_HEADER', /If-Match/);
    expect(((await app.inject({ url: `${BASE}/${id}` })).json() as Json).assessment.state).toBe('baseline-measured');
  });

  it('creates only with studies in the archive, all of the patient', async () => {
    const res = (body: Json) => post(BASE, { patientId: PATIENT, criterion: 'choi', baselineStudyUid: BASELINE, ...body });
    expectError(await res({ baselineStudyUid: UNKNOWN_STUDY }), 404, 'VOXA_HTTP_NOT_FOUND', new RegExp(`no study ${UNKNOWN_STUDY} in the archive`));
    expectError(await res({ followUpStudyUids: [FOLLOW_UP_1, UNKNOWN_STUDY] }), 404, 'VOXA_HTTP_NOT_FOUND', /no study 2\.25\.999 in the archive/);
    expectError(await res({ followUpStudyUids: [OTHER_PATIENT_STUDY] }), 409, 'VOXA_HTTP_STUDY_OF_OTHER_PATIENT', new RegExp(`study ${OTHER_PATIENT_STUDY} is not of patient ${PATIENT}`));
    expectError(await res({ followUpStudyUids: [BASELINE] }), 409, 'VOXA_HTTP_ASSESSMENT_DUPLICATE_STUDY', /given twice/);
    expectError(await res({ criterion: 'mine' }), 400, 'VOXA_HTTP_BAD_ASSESSMENT', /criterion/);
    expectError(await res({ baselineStudyUid: 'not-a-uid' }), 400, 'VOXA_HTTP_BAD_ASSESSMENT', /baselineStudyUid/);
    expectError(await app.inject({ url: `${BASE}/no-such-id` }), 404, 'VOXA_HTTP_ASSESSMENT_NOT_FOUND', /no assessment no-such-id/);
    expectError(await app.inject({ url: `${BASE}/bad.id` }), 400, 'VOXA_HTTP_BAD_ASSESSMENT_ID', /assessment id/);
    expectError(await app.inject({ url: BASE }), 400, 'VOXA_HTTP_BAD_ASSESSMENT', /patientId/);
    expect((await app.inject({ url: `${BASE}?patientId=NOBODY` })).json()).toEqual({ patientId: 'NOBODY', assessments: [] });
  });

  it('adds a follow-up of the patient, sending a reviewed assessment back to baseline-measured', async () => {
    const id = await measured();
    expect((await step(id, 'reviewed', 'dr.b')).statusCode).toBe(200);
    expectError(await post(`${BASE}/${id}/follow-ups`, { studyUid: OTHER_PATIENT_STUDY }), 409, 'VOXA_HTTP_STUDY_OF_OTHER_PATIENT', /is not of patient RESP-1/);
    expectError(await post(`${BASE}/${id}/follow-ups`, { studyUid: UNKNOWN_STUDY }), 404, 'VOXA_HTTP_NOT_FOUND', /no study/);
    const added = await post(`${BASE}/${id}/follow-ups`, { studyUid: FOLLOW_UP_2 }, { 'x-voxa-user': 'dr.a' });
    expect(added.statusCode).toBe(200);
    expect((added.json() as Json).assessment).toMatchObject({ state: 'baseline-measured', followUpStudyUids: [FOLLOW_UP_1, FOLLOW_UP_2] });
    expectError(await post(`${BASE}/${id}/follow-ups`, { studyUid: FOLLOW_UP_2 }), 409, 'VOXA_HTTP_ASSESSMENT_DUPLICATE_STUDY', /already has study/);
  });

  it('keeps the assessments and their history when the store is closed and opened again', async () => {
    const id = await signed();
    const before = (await app.inject({ url: `${BASE}/${id}/history` })).json() as Json;
    await close();
    await open();
    const after = await app.inject({ url: `${BASE}/${id}/history` });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toEqual(before);
    expect(((await app.inject({ url: `${BASE}/${id}` })).json() as Json)).toMatchObject({ revision: 5, assessment: { state: 'signed' } });
  });
});
