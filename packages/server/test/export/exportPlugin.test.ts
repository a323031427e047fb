import { Writable } from 'node:stream';
import dcmjs from 'dcmjs';
import fastify, { type FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween, deidentify, parseDicom } from '@voxa/core';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import { createServer } from '../../src/createServer.ts';
import { exportPlugin } from '../../src/export/exportPlugin.ts';
import type { InstanceStore } from '../../src/store/InstanceStore.ts';
import { openSqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { CT_SMALL, MR_SMALL_BIG_ENDIAN, PHILIPS_SERIES, shared, sharedFolder, tempDataDir } from '../store/storeFixtures.ts';

const SECRET = 'export-test-site-secret';
const NAME = 'DOE^JANE^Q';
const PATIENT_ID = 'MRN0042ZZ';
/** Series B of the fixture study: its own UIDs, and its dates one week after series A. */
const SERIES_B = '1.2.826.0.1.3680043.9.7433.77.2';
const WEEK_LATER = '20150213';

type Dict = Record<string, { vr: string; Value: unknown[] }>;
const dcmjsData = (dcmjs as unknown as { data: { DicomMessage: { readFile(b: ArrayBuffer): { meta: Dict; dict: Dict; write(): ArrayBuffer } } } }).data;

/** A copy of a Part 10 file edited with dcmjs (meta SOP Instance UID kept in step). */
function edit(bytes: Uint8Array, change: (dict: Dict) => void): Uint8Array {
  const file = dcmjsData.DicomMessage.readFile(bytes.slice().buffer);
  change(file.dict);
  file.meta['00020003'] = { vr: 'UI', Value: [file.dict['00080018'].Value[0]] };
  delete (file.meta as Record<string, unknown>)['00020000'];
  return new Uint8Array(file.write());
}

/**
 * One study of two series (Philips CT I10…I40 as series A; three of them again as series B with
 * new series/SOP UIDs and dates a week later), all with a distinctive patient name and ID.
 */
function fixtureStudy(): Uint8Array[] {
  const images = sharedFolder(PHILIPS_SERIES).filter((f) => /^I\d+$/.test(f.name)).slice(0, 4);
  const patient = (d: Dict) => {
    d['00100010'] = { vr: 'PN', Value: [{ Alphabetic: NAME }] };
    d['00100020'] = { vr: 'LO', Value: [PATIENT_ID] };
  };
  const a = images.map((f) => edit(f.bytes, patient));
  const b = images.slice(0, 3).map((f, i) =>
    edit(f.bytes, (d) => {
      patient(d);
      d['0020000E'] = { vr: 'UI', Value: [SERIES_B] };
      d['00080018'] = { vr: 'UI', Value: [`${SERIES_B}.${i + 1}`] };
      for (const tag of ['00080021', '00080022', '00080023']) d[tag] = { vr: 'DA', Value: [WEEK_LATER] };
      d['0008002A'] = { vr: 'DT', Value: [`${WEEK_LATER}092921`] };
    }),
  );
  return [...a, ...b];
}

function text(ds: ReturnType<typeof parseDicom>['dataSet'], tag: string): string {
  return (ds.string(tag) ?? '').trim();
}

function unzip(body: Buffer): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(body));
}

