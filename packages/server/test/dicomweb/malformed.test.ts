import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import { startArchive, type TestArchive } from './util/archive.ts';
import { MULTIPART_DICOM, pydicomFile, stow } from './util/fixtures.ts';
import { BOUNDARY, buildMultipart } from './util/multipart.ts';

const MR = HAS_SHARED ? pydicomFile('MR_small.dcm') : Buffer.alloc(0);
const MAX_UPLOAD = 256 * 1024;

describe.runIf(HAS_SHARED)('hostile and malformed requests', () => {
  let archive: TestArchive;
  const post = (contentType: string | undefined, payload: Buffer | string, extra: Record<string, string> = {}) =>
    archive.app.inject({ method: 'POST', url: '/dicom-web/studies', headers: { ...(contentType ? { 'content-type': contentType } : {}), ...extra }, payload });

  beforeAll(async () => {
    archive = await startArchive({ maxUploadBytes: MAX_UPLOAD, maxParts: 4 });
  });
  afterAll(() => archive?.close());

  it('answers 400 VOXA_HTTP_MULTIPART_MALFORMED for multipart/related without a boundary', async () => {
    const res = await post('multipart/related; type="application/dicom"', buildMultipart([MR]));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ code: 'VOXA_HTTP_MULTIPART_MALFORMED', message: expect.stringContaining('boundary') });
  });

  it('parses the boundary quoted or not, and parts without a type parameter', async () => {
    for (const contentType of [`multipart/related; type="application/dicom"; boundary="${BOUNDARY}"`, `multipart/related; boundary=${BOUNDARY}`, `Multipart/Related;boundary=${BOUNDARY};type=application/dicom`]) {
      const res = await post(contentType, buildMultipart([MR]));
      expect(res.statusCode, contentType).toBe(200);
    }
  });

  it('answers 400 for a body that is cut off, has no parts, or does not use the declared boundary', async () => {
    const body = buildMultipart([MR]);
    for (const payload of [body.subarray(0, body.length - 20), Buffer.from(`--${BOUNDARY}--\r\n`), buildMultipart([MR], 'another-boundary')]) {
      const res = await post(MULTIPART_DICOM, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VOXA_HTTP_MULTIPART_MALFORMED');
    }
  });

  it('answers 415 for a content type other than multipart/related; type="application/dicom"', async () => {
    const cases: Array<[string | undefined, string | Buffer]> = [
      ['application/json', '{"a":1}'],
      ['application/dicom', MR],
      ['text/plain', 'hello'],
      [`multipart/related; type="application/dicom+json"; boundary=${BOUNDARY}`, buildMultipart([{ body: Buffer.from('[]'), contentType: 'application/dicom+json' }])],
    ];
    for (const [contentType, payload] of cases) {
      const res = await post(contentType, payload);
      expect(res.statusCode, contentType).toBe(415);
      expect(res.json().code, contentType).toBe('VOXA_HTTP_UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('fails a part that is not DICOM with Failure Reason C000H (409 when it is the only one)', async () => {
    const res = await stow(archive.app, [Buffer.from('GIF89a, not DICOM')]);
    expect(res.statusCode).toBe(409);
    expect(res.json()['00081198'].Value[0]['00081197']).toEqual({ vr: 'US', Value: [0xc000] });
  });

  it('fails a part whose Content-Type is not application/dicom, stores the others (202)', async () => {
    const res = await post(MULTIPART_DICOM, buildMultipart([MR, { body: Buffer.from('x'), contentType: 'text/plain' }]));
    expect(res.statusCode).toBe(202);
  });

  it('answers 413 for a body over maxUploadBytes, a declared Content-Length over it, and too many parts', async () => {
    const big = await post(MULTIPART_DICOM, buildMultipart([Buffer.alloc(MAX_UPLOAD + 1)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('VOXA_HTTP_PAYLOAD_TOO_LARGE');
    const declared = await post(MULTIPART_DICOM, buildMultipart([MR]), { 'content-length': String(2 ** 40) });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().code).toBe('VOXA_HTTP_PAYLOAD_TOO_LARGE');
    const many = await post(MULTIPART_DICOM, buildMultipart([MR, MR, MR, MR, MR]));
    expect(many.statusCode).toBe(413);
    expect(many.json().code).toBe('VOXA_HTTP_TOO_MANY_PARTS');
  });

  it('answers 400 VOXA_HTTP_BAD_UID for path tricks and non-UIDs in any UID position', async () => {
    const urls = [
      '/dicom-web/studies/..%2Fetc',
      '/dicom-web/studies/..%2F..%2Fetc%2Fpasswd/metadata',
      '/dicom-web/studies/1.2.abc',
      '/dicom-web/studies/1.2.abc/series',
      '/dicom-web/studies/1.2/series/1.2.abc',
      '/dicom-web/studies/1.2/series/1.3/instances/1..4',
      '/dicom-web/studies/1.2/series/1.3/instances/1.4%00/frames/1',
      `/dicom-web/studies/${'1.'.repeat(40)}1`,
    ];
    for (const url of urls) {
      const res = await archive.app.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe('VOXA_HTTP_BAD_UID');
    }
    // inject() resolves unencoded dot segments like a browser; what remains names no resource.
    for (const url of ['/dicom-web/studies/../etc', '/dicom-web/studies/1.2/series/1.3/instances/..']) {
      const res = await archive.app.inject({ url });
      expect([400, 404], url).toContain(res.statusCode);
    }
  });

  it('answers 400 for a raw, unnormalised ../ path on a real socket', async () => {
    const address = new URL(await archive.app.listen({ host: '127.0.0.1', port: 0 }));
    // '..' lands in a UID parameter (400); '/studies/../etc' matches no route at all (404).
    for (const path of ['/dicom-web/studies/..', '/dicom-web/studies/../metadata', '/dicom-web/studies/1.2/series/../instances']) {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: address.hostname, port: address.port, path }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status, path).toBe(400);
      expect(JSON.parse(body).code, path).toBe('VOXA_HTTP_BAD_UID');
    }
  });

  it('still answers normally after all of the above', async () => {
    const res = await archive.app.inject({ url: '/dicom-web/studies', headers: { accept: 'application/dicom+json' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().length).toBeGreaterThan(0);
    const unknown = await archive.app.inject({ url: '/dicom-web/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('VOXA_HTTP_NOT_FOUND');
  });
});
