import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import { createServer } from '../../src/createServer.ts';
import { fhirPlugin, type FhirPluginOptions } from '../../src/fhir/fhirPlugin.ts';
import { openSqliteFileStore, type SqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { withElement } from '../store/editDicom.ts';
import { CT_SMALL, GE_SERIES, MR_SMALL, shared, sharedFolder, tempDataDir } from '../store/storeFixtures.ts';
import { validateFhir } from './util/fhirSchema.ts';

/** Study Instance UIDs of the fixture files. */
const CT = '1.3.6.1.4.1.5962.1.2.1.20040119072730.12322'; // CT_small: 1CT1, CompressedSamples^CT1, 20040119 072730 -0500, 1 CT image
const MR = '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457'; // MR_small, edited below into patient 1CT1 with an accession number
const GE = '1.2.826.0.1.3680043.9.4245.1760717064491086528325869788156915668'; // 28 CT images, QMNx85rKkkg, no StudyDate, HEAD
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

type Json = Record<string, any>;

describe.runIf(HAS_SHARED)('FHIR R4 ImagingStudy over the archive index', () => {
  let store: SqliteFileStore;
  let cleanup: () => Promise<void> = async () => {};
  const apps: FastifyInstance[] = [];

  async function fhirApp(options: Omit<FhirPluginOptions, 'store'> = {}): Promise<FastifyInstance> {
    const app = fastify({ logger: false });
    await app.register(fhirPlugin, { prefix: '/fhir', store, ...options });
    await app.ready();
    apps.push(app);
    return app;
  }
  let app: FastifyInstance;
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers: { accept: 'application/fhir+json', ...headers } });

  beforeAll(async () => {
    const data = await tempDataDir();
    cleanup = data.cleanup;
    store = await openSqliteFileStore(data.dir);
    let mr = withElement(shared(MR_SMALL), 'x00100020', '1CT1');
    mr = withElement(mr, 'x00080050', 'ACC-42');
    mr = withElement(mr, 'x00080090', 'Hart^Ann^^Dr');
    for (const bytes of [shared(CT_SMALL), mr, ...sharedFolder(GE_SERIES).map((f) => f.bytes)]) expect((await store.put(bytes)).status).toBe('stored');
    app = await fhirApp();
  });

  afterAll(async () => {
    for (const a of apps) await a.close();
    store?.close();
    await cleanup();
  });

  it('reads a study as an ImagingStudy whose UIDs, counts, date and patient are the stored ones', async () => {
    const res = await get(`/fhir/ImagingStudy/${CT}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(FHIR_JSON);
    const study = res.json() as Json;
    expect(validateFhir(study)).toEqual([]);
    const [stored] = store.listInstances(CT);
    expect(study).toMatchObject({
      resourceType: 'ImagingStudy',
      id: CT,
      identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${CT}` }],
      status: 'available',
      modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' }],
      subject: { reference: 'Patient/1CT1', identifier: { value: '1CT1' }, display: 'CT1 CompressedSamples' },
      started: '2004-01-19T07:27:30-05:00', // StudyDate, StudyTime and Timezone Offset From UTC of CT_small
      numberOfSeries: 1,
      numberOfInstances: 1,
      endpoint: [{ reference: '#wado-rs' }],
    });
    expect(study.contained[0]).toMatchObject({ resourceType: 'Endpoint', address: 'http://localhost:80/dicom-web' });
    expect(study.series).toEqual([expect.objectContaining({
      uid: stored.seriesInstanceUid,
      number: 1,
      modality: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' },
      numberOfInstances: 1,
      instance: [{ uid: stored.sopInstanceUid, sopClass: { system: 'urn:ietf:rfc:3986', code: `urn:oid:${stored.sopClassUid}` }, number: 1 }],
    })]);
  });

  it('lists every stored instance of a 28-image series, with body part and without a start for a study without StudyDate', async () => {
    const study = (await get(`/fhir/ImagingStudy/${GE}`)).json() as Json;
    expect(validateFhir(study)).toEqual([]);
    const stored = store.listInstances(GE);
    expect(stored).toHaveLength(28);
    expect(study.numberOfInstances).toBe(28);
    expect(study.started).toBeUndefined();
    expect(study.description).toBe('HEAD');
    const [series] = study.series;
    expect(series).toMatchObject({ uid: stored[0].seriesInstanceUid, number: 2, numberOfInstances: 28, bodySite: { display: 'HEAD' } });
    expect(series.instance.map((i: Json) => i.uid).sort()).toEqual(stored.map((s) => s.sopInstanceUid).sort());
  });

  it('gives the accession number as an ACSN identifier and the referring physician as referrer', async () => {
    const study = (await get(`/fhir/ImagingStudy/${MR}`)).json() as Json;
    expect(validateFhir(study)).toEqual([]);
    expect(study.identifier[1]).toEqual({ use: 'usual', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'ACSN' }] }, value: 'ACC-42' });
    expect(study.referrer).toEqual({ display: 'Dr Ann Hart' });
    expect(study.started).toBe('2004-08-26T18:50:59-04:00');
  });

  it('answers an unknown study with 404 and a well-formed id that is no UID with 404, both as OperationOutcome', async () => {
    for (const id of ['1.2.3.4.5', 'not-a-uid']) {
      const res = await get(`/fhir/ImagingStudy/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe(FHIR_JSON);
      expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found', details: { coding: [{ code: 'VOXA_FHIR_NOT_FOUND' }] } }] });
      expect(validateFhir(res.json()), id).toEqual([]);
    }
  });

  it('answers a malformed id with 400 OperationOutcome', async () => {
    for (const id of ['bad_id!', 'x'.repeat(65)]) {
      const res = await get(`/fhir/ImagingStudy/${id}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'value', details: { coding: [{ code: 'VOXA_FHIR_BAD_ID' }] } }] });
      expect(validateFhir(res.json()), id).toEqual([]);
    }
  });

  const ids = (bundle: Json) => bundle.entry.map((e: Json) => e.resource.id).sort();

  it('finds both studies of a patient, and not another patient\'s, in a searchset Bundle', async () => {
    const res = await get('/fhir/ImagingStudy?patient=Patient/1CT1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(FHIR_JSON);
    const bundle = res.json() as Json;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(validateFhir(bundle)).toEqual([]);
    expect(ids(bundle)).toEqual([CT, MR].sort());
    for (const entry of bundle.entry) {
      expect(entry.fullUrl).toBe(`http://localhost:80/fhir/ImagingStudy/${entry.resource.id}`);
      expect(entry.search).toEqual({ mode: 'match' });
    }
    const other = (await get('/fhir/ImagingStudy?patient=QMNx85rKkkg')).json() as Json;
    expect(ids(other)).toEqual([GE]);
  });

  it('accepts the patient as Patient/<id>, a bare id, or patient.identifier with or without a system', async () => {
    for (const query of ['patient=1CT1', 'patient.identifier=1CT1', 'patient.identifier=%7C1CT1']) {
      expect(ids((await get(`/fhir/ImagingStudy?${query}`)).json()), query).toEqual([CT, MR].sort());
    }
    // The studies' patient has no Issuer of Patient ID, so no identifier system matches.
    expect((await get('/fhir/ImagingStudy?patient.identifier=urn:oid:1.2.3%7C1CT1')).json()).toMatchObject({ total: 0, entry: [] });
    // '*' is a literal character in FHIR, not the index's wildcard.
    expect((await get('/fhir/ImagingStudy?patient=1CT*')).json()).toMatchObject({ total: 0, entry: [] });
  });

  it('finds a study by its Study Instance UID identifier, by accession number, and by modality', async () => {
    for (const identifier of [`urn:dicom:uid%7Curn:oid:${CT}`, `urn:oid:${CT}`, CT]) {
      expect(ids((await get(`/fhir/ImagingStudy?identifier=${identifier}`)).json())).toEqual([CT]);
    }
    expect(ids((await get('/fhir/ImagingStudy?identifier=ACC-42')).json())).toEqual([MR]);
    expect(ids((await get('/fhir/ImagingStudy?identifier=http://other%7CACC-42')).json())).toEqual([]);
    expect(ids((await get('/fhir/ImagingStudy?patient=1CT1&modality=MR')).json())).toEqual([MR]);
  });

  it('pages with _count and _getpagesoffset through next and previous links', async () => {
    const first = (await get('/fhir/ImagingStudy?patient=1CT1&_count=1')).json() as Json;
    expect(first.total).toBe(2);
    expect(first.entry).toHaveLength(1);
    const next = first.link.find((l: Json) => l.relation === 'next').url as string;
    expect(next).toBe('http://localhost:80/fhir/ImagingStudy?patient=1CT1&_count=1&_getpagesoffset=1');
    const second = (await get(new URL(next).pathname + new URL(next).search)).json() as Json;
    expect(second.entry).toHaveLength(1);
    expect(validateFhir(first)).toEqual([]);
    expect(validateFhir(second)).toEqual([]);
    expect(second.link.map((l: Json) => l.relation)).toEqual(['self', 'previous']);
    expect([...ids(first), ...ids(second)].sort()).toEqual([CT, MR].sort());
  });

  it('refuses unknown, repeated and malformed search parameters with 400 OperationOutcome, or ignores unknown ones when lenient', async () => {
    const unknown = await get('/fhir/ImagingStudy?patient=1CT1&started=ge2004');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-supported', details: { coding: [{ code: 'VOXA_FHIR_UNKNOWN_PARAMETER' }] } }] });
    expect(validateFhir(unknown.json())).toEqual([]);
    const lenient = await get('/fhir/ImagingStudy?patient=1CT1&started=ge2004', { prefer: 'handling=lenient' });
    expect(lenient.json()).toMatchObject({ total: 2, link: [{ relation: 'self', url: 'http://localhost:80/fhir/ImagingStudy?patient=1CT1&_count=20&_getpagesoffset=0' }] });
    for (const query of ['patient=1CT1&patient=4MR1', '_count=-1', 'patient=A,B']) {
      const res = await get(`/fhir/ImagingStudy?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().issue[0].details.coding[0].code, query).toBe('VOXA_FHIR_BAD_SEARCH');
    }
  });

  it('answers 406 for other formats and 404 OperationOutcome for resource types it does not serve', async () => {
    expect((await get(`/fhir/ImagingStudy/${CT}`, { accept: 'application/fhir+xml' })).statusCode).toBe(406);
    expect((await get(`/fhir/ImagingStudy/${CT}?_format=xml`)).statusCode).toBe(406);
    const json = await get(`/fhir/ImagingStudy/${CT}`, { accept: 'application/json' });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const patient = await get('/fhir/Patient/1CT1');
    expect(patient.statusCode).toBe(404);
    expect(patient.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-supported' }] });
    expect(validateFhir(patient.json())).toEqual([]);
  });

  it('describes itself in a CapabilityStatement: R4, ImagingStudy read and search with its parameters', async () => {
    const res = await get('/fhir/metadata');
    expect(res.headers['content-type']).toBe(FHIR_JSON);
    const statement = res.json() as Json;
    expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'] });
    expect(validateFhir(statement)).toEqual([]);
    const [resource] = statement.rest[0].resource;
    expect(resource.type).toBe('ImagingStudy');
    expect(resource.interaction).toEqual([{ code: 'read' }, { code: 'search-type' }]);
    expect(resource.searchParam.map((p: Json) => p.name)).toEqual(['patient', 'identifier', 'modality']);
  });

  it('leaves out total and adds a warning outcome when more studies match than it collects', async () => {
    const capped = await fhirApp({ maxMatches: 2, dicomWebPrefix: false });
    const bundle = (await capped.inject({ url: '/fhir/ImagingStudy' })).json() as Json;
    expect(bundle.total).toBeUndefined();
    expect(bundle.entry.filter((e: Json) => e.search.mode === 'match')).toHaveLength(2);
    expect(bundle.entry.at(-1)).toMatchObject({ resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'too-costly' }] }, search: { mode: 'outcome' } });
    expect(bundle.entry[0].resource.endpoint).toBeUndefined();
    expect(validateFhir(bundle)).toEqual([]);
  });

  it('has a FHIR schema check that catches a broken resource, alone and inside a searchset Bundle', async () => {
    const study = (await get(`/fhir/ImagingStudy/${CT}`)).json() as Json;
    const bundle = (await get('/fhir/ImagingStudy?patient=1CT1')).json() as Json;
    expect(validateFhir(study)).toEqual([]);
    expect(validateFhir({ ...study, status: 'bogus' })).toEqual([expect.stringMatching(/^\/status must be equal to one of the allowed values/)]);
    const { modality, ...seriesWithoutModality } = study.series[0];
    expect(modality).toBeDefined();
    expect(validateFhir({ ...study, series: [seriesWithoutModality] })).toEqual(["/series/0 must have required property 'modality'"]);
    expect(validateFhir({ ...study, started: '2004-01-19T07:27:30' })).toEqual([expect.stringMatching(/^\/started must match pattern/)]); // a time needs a zone
    expect(validateFhir({ ...study, numberOfSeries: '1' })).toEqual(['/numberOfSeries must be number']);
    expect(validateFhir({ ...study, seriesCount: 1 })).toEqual(['(root) must NOT have additional properties: seriesCount']);
    const entry = bundle.entry[0];
    expect(validateFhir({ ...bundle, entry: [{ ...entry, resource: { ...entry.resource, status: 'bogus' } }] })).toEqual([expect.stringMatching(/^\/entry\/0\/resource\/status must be equal to one of/)]);
    expect(validateFhir({ ...bundle, type: 'search' })).not.toEqual([]);
    expect(validateFhir({ resourceType: 'ImagingStudies' })).not.toEqual([]);
  });

  it('refuses a malformed defaultUtcOffset when registered', async () => {
    const bad = fastify({ logger: false });
    await expect(bad.register(fhirPlugin, { prefix: '/fhir', store, defaultUtcOffset: '+25:00' }).ready()).rejects.toThrow(/defaultUtcOffset/);
    await bad.close().catch(() => {});
  });

  it('is served by createServer under /fhir', async () => {
    const server = await createServer({ store });
    apps.push(server);
    const res = await server.inject({ url: `/fhir/ImagingStudy/${CT}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(CT);
  });
});
