import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import { startArchive, type TestArchive } from './util/archive.ts';
import { philipsCtImages, pydicomFile, stow, value } from './util/fixtures.ts';

type Item = Record<string, { vr: string; Value?: unknown[] }>;
const CT_STUDY = '1.3.46.670589.33.1.27492712521914879309.27169771283235650014';
const MR_STUDY = '1.3.6.1.4.1.5962.1.2.4.20040826185059.5457';

describe.runIf(HAS_SHARED)('QIDO-RS (PS3.18 §10.6) over a CT and an MR study', () => {
  let archive: TestArchive;
  const get = (url: string, accept = 'application/dicom+json') => archive.app.inject({ url: `/dicom-web${url}`, headers: { accept } });

  beforeAll(async () => {
    archive = await startArchive();
    expect((await stow(archive.app, [...philipsCtImages().map((f) => f.bytes), pydicomFile('MR_small.dcm')])).statusCode).toBe(200);
  });
  afterAll(() => archive?.close());

  it('finds the CT study by PatientID, with the default study attributes of Table 10.6.3-3 and a Retrieve URL', async () => {
    const res = await get('/studies?PatientID=PLASTIC');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/dicom\+json/);
    const [study, ...rest] = res.json() as Item[];
    expect(rest).toHaveLength(0);
    expect(value(study, '0020000D')).toBe(CT_STUDY);
    expect(study['00100010']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'HEAD' }] });
    expect(study['00080061']).toEqual({ vr: 'CS', Value: ['CT'] });
    expect(value(study, '00201206')).toBe(1); // NumberOfStudyRelatedSeries
    expect(value(study, '00201208')).toBe(28); // NumberOfStudyRelatedInstances
    expect(value(study, '00081190')).toBe(`http://localhost:80/dicom-web/studies/${CT_STUDY}`);
    expect(value(study, '00080020')).toBe('20150206');
  });

  it('finds studies by StudyDate range and by tag instead of keyword', async () => {
    const inRange = (await get('/studies?StudyDate=20150101-20151231')).json() as Item[];
    expect(inRange.map((s) => value(s, '0020000D'))).toEqual([CT_STUDY]);
    const openEnded = (await get('/studies?00080020=20040101-')).json() as Item[];
    expect(openEnded.map((s) => value(s, '0020000D')).sort()).toEqual([CT_STUDY, MR_STUDY].sort());
  });

  it('answers 204 without a body when nothing matches', async () => {
    const res = await get('/studies?StudyDate=19000101-19001231');
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
  });

  it('finds series by Modality, across studies and within one', async () => {
    const ct = (await get('/series?Modality=CT')).json() as Item[];
    expect(ct).toHaveLength(1);
    expect(value(ct[0], '00080060')).toBe('CT');
    expect(value(ct[0], '0020000D')).toBe(CT_STUDY);
    expect(value(ct[0], '00201209')).toBe(28);
    expect((await get(`/studies/${CT_STUDY}/series?Modality=MR`)).statusCode).toBe(204);
    expect((await get(`/studies/${MR_STUDY}/series?Modality=MR`)).json()).toHaveLength(1);
  });

  it('lists instances at every instance path, with limit and offset paging', async () => {
    const series = value((await get(`/studies/${CT_STUDY}/series`)).json()[0], '0020000E');
    const inSeries = (await get(`/studies/${CT_STUDY}/series/${series}/instances`)).json() as Item[];
    expect(inSeries).toHaveLength(28);
    expect(value(inSeries[0], '00280010')).toBe(512);
    expect((await get(`/studies/${CT_STUDY}/instances`)).json()).toHaveLength(28);
    expect((await get('/instances')).json()).toHaveLength(29);
    const page = await get(`/studies/${CT_STUDY}/instances?limit=10&offset=20`);
    expect(page.json()).toHaveLength(8);
    const first = await get(`/studies/${CT_STUDY}/instances?limit=5`);
    expect(first.json()).toHaveLength(5);
    expect(first.headers.warning).toMatch(/^299 /); // more results can be requested
  });

  it('returns what includefield asks for, by keyword, tag or all', async () => {
    const [withDescription] = (await get('/studies?PatientID=PLASTIC&includefield=StudyDescription')).json() as Item[];
    expect(value(withDescription, '00081030')).toBe('1A TRAUMA/PLAIN HEAD DM');
    const [byTag] = (await get('/studies?PatientID=PLASTIC&includefield=00081030')).json() as Item[];
    expect(value(byTag, '00081030')).toBe('1A TRAUMA/PLAIN HEAD DM');
    const [all] = (await get('/studies?PatientID=PLASTIC&includefield=all&fuzzymatching=false')).json() as Item[];
    expect(value(all, '00081030')).toBe('1A TRAUMA/PLAIN HEAD DM');
  });

  it('accepts application/json and */*, and answers 406 for other media types', async () => {
    expect((await get('/studies', 'application/json')).statusCode).toBe(200);
    expect((await get('/studies', '*/*')).statusCode).toBe(200);
    const xml = await get('/studies', 'multipart/related; type="application/dicom+xml"');
    expect(xml.statusCode).toBe(406);
    expect(xml.json().code).toBe('VOXA_HTTP_NOT_ACCEPTABLE');
  });

  it('answers 400 for an unknown attribute, a bad limit or offset, and a repeated key', async () => {
    const cases: Array<[string, string]> = [
      ['/studies?NoSuchAttribute=1', 'VOXA_HTTP_UNKNOWN_ATTRIBUTE'],
      ['/studies?includefield=Bogus', 'VOXA_HTTP_UNKNOWN_ATTRIBUTE'],
      ['/studies?limit=-1', 'VOXA_HTTP_BAD_QUERY'],
      ['/studies?limit=ten', 'VOXA_HTTP_BAD_QUERY'],
      ['/studies?offset=1.5', 'VOXA_HTTP_BAD_QUERY'],
      ['/studies?PatientID=A&PatientID=B', 'VOXA_HTTP_BAD_QUERY'],
      ['/studies?Rows=512', 'VOXA_HTTP_BAD_QUERY'], // an instance attribute at study level (the store refuses it)
    ];
    for (const [url, code] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe(code);
    }
  });
});
