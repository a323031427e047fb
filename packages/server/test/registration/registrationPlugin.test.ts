import { generatePhantomTimePoint, type PhantomTimePoint } from '@voxa/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/createServer.ts';
import { openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { tempDataDir } from '../store/storeFixtures.ts';
import { lesionTreMm, phantomSeriesFiles } from './registrationFixtures.ts';

type Json = Record<string, any>;

/** One slice of the baseline as a series of its own. */
const SINGLE_SLICE_SERIES = '2.25.4711001';
/** The same slice positions of the baseline and of follow-up 1 under one series UID: two volumes (4D). */
const TWO_VOLUMES_SERIES = '2.25.4711002';

describe('POST /voxa/registrations', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  let store: SqliteFileStore;
  let app: FastifyInstance;
  let baseline: PhantomTimePoint;
  let followUp: PhantomTimePoint;

  const ref = (tp: PhantomTimePoint, seriesInstanceUid = tp.uids.seriesInstanceUid) => ({ studyInstanceUid: tp.uids.studyInstanceUid, seriesInstanceUid });
  const post = (body: unknown) => app.inject({ method: 'POST', url: '/voxa/registrations', headers: { 'content-type': 'application/json' }, payload: typeof body === 'string' ? body : JSON.stringify(body) });

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDataDir());
    store = await openSqliteFileStore(dir);
    app = await createServer({ store });
    baseline = generatePhantomTimePoint(0, { size: 'small' });
    followUp = generatePhantomTimePoint(1, { size: 'small' });
    const files = [
      ...phantomSeriesFiles(baseline),
      ...phantomSeriesFiles(followUp),
      ...phantomSeriesFiles(baseline, { seriesInstanceUid: SINGLE_SLICE_SERIES, slices: [70] }),
      ...phantomSeriesFiles(baseline, { seriesInstanceUid: TWO_VOLUMES_SERIES, slices: [60, 61, 62, 63] }),
      ...phantomSeriesFiles(followUp, { seriesInstanceUid: TWO_VOLUMES_SERIES, slices: [60, 61, 62, 63], studyInstanceUid: baseline.uids.studyInstanceUid }),
    ];
    const results = await store.putMany(files.map((bytes) => ({ bytes })));
    const notStored = results.filter((r) => r.status !== 'fulfilled' || r.value.status !== 'stored');
    expect(notStored).toEqual([]);
  });

  afterAll(async () => {
    await app?.close();
    store?.close();
    await cleanup();
  });

  it('registers follow-up 1 onto the baseline within 0.5 mm TRE at every baseline lesion, in a worker: /health answers while it runs', async () => {
    let settled = false;
    const registration = post({ fixed: ref(baseline), moving: ref(followUp) }).finally(() => void (settled = true));
    const health = await app.inject({ url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(settled, 'the registration had not finished when /health answered').toBe(false);

    const res = await registration;
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Json;
    expect(body).toMatchObject({ kind: 'rigid', cached: false });
    expect(body.fixedToMoving).toHaveLength(16);
    expect(body.centerMm).toHaveLength(3);
    expect(body.parameters).toHaveLength(6); // rigid: 3 rotations, 3 translations
    expect(body.levels.length).toBe(3);
    expect(body.levels[0]).toMatchObject({ stage: 'rigid', shrink: 4 });
    expect(body.seconds).toBeGreaterThan(0);
    const tre = lesionTreMm(body.fixedToMoving, baseline, followUp);
    expect(tre.length).toBeGreaterThan(0);
    expect(Math.max(...tre)).toBeLessThan(0.5); // core measures 0.06 mm
  });

  it('answers an identical request from the cache with the same transform', async () => {
    const first = (await post({ fixed: ref(baseline), moving: ref(followUp) })).json() as Json;
    const again = await post({ fixed: ref(baseline), moving: ref(followUp), mode: 'rigid' });
    expect(again.statusCode).toBe(200);
    const body = again.json() as Json;
    expect(body.cached).toBe(true);
    expect(body.fixedToMoving).toEqual(first.fixedToMoving);
    expect(body.seconds).toBe(first.seconds);
  });

  it('answers 404 VOXA_HTTP_SERIES_NOT_FOUND naming the series that is not in the archive', async () => {
    const missing = '1.2.3.4.5.6.7';
    const moving = await post({ fixed: ref(baseline), moving: ref(followUp, missing) });
    expect(moving.statusCode).toBe(404);
    expect(moving.json()).toEqual({ code: 'VOXA_HTTP_SERIES_NOT_FOUND', message: `The series is not in the archive: moving series ${missing} of study ${followUp.uids.studyInstanceUid}` });
    const fixed = await post({ fixed: { studyInstanceUid: '1.2.3', seriesInstanceUid: baseline.uids.seriesInstanceUid }, moving: ref(followUp) });
    expect(fixed.statusCode).toBe(404);
    expect(fixed.json()).toMatchObject({ code: 'VOXA_HTTP_SERIES_NOT_FOUND', message: expect.stringContaining(`fixed series ${baseline.uids.seriesInstanceUid} of study 1.2.3`) });
  });

  it.each([
    ['a missing moving series', () => ({ fixed: ref(baseline) }), /moving/],
    ['a series without its study UID', () => ({ fixed: { seriesInstanceUid: '1.2' }, moving: ref(followUp) }), /studyInstanceUid/],
    ['a UID that is not digits and dots', () => ({ fixed: ref(baseline, '1.2.abc'), moving: ref(followUp) }), /seriesInstanceUid/],
    ['an unknown mode', () => ({ fixed: ref(baseline), moving: ref(followUp), mode: 'elastic' }), /mode/],
  ])('answers 400 VOXA_HTTP_BAD_REGISTRATION for %s, naming the field', async (_what, body, field) => {
    const res = await post(body());
    expect(res.statusCode).toBe(400);
    const error = res.json() as Json;
    expect(error.code).toBe('VOXA_HTTP_BAD_REGISTRATION');
    expect(error.message).toMatch(/^The registration request is invalid: /);
    expect(error.message).toMatch(field);
  });

  it('answers 400 VOXA_HTTP_BAD_REQUEST for a body that is not JSON', async () => {
    const res = await post('{"fixed":');
    expect(res.statusCode).toBe(400);
    expect((res.json() as Json).code).toBe('VOXA_HTTP_BAD_REQUEST');
  });

  it('answers 422 VOXA_HTTP_NOT_ONE_VOLUME for a single slice, with the reason', async () => {
    const res = await post({ fixed: ref(baseline), moving: ref(baseline, SINGLE_SLICE_SERIES) });
    expect(res.statusCode).toBe(422);
    const error = res.json() as Json;
    expect(error.code).toBe('VOXA_HTTP_NOT_ONE_VOLUME');
    expect(error.message).toBe(`The series is not one 3D volume: moving series ${SINGLE_SLICE_SERIES} is 128×128×1 voxels, not a 3D grid (a single slice?)`);
  });

  it('answers 422 VOXA_HTTP_NOT_ONE_VOLUME for a series of two volumes at the same positions (4D), with the reason', async () => {
    const res = await post({ fixed: ref(baseline, TWO_VOLUMES_SERIES), moving: ref(followUp) });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ code: 'VOXA_HTTP_NOT_ONE_VOLUME', message: `The series is not one 3D volume: fixed series ${TWO_VOLUMES_SERIES} is 2 volumes over time (4D), not one volume` });
  });
});
