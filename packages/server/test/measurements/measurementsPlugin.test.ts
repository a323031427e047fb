import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/createServer.ts';
import type { Measurement } from '@voxa/core';
import { openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { tempDataDir } from '../store/storeFixtures.ts';
import { FRAME_OF_REFERENCE, lengthMeasurement, measurementFixtureFiles, OTHER_SERIES, OTHER_STUDY, SERIES_A, SERIES_B, STUDY } from './measurementFixtures.ts';

type Json = Record<string, any>;

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const url = (id?: string, study = STUDY) => `/voxa/studies/${study}/measurements${id === undefined ? '' : `/${id}`}`;

describe('measurement routes /voxa/studies/:study/measurements', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => {};
  let store: SqliteFileStore;
  let app: FastifyInstance;

  const put = (id: string, body: unknown, headers: Record<string, string> = {}, study = STUDY) =>
    app.inject({ method: 'PUT', url: url(id, study), headers: { 'content-type': 'application/json', ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
  const del = (id: string, headers: Record<string, string> = {}, study = STUDY) => app.inject({ method: 'DELETE', url: url(id, study), headers });
  const list = async (study = STUDY) => {
    const res = await app.inject({ url: url(undefined, study) });
    expect(res.statusCode).toBe(200);
    return res.json() as { studyInstanceUid: string; revision: number; measurements: Measurement[] };
  };
  const revision = async () => (await list()).revision;

  async function open(): Promise<void> {
    store = await openSqliteFileStore(dir);
    app = await createServer({ store });
  }

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDataDir());
    await open();
    for (const bytes of measurementFixtureFiles()) expect((await store.put(bytes)).status).toBe('stored');
  });

  afterAll(async () => {
    await app?.close();
    store?.close();
    await cleanup();
  });

  it('lists no measurements at revision 0 for a study nothing was saved with, with ETag "0" and no caching', async () => {
    const res = await app.inject({ url: url(undefined, OTHER_STUDY) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ studyInstanceUid: OTHER_STUDY, revision: 0, measurements: [] });
    expect(res.headers.etag).toBe('"0"');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('creates, lists, replaces and deletes a measurement, each write bumping the revision by one', async () => {
    const start = await revision();
    const created = await put('len-1', lengthMeasurement('len-1'));
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(url('len-1'));
    const body = created.json() as Json;
    expect(body).toMatchObject({ studyInstanceUid: STUDY, revision: start + 1, measurement: { ...lengthMeasurement('len-1') } });
    expect(body.measurement.createdAt).toMatch(ISO_UTC);
    expect(body.measurement.updatedAt).toBe(body.measurement.createdAt); // one write so far
    expect(created.headers.etag).toBe(`"${start + 1}"`);

    const listed = await list();
    expect(listed.revision).toBe(start + 1);
    expect(listed.measurements).toEqual([body.measurement]);
    const one = await app.inject({ url: url('len-1') });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({ studyInstanceUid: STUDY, revision: start + 1, measurement: body.measurement });

    // Replace: new points and values, no label; createdAt is kept even when the client sends another.
    const replacement = lengthMeasurement('len-1', { points: [[0, 0, 0], [0, 40, 0]], values: { lengthMm: 40 }, createdAt: '1999-01-01T00:00:00.000Z' });
    delete replacement.label;
    const replaced = await put('len-1', replacement);
    expect(replaced.statusCode).toBe(200);
    const after = (replaced.json() as Json).measurement;
    expect(after).toMatchObject({ points: [[0, 0, 0], [0, 40, 0]], values: { lengthMm: 40 }, createdAt: body.measurement.createdAt });
    expect(after).not.toHaveProperty('label');
    expect(after.updatedAt >= after.createdAt).toBe(true);
    expect((await list()).measurements).toEqual([after]);
    expect(await revision()).toBe(start + 2);

    const deleted = await del('len-1');
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ studyInstanceUid: STUDY, revision: start + 3 });
    expect((await list()).measurements.find((m) => m.id === 'len-1')).toBeUndefined();
    expect((await app.inject({ url: url('len-1') })).json()).toMatchObject({ code: 'VOXA_HTTP_MEASUREMENT_NOT_FOUND' });
  });

  it('lists several measurements of every kind, oldest first, each round-tripping its fields', async () => {
    const kinds: Measurement[] = [
      { id: 'a-angle', kind: 'angle', seriesInstanceUid: SERIES_A, points: [[10, 0, 0], [0, 0, 0], [0, 10, 0]], values: { angleDeg: 90 } },
      { id: 'b-cobb', kind: 'cobb', seriesInstanceUid: SERIES_B, points: [[0, 0, 0], [10, 0, 0], [0, 5, 0], [10, 7, 0]], values: { angleDeg: 11.31 } },
      { id: 'c-bidi', kind: 'bidirectional', seriesInstanceUid: SERIES_A, points: [[0, 0, 0], [20, 0, 0], [10, -5, 0], [10, 5, 0]], values: { longMm: 20, shortMm: 10 } },
      { id: 'd-ellipse', kind: 'ellipse', seriesInstanceUid: SERIES_A, points: [[5, 5, 2], [10, 5, 2], [5, 8, 2]], values: { mean: 41.5, sd: 3.25, areaMm2: 47.12 }, units: 'HU' },
      { id: 'e-free', kind: 'freehand', seriesInstanceUid: SERIES_B, points: [[0, 0, 1], [4, 0, 1], [4, 4, 1], [0, 4, 1]], values: { areaMm2: 16 }, label: 'é ü 肝' },
      { id: 'f-probe', kind: 'probe', seriesInstanceUid: SERIES_B, frameOfReferenceUid: FRAME_OF_REFERENCE, points: [[1.5, -2.25, 3e-3]], values: { value: -1000 }, units: 'HU' },
    ];
    for (const m of kinds) expect((await put(m.id, m)).statusCode).toBe(201);
    const listed = (await list()).measurements.filter((m) => kinds.some((k) => k.id === m.id));
    expect(listed.map((m) => m.id)).toEqual(kinds.map((k) => k.id));
    listed.forEach((m, k) => expect(m).toEqual({ ...kinds[k], createdAt: m.createdAt, updatedAt: m.updatedAt }));
  });

  it('records who changed a measurement, when, how, and its JSON before and after, in its history', async () => {
    const start = await revision();
    expect((await put('hist-1', lengthMeasurement('hist-1'), { 'x-voxa-user': 'dr.ada' })).statusCode).toBe(201);
    const changed = lengthMeasurement('hist-1', { label: 'renamed', values: { lengthMm: 31 } });
    expect((await put('hist-1', changed)).statusCode).toBe(200); // no X-Voxa-User: anonymous
    expect((await del('hist-1', { 'x-voxa-user': '  Dr. Grace Hopper  ' })).statusCode).toBe(200);

    const res = await app.inject({ url: `${url('hist-1')}/history` });
    expect(res.statusCode).toBe(200);
    const history = res.json() as Json;
    expect(history).toMatchObject({ studyInstanceUid: STUDY, id: 'hist-1', revision: start + 3 });
    const [create, update, remove] = history.entries as Json[];
    expect(history.entries).toHaveLength(3);
    expect(create).toMatchObject({ revision: start + 1, action: 'create', user: 'dr.ada', before: null, after: { ...lengthMeasurement('hist-1') } });
    expect(update).toMatchObject({ revision: start + 2, action: 'update', user: 'anonymous', before: create.after, after: { label: 'renamed', values: { lengthMm: 31 } } });
    expect(remove).toMatchObject({ revision: start + 3, action: 'delete', user: 'Dr. Grace Hopper', before: update.after, after: null });
    for (const entry of history.entries as Json[]) expect(entry.at).toMatch(ISO_UTC);
    expect(update.after.createdAt).toBe(create.after.createdAt);
  });

  describe('refuses an invalid measurement with 400 VOXA_HTTP_BAD_MEASUREMENT naming the field, and stores nothing', () => {
    const valid = lengthMeasurement('bad-1');
    const cases: [string, unknown, RegExp][] = [
      ['too many points for a length', { ...valid, points: [[0, 0, 0], [1, 0, 0], [2, 0, 0]] }, /points: expected 2 points for kind "length", got 3/],
      ['too few points for an angle', { ...valid, kind: 'angle' }, /points: expected 3 points for kind "angle", got 2/],
      ['a freehand of two points', { ...valid, kind: 'freehand' }, /points: expected 3 to 10000 points for kind "freehand", got 2/],
      ['an ellipse of five points', { ...valid, kind: 'ellipse', points: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [-1, 0, 0], [0, -1, 0]] }, /points: expected 2 to 4 points for kind "ellipse", got 5/],
      ['a point of two coordinates', { ...valid, points: [[0, 0, 0], [1, 0]] }, /points\[1\]: expected \[x, y, z\], three numbers \(LPS mm\), got an array of 2/],
      ['a coordinate given as a string', { ...valid, points: [[0, 0, 0], [1, '2', 0]] }, /points\[1\]\[1\]: expected a finite number \(LPS mm\), got "2"/],
      ['a coordinate of null', { ...valid, points: [[0, 0, null], [1, 0, 0]] }, /points\[0\]\[2\]: expected a finite number \(LPS mm\), got null/],
      ['an unknown kind', { ...valid, kind: 'area' }, /kind: expected one of length, angle, cobb, bidirectional, ellipse, freehand, probe, got "area"/],
      ['an id with a space', { ...valid, id: 'bad 1' }, /id: expected 1 to 64 of A-Z a-z 0-9 _ -, got "bad 1"/],
      ['an id other than the path\'s', { ...valid, id: 'bad-2' }, /id: expected "bad-1" \(the id in the path\), got "bad-2"/],
      ['no series', { ...valid, seriesInstanceUid: undefined }, /seriesInstanceUid: missing; it is required/],
      ['a series UID with a leading zero', { ...valid, seriesInstanceUid: '1.02.3' }, /seriesInstanceUid: expected a UID .*a component has a leading zero/],
      ['a frame of reference that is no UID', { ...valid, frameOfReferenceUid: 'FoR-1' }, /frameOfReferenceUid: expected a UID .*only digits and dots/],
      ['an unknown field', { ...valid, colour: 'red' }, /colour: unknown field/],
      ['a plane without its column', { ...valid, plane: { origin: [0, 0, 0], row: [1, 0, 0] } }, /plane\.column: missing/],
      ['a plane with an infinite coordinate', { ...valid, plane: { origin: [0, 0, 0], row: [1, 0, 0], column: [0, 1, 'x'] } }, /plane\.column\[2\]: expected a finite number/],
      ['a label of 257 characters', { ...valid, label: 'x'.repeat(257) }, /label: expected 0 to 256 characters, got 257/],
      ['values as an array', { ...valid, values: [30] }, /values: expected an object of named numbers.*got an array of 1/],
      ['a value that is not a number', { ...valid, values: { lengthMm: '30' } }, /values\.lengthMm: expected a finite number, got "30"/],
      ['a value name with a dot', { ...valid, values: { 'length.mm': 30 } }, /values: expected names of a letter then up to 63 letters, digits or _, got "length.mm"/],
      ['units as a number', { ...valid, units: 1 }, /units: expected a string, got 1/],
      ['createdAt as a number', { ...valid, createdAt: 0 }, /createdAt: expected a string/],
      ['an array body', [valid], /body: expected a JSON object/],
    ];
    it.each(cases)('%s', async (_name, body, message) => {
      const before = await revision();
      const res = await put('bad-1', body);
      expect(res.statusCode).toBe(400);
      const error = res.json() as Json;
      expect(error.code).toBe('VOXA_HTTP_BAD_MEASUREMENT');
      expect(error.message).toMatch(message);
      expect(await revision()).toBe(before);
      expect((await app.inject({ url: url('bad-1') })).statusCode).toBe(404);
    });

    it('a coordinate that overflows to Infinity (1e999 in the JSON)', async () => {
      const json = JSON.stringify(valid).replace('[30,0,0]', '[1e999,0,0]');
      expect(json).toContain('1e999');
      const res = await put('bad-1', json);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VOXA_HTTP_BAD_MEASUREMENT', message: expect.stringMatching(/points\[1\]\[0\]: expected a finite number \(LPS mm\), got Infinity/) });
    });
  });

  it('refuses a bad id in the path (400 VOXA_HTTP_BAD_MEASUREMENT_ID) and a bad study UID (400 VOXA_HTTP_BAD_UID)', async () => {
    const longId = 'x'.repeat(65);
    const res = await put(longId, lengthMeasurement(longId));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VOXA_HTTP_BAD_MEASUREMENT_ID' });
    expect((await app.inject({ url: url('a.b') })).json()).toMatchObject({ code: 'VOXA_HTTP_BAD_MEASUREMENT_ID' });
    const badStudy = await app.inject({ url: url(undefined, '1.2.abc') });
    expect(badStudy.statusCode).toBe(400);
    expect(badStudy.json()).toMatchObject({ code: 'VOXA_HTTP_BAD_UID' });
  });

  it('answers 404 VOXA_HTTP_NOT_FOUND for every route of a study not in the archive, and writes nothing', async () => {
    const unknown = '2.25.999';
    const responses = [
      await app.inject({ url: url(undefined, unknown) }),
      await app.inject({ url: url('m1', unknown) }),
      await put('m1', lengthMeasurement('m1'), {}, unknown),
      await del('m1', {}, unknown),
      await app.inject({ url: `${url('m1', unknown)}/history` }),
    ];
    for (const res of responses) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: 'VOXA_HTTP_NOT_FOUND', message: `No such resource: no study ${unknown} in the archive` });
    }
  });

  it('answers 404 VOXA_HTTP_MEASUREMENT_NOT_FOUND for a measurement the study never had', async () => {
    for (const res of [await del('never'), await app.inject({ url: `${url('never')}/history` }), await app.inject({ url: url('never') })]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ code: 'VOXA_HTTP_MEASUREMENT_NOT_FOUND', message: `The study has no such measurement: no measurement never in study ${STUDY}` });
    }
  });

  it('refuses a measurement on a series of another study or not in the archive (400 VOXA_HTTP_SERIES_NOT_IN_STUDY)', async () => {
    const before = await revision();
    const other = await put('s-1', lengthMeasurement('s-1', { seriesInstanceUid: OTHER_SERIES }));
    expect(other.statusCode).toBe(400);
    expect(other.json()).toEqual({
      code: 'VOXA_HTTP_SERIES_NOT_IN_STUDY',
      message: `The measurement names a series that is not in this study: seriesInstanceUid: expected a series of study ${STUDY}, got ${OTHER_SERIES}, a series of another study`,
    });
    const missing = await put('s-1', lengthMeasurement('s-1', { seriesInstanceUid: '2.25.4242' }));
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as Json).message).toMatch(/seriesInstanceUid: expected a series of study .*, got 2\.25\.4242, which is not in the archive/);
    expect(await revision()).toBe(before);
  });

  it('writes with a current If-Match and refuses a stale one with 412, its ETag telling the current revision', async () => {
    const current = await revision();
    const fresh = await put('cc-1', lengthMeasurement('cc-1'), { 'if-match': `"${current}"` });
    expect(fresh.statusCode).toBe(201);
    const stale = await put('cc-1', lengthMeasurement('cc-1', { label: 'lost update' }), { 'if-match': `"${current}"` });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'VOXA_HTTP_REVISION_MISMATCH', message: expect.stringContaining(`If-Match gives revision ${current}, the study is at revision ${current + 1}`) });
    expect(stale.headers.etag).toBe(`"${current + 1}"`);
    expect((await del('cc-1', { 'if-match': String(current) })).statusCode).toBe(412);
    expect((await app.inject({ url: url('cc-1') })).json()).toMatchObject({ measurement: { label: 'target 1' } }); // the stale writes changed nothing
    expect(await revision()).toBe(current + 1);
    // The bare number and * are accepted too.
    expect((await put('cc-1', lengthMeasurement('cc-1'), { 'if-match': String(current + 1) })).statusCode).toBe(200);
    expect((await del('cc-1', { 'if-match': '*' })).statusCode).toBe(200);
  });

  it('refuses a malformed If-Match or X-Voxa-User with 400 VOXA_HTTP_BAD_HEADER naming the header', async () => {
    const ifMatch = await put('h-1', lengthMeasurement('h-1'), { 'if-match': 'W/"3"' });
    expect(ifMatch.statusCode).toBe(400);
    expect(ifMatch.json()).toMatchObject({ code: 'VOXA_HTTP_BAD_HEADER', message: expect.stringContaining('If-Match: expected') });
    const user = await put('h-1', lengthMeasurement('h-1'), { 'x-voxa-user': 'x'.repeat(129) });
    expect(user.statusCode).toBe(400);
    expect(user.json()).toMatchObject({ code: 'VOXA_HTTP_BAD_HEADER', message: expect.stringContaining('X-Voxa-User: expected') });
  });

  it('refuses a body that is not JSON (415) or not parseable (400 VOXA_HTTP_BAD_REQUEST)', async () => {
    const text = await app.inject({ method: 'PUT', url: url('j-1'), headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'VOXA_HTTP_UNSUPPORTED_MEDIA_TYPE' });
    const broken = await put('j-1', '{"id": "j-1",');
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'VOXA_HTTP_BAD_REQUEST' });
  });

  it('keeps measurements, revision and history when the store is closed and opened again', async () => {
    expect((await put('keep-1', lengthMeasurement('keep-1'), { 'x-voxa-user': 'dr.keep' })).statusCode).toBe(201);
    const before = await list();
    const history = (await app.inject({ url: `${url('keep-1')}/history` })).json();
    await app.close();
    store.close();

    await open();
    expect(await list()).toEqual(before);
    expect((await app.inject({ url: `${url('keep-1')}/history` })).json()).toEqual(history);
    const next = await put('keep-1', lengthMeasurement('keep-1', { label: 'after reopen' }), { 'if-match': `"${before.revision}"` });
    expect(next.statusCode).toBe(200);
    expect((next.json() as Json).revision).toBe(before.revision + 1);
  });
});
