import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import { startArchive, type TestArchive } from './util/archive.ts';
import { philipsCtImages, stow, value } from './util/fixtures.ts';
import { readMultipart } from './util/multipart.ts';

type Item = Record<string, { vr: string; Value?: unknown[]; BulkDataURI?: string; InlineBinary?: string }>;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.runIf(HAS_SHARED)('WADO-RS (PS3.18 §10.4) on the Philips CT study', () => {
  let archive: TestArchive;
  const files = HAS_SHARED ? philipsCtImages() : [];
  let refs: Array<{ url: string; sop: string; bytes: Buffer }> = [];
  let studyUrl = '';

  beforeAll(async () => {
    archive = await startArchive();
    const res = await stow(archive.app, files.map((f) => f.bytes));
    expect(res.statusCode).toBe(200);
    const referenced = res.json()['00081199'].Value as Item[];
    // Referenced items come in request order.
    refs = referenced.map((item, i) => ({ url: new URL(String(value(item, '00081190'))).pathname, sop: String(value(item, '00081155')), bytes: files[i].bytes }));
    studyUrl = new URL(String(value(res.json(), '00081190'))).pathname;
  });
  afterAll(() => archive?.close());

  it('returns each instance byte for byte as uploaded, as multipart/related; type="application/dicom"', async () => {
    for (const ref of refs) {
      const res = await archive.app.inject({ url: ref.url, headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=*' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
      const parts = readMultipart(res.headers['content-type'], res.rawPayload);
      expect(parts).toHaveLength(1);
      expect(parts[0].headers.get('content-type')).toBe('application/dicom; transfer-syntax=1.2.840.10008.1.2.1');
      expect(sha(parts[0].body)).toBe(sha(ref.bytes));
    }
  });

  it('returns the whole study (28 files) and the whole series, each file unchanged', async () => {
    const study = await archive.app.inject({ url: studyUrl });
    expect(study.statusCode).toBe(200);
    const parts = readMultipart(study.headers['content-type'], study.rawPayload);
    expect(parts.map((p) => sha(p.body)).sort()).toEqual(files.map((f) => sha(f.bytes)).sort());
    const seriesUrl = refs[0].url.replace(/\/instances\/[^/]+$/, '');
    const series = await archive.app.inject({ url: seriesUrl, headers: { accept: 'multipart/related; type="application/dicom"' } });
    expect(readMultipart(series.headers['content-type'], series.rawPayload)).toHaveLength(28);
  });

  it('gives the stored transfer syntax when asked for it, and 406 for one it would have to convert to', async () => {
    const same = await archive.app.inject({ url: refs[0].url, headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=1.2.840.10008.1.2.1' } });
    expect(same.statusCode).toBe(200);
    const other = await archive.app.inject({ url: refs[0].url, headers: { accept: 'multipart/related; type="application/dicom"; transfer-syntax=1.2.840.10008.1.2.4.90' } });
    expect(other.statusCode).toBe(406);
    expect(other.json().code).toBe('VOXA_HTTP_NOT_ACCEPTABLE');
    const notDicom = await archive.app.inject({ url: refs[0].url, headers: { accept: 'application/json' } });
    expect(notDicom.statusCode).toBe(406);
  });

  it('answers 404 with a JSON error for a study, series or instance it does not hold', async () => {
    const wrongSeries = refs[0].url.replace(/\/series\/[^/]+\//, '/series/1.2.3/');
    for (const url of ['/dicom-web/studies/1.2.3', `${refs[0].url.replace(/\/instances\/.*$/, '')}/instances/1.2.3`, '/dicom-web/studies/1.2.3/metadata', wrongSeries, `${wrongSeries}/metadata`, `${wrongSeries}/frames/1`]) {
      const res = await archive.app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('VOXA_HTTP_NOT_FOUND');
    }
  });

  it('gives study metadata as DICOM JSON: 28 instances, Rows/Columns 512, no Pixel Data, PN as Alphabetic', async () => {
    const res = await archive.app.inject({ url: `${studyUrl}/metadata`, headers: { accept: 'application/dicom+json' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/dicom\+json/);
    const instances = res.json() as Item[];
    expect(instances).toHaveLength(28);
    for (const item of instances) {
      expect(item['00280010']).toEqual({ vr: 'US', Value: [512] });
      expect(item['00280011']).toEqual({ vr: 'US', Value: [512] });
      expect(item['7FE00010']).toBeUndefined();
      expect(item['00020010']).toBeUndefined(); // no File Meta Information
      expect(item['00100010'].Value).toEqual([{ Alphabetic: 'HEAD' }]);
    }
    expect(new Set(instances.map((i) => value(i, '00080018')))).toEqual(new Set(refs.map((r) => r.sop)));
  });

  it('gives instance metadata whose bulk data URIs resolve to the value bytes', async () => {
    const res = await archive.app.inject({ url: `${refs[0].url}/metadata` });
    const [item] = res.json() as Item[];
    const bulk = Object.entries(item).filter(([, e]) => e.BulkDataURI);
    expect(bulk.map(([tag]) => tag)).toContain('01F71019'); // a 2160-byte Philips private OW value
    for (const [, element] of bulk) {
      const data = await archive.app.inject({ url: new URL(element.BulkDataURI!).pathname });
      expect(data.statusCode).toBe(200);
      const parts = readMultipart(data.headers['content-type'], data.rawPayload);
      expect(parts[0].body.length).toBeGreaterThan(1024);
    }
    for (const [, element] of Object.entries(item).filter(([, e]) => e.InlineBinary !== undefined)) {
      expect(Buffer.from(element.InlineBinary!, 'base64').length).toBeLessThanOrEqual(1024);
    }
  });
});