describe.runIf(HAS_SHARED)('export route /voxa/export (ZIP of Part 10 files, optionally de-identified)', () => {
  let store: InstanceStore;
  let app: FastifyInstance;
  let noSecret: FastifyInstance;
  let cleanup: () => Promise<void>;
  const files = HAS_SHARED ? fixtureStudy() : [];
  let study = '';
  let seriesA = '';
  const originals = new Map<string, Uint8Array>(); // original SOP UID → bytes

  beforeAll(async () => {
    const temp = await tempDataDir();
    cleanup = temp.cleanup;
    store = await openSqliteFileStore(temp.dir);
    for (const f of [...files, shared(CT_SMALL), shared(MR_SMALL_BIG_ENDIAN)]) expect((await store.put(f)).status).toBe('stored');
    for (const f of files) {
      const ds = parseDicom(f).dataSet;
      originals.set(text(ds, 'x00080018'), f);
      study = text(ds, 'x0020000d');
      if (text(ds, 'x0020000e') !== SERIES_B) seriesA = text(ds, 'x0020000e');
    }
    app = await createServer({ store, deidSecret: SECRET });
    noSecret = await createServer({ store });
  });
  afterAll(async () => {
    await app?.close();
    await noSecret?.close();
    store?.close();
    await cleanup?.();
  });

  it('exports a study as a ZIP holding every instance byte for byte, at <Study>/<Series>/<SOP>.dcm', async () => {
    const res = await app.inject({ url: `/voxa/export/studies/${study}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${study}.zip"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const zip = unzip(res.rawPayload);
    expect(Object.keys(zip)).toHaveLength(files.length); // the other studies of the archive are not in it, nor any notes
    for (const [sop, bytes] of originals) {
      const series = text(parseDicom(bytes).dataSet, 'x0020000e');
      const entry = zip[`${study}/${series}/${sop}.dcm`];
      expect(entry, sop).toBeDefined();
      expect(Buffer.compare(entry, bytes)).toBe(0);
    }
    // deid=false is the same as no parameter.
    expect((await noSecret.inject({ url: `/voxa/export/studies/${study}?deid=false` })).rawPayload.length).toBe(res.rawPayload.length);
  });

  it('exports one series of the study', async () => {
    const res = await app.inject({ url: `/voxa/export/studies/${study}/series/${SERIES_B}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${SERIES_B}.zip"`);
    expect(Object.keys(unzip(res.rawPayload)).sort()).toEqual([1, 2, 3].map((i) => `${study}/${SERIES_B}/${SERIES_B}.${i}.dcm`));
  });

  describe('with ?deid=true', () => {
    let zip: Record<string, Uint8Array> = {};
    let disposition = '';

    beforeAll(async () => {
      const res = await app.inject({ url: `/voxa/export/studies/${study}?deid=true` });
      expect(res.statusCode).toBe(200);
      disposition = String(res.headers['content-disposition']);
      zip = unzip(res.rawPayload);
    });

    const dicomEntries = () => Object.entries(zip).filter(([path]) => path.endsWith('.dcm'));

    it('replaces Patient Name and ID by the same pseudonym in every file', () => {
      expect(dicomEntries()).toHaveLength(files.length);
      const pseudonyms = new Set<string>();
      for (const [, bytes] of dicomEntries()) {
        const ds = parseDicom(bytes).dataSet;
        expect(text(ds, 'x00100020')).toMatch(/^VX[A-Z2-7]{16}$/); // pseudonymousPatientId: 'VX' + 16 base32 digits
        expect(text(ds, 'x00100010')).toBe(text(ds, 'x00100020'));
        expect(text(ds, 'x00120062')).toBe('YES'); // Patient Identity Removed
        pseudonyms.add(text(ds, 'x00100020'));
      }
      expect(pseudonyms.size).toBe(1);
    });

    it('gives all files one new Study UID, one new Series UID per original series, new SOP UIDs, and names the paths (and the ZIP) by them', () => {
      const studies = new Set<string>(), series = new Set<string>(), sops = new Set<string>();
      for (const [path, bytes] of dicomEntries()) {
        const ds = parseDicom(bytes).dataSet;
        const [st, se, sop] = [text(ds, 'x0020000d'), text(ds, 'x0020000e'), text(ds, 'x00080018')];
        expect(path).toBe(`${st}/${se}/${sop}.dcm`);
        for (const uid of [st, se, sop]) expect(uid).toMatch(/^2\.25\.[1-9]\d{0,38}$/);
        studies.add(st);
        series.add(se);
        sops.add(sop);
      }
      expect(studies.size).toBe(1);
      expect([...studies][0]).not.toBe(study);
      expect(series.size).toBe(2);
      expect(sops.size).toBe(files.length);
      expect(disposition).toBe(`attachment; filename="${[...studies][0]}.zip"`);
    });

    it('moves every date by the same number of days, so the week between the two series stays a week', () => {
      const filesPerContentDate = new Map<string, number>();
      let shift: number | undefined;
      for (const [, bytes] of dicomEntries()) {
        const ds = parseDicom(bytes).dataSet;
        const studyShift = daysBetween('20150206', text(ds, 'x00080020'));
        shift ??= studyShift;
        expect(studyShift).toBe(shift);
        const content = text(ds, 'x00080023');
        filesPerContentDate.set(content, (filesPerContentDate.get(content) ?? 0) + 1);
      }
      expect(shift).toBeLessThanOrEqual(-365); // DEID_DEFAULTS.dateShift: one to ten years back
      expect(shift).toBeGreaterThanOrEqual(-3650);
      const [first, second] = [...filesPerContentDate.keys()].sort();
      expect(filesPerContentDate.size).toBe(2);
      expect(daysBetween(first, second)).toBe(7);
      expect(daysBetween('20150206', first)).toBe(shift); // series A's Content Date was the Study Date
      expect([filesPerContentDate.get(first), filesPerContentDate.get(second)]).toEqual([4, 3]); // series A, series B
    });

    it('leaves no original name, ID, UID or date anywhere in the bytes of the archive', () => {
      const all = Buffer.concat(Object.values(zip).map((b) => Buffer.from(b))).toString('latin1');
      const paths = Object.keys(zip).join('\n');
      const identifying = [NAME, 'DOE', PATIENT_ID, study, seriesA, SERIES_B, ...originals.keys(), '20150206', WEEK_LATER];
      for (const value of identifying) {
        expect(all, value).not.toContain(value);
        expect(paths, value).not.toContain(value);
      }
    });

    it('writes each file exactly as core deidentify does (the same function as `voxa deid`)', async () => {
      const [sop, bytes] = [...originals][0];
      const direct = await deidentify(bytes, { secret: SECRET });
      expect(direct.sopInstanceUid).not.toBe(sop);
      expect(Buffer.compare(zip[`${direct.studyInstanceUid}/${direct.seriesInstanceUid}/${direct.sopInstanceUid}.dcm`], direct.bytes)).toBe(0);
    });

    it('adds EXPORT-NOTES.txt warning about burned-in text (Burned In Annotation is absent in these files), without patient data', () => {
      const notes = Object.entries(zip).find(([path]) => path.endsWith('/EXPORT-NOTES.txt'));
      expect(notes).toBeDefined();
      const body = new TextDecoder().decode(notes![1]);
      expect(body).toContain(`${files.length} instance(s) written, 0 left out`);
      expect(body).toMatch(/Warning: 7 instance\(s\) have Burned In Annotation/);
      for (const value of [NAME, PATIENT_ID, study]) expect(body).not.toContain(value);
    });

    it('gives the same paths on every export (pseudonyms keyed by the site secret)', async () => {
      const again = unzip((await app.inject({ url: `/voxa/export/studies/${study}?deid=true` })).rawPayload);
      expect(Object.keys(again).sort()).toEqual(Object.keys(zip).sort());
    });
  });

  it('leaves out an instance it cannot de-identify and lists it, by its new UID, in EXPORT-NOTES.txt', async () => {
    const big = parseDicom(shared(MR_SMALL_BIG_ENDIAN)).dataSet;
    const [bigStudy, bigSop] = [text(big, 'x0020000d'), text(big, 'x00080018')];
    const res = await app.inject({ url: `/voxa/export/studies/${bigStudy}?deid=true` });
    expect(res.statusCode).toBe(200);
    const zip = unzip(res.rawPayload);
    const paths = Object.keys(zip);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/^2\.25\.\d+\/EXPORT-NOTES\.txt$/);
    const notes = new TextDecoder().decode(zip[paths[0]]);
    expect(notes).toMatch(/0 instance\(s\) written, 1 left out/);
    expect(notes).toMatch(/ {2}2\.25\.\d+: VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX, The transfer syntax is not supported/);
    expect(notes).not.toContain(bigSop);
    expect(notes).not.toContain(bigStudy);
  });

  it('refuses ?deid=true with VOXA_HTTP_DEID_NOT_CONFIGURED (501) when the server has no site secret, saying how to set one', async () => {
    const res = await noSecret.inject({ url: `/voxa/export/studies/${study}?deid=true` });
    expect(res.statusCode).toBe(501);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body.code).toBe('VOXA_HTTP_DEID_NOT_CONFIGURED');
    expect(body.message).toContain('--deid-secret-file');
    expect(body.message).toContain('VOXA_DEID_SECRET');
    const series = await noSecret.inject({ url: `/voxa/export/studies/${study}/series/${SERIES_B}?deid=true` });
    expect(series.json().code).toBe('VOXA_HTTP_DEID_NOT_CONFIGURED');
  });

  it('answers 404 VOXA_HTTP_NOT_FOUND for a study or series the archive does not hold, and for other paths', async () => {
    for (const url of ['/voxa/export/studies/1.2.3', `/voxa/export/studies/${study}/series/1.2.3`, '/voxa/export/studies/1.2.3?deid=true', '/voxa/export/nothing']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('VOXA_HTTP_NOT_FOUND');
    }
  });

  it('refuses a malformed UID (400 VOXA_HTTP_BAD_UID), and a misspelt or malformed deid parameter (400 VOXA_HTTP_BAD_QUERY) rather than export identifiable data', async () => {
    expect((await app.inject({ url: '/voxa/export/studies/1.2.x' })).json().code).toBe('VOXA_HTTP_BAD_UID');
    for (const query of ['deidentify=true', 'deid=yes', 'deid=true&anonymize=1']) {
      const res = await app.inject({ url: `/voxa/export/studies/${study}?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code, query).toBe('VOXA_HTTP_BAD_QUERY');
    }
  });

  it('writes no patient name, ID or original UID to the log, at info level, also when it leaves instances out', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = fastify({ logger: { level: 'info', stream } });
    await logged.register(exportPlugin, { prefix: '/voxa/export', store, deidSecret: SECRET });
    try {
      const big = parseDicom(shared(MR_SMALL_BIG_ENDIAN)).dataSet;
      expect((await logged.inject({ url: `/voxa/export/studies/${study}?deid=true` })).statusCode).toBe(200);
      expect((await logged.inject({ url: `/voxa/export/studies/${text(big, 'x0020000d')}?deid=true` })).statusCode).toBe(200);
      const log = lines.join('');
      expect(log).toContain('export left out instances'); // the failure is logged, by code…
      expect(log).toContain('VOXA_ERR_UNSUPPORTED_TRANSFER_SYNTAX');
      for (const value of [NAME, PATIENT_ID, text(big, 'x00100010'), text(big, 'x00100020'), text(big, 'x00080018')]) expect(log).not.toContain(value); // …without patient data
    } finally {
      await logged.close();
    }
  });
});
