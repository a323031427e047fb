import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameBytes, parseDicom, readPixelDescription } from '@voxa/core';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import { startArchive, type TestArchive } from './util/archive.ts';
import { pydicomFile, stow, value } from './util/fixtures.ts';
import { readMultipart } from './util/multipart.ts';

const OCTET = 'multipart/related; type="application/octet-stream"';

/** The native pixel bytes of pydicom's MR_small.dcm (64×64, 16-bit signed, Explicit VR Little Endian). */
function nativePixels(): Buffer {
  const { dataSet } = parseDicom(pydicomFile('MR_small.dcm'));
  const el = dataSet.elements.x7fe00010;
  return Buffer.from(dataSet.byteArray.subarray(el.dataOffset, el.dataOffset + el.length));
}

/** Each variant in its own archive: pydicom gives them all the same SOP Instance UID. */
async function archiveWith(file: string): Promise<{ archive: TestArchive; url: string }> {
  const archive = await startArchive();
  const res = await stow(archive.app, [pydicomFile(file)]);
  expect(res.statusCode).toBe(200);
  return { archive, url: new URL(String(value(res.json()['00081199'].Value[0], '00081190'))).pathname };
}

describe.runIf(HAS_SHARED)('WADO-RS frames (PS3.18 §10.4.1.1.6) of pydicom MR_small variants', () => {
  const archives: TestArchive[] = [];
  const urls: Record<string, string> = {};
  beforeAll(async () => {
    for (const file of ['MR_small.dcm', 'MR_small_jp2klossless.dcm', 'MR_small_bigendian.dcm', 'MR_small_RLE.dcm']) {
      const { archive, url } = await archiveWith(file);
      archives.push(archive);
      urls[file] = url;
    }
  });
  afterAll(async () => {
    for (const a of archives) await a.close();
  });
  const inject = (file: string, path: string, accept?: string) =>
    archives[Object.keys(urls).indexOf(file)].app.inject({ url: `${urls[file]}${path}`, headers: accept ? { accept } : {} });

  it('sends the native frame of MR_small.dcm byte for byte as application/octet-stream', async () => {
    const res = await inject('MR_small.dcm', '/frames/1', OCTET);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^multipart\/related; type="application\/octet-stream"; boundary=/);
    const parts = readMultipart(res.headers['content-type'], res.rawPayload);
    expect(parts).toHaveLength(1);
    expect(parts[0].headers.get('content-type')).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1');
    expect(Buffer.from(parts[0].body).equals(nativePixels())).toBe(true);
    expect(parts[0].body.length).toBe(64 * 64 * 2);
  });

  it('decodes the lossless JPEG 2000 frame to the same native values when octet-stream is asked for', async () => {
    const res = await inject('MR_small_jp2klossless.dcm', '/frames/1', OCTET);
    expect(res.statusCode).toBe(200);
    const [part] = readMultipart(res.headers['content-type'], res.rawPayload);
    expect(Buffer.from(part.body).equals(nativePixels())).toBe(true);
  });

  it('sends the JPEG 2000 frame as stored (image/jp2) when the Accept header allows it', async () => {
    const original = pydicomFile('MR_small_jp2klossless.dcm');
    const { dataSet } = parseDicom(original);
    const stored = frameBytes(dataSet, 0, readPixelDescription(dataSet));
    for (const accept of ['multipart/related; type="image/jp2"', '*/*', undefined]) {
      const res = await inject('MR_small_jp2klossless.dcm', '/frames/1', accept);
      expect(res.statusCode, String(accept)).toBe(200);
      expect(res.headers['content-type']).toMatch(/type="image\/jp2"/);
      const [part] = readMultipart(res.headers['content-type'], res.rawPayload);
      expect(part.headers.get('content-type')).toBe('image/jp2; transfer-syntax=1.2.840.10008.1.2.4.90');
      expect(Buffer.from(part.body).equals(Buffer.from(stored))).toBe(true);
    }
  });

  it('keeps the JPEG 2000 frame as stored for octet-stream with transfer-syntax=*, naming the syntax', async () => {
    const res = await inject('MR_small_jp2klossless.dcm', '/frames/1', `${OCTET}; transfer-syntax=*`);
    expect(res.statusCode).toBe(200);
    const [part] = readMultipart(res.headers['content-type'], res.rawPayload);
    expect(part.headers.get('content-type')).toBe('application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.90');
    expect(part.body.length).toBeLessThan(64 * 64 * 2); // compressed
    const native = await inject('MR_small.dcm', '/frames/1', `${OCTET}; transfer-syntax=*`);
    const [nativePart] = readMultipart(native.headers['content-type'], native.rawPayload);
    expect(Buffer.from(nativePart.body).equals(nativePixels())).toBe(true);
  });

  it('converts big endian and RLE frames to the same little-endian native bytes', async () => {
    for (const file of ['MR_small_bigendian.dcm', 'MR_small_RLE.dcm']) {
      const res = await inject(file, '/frames/1', OCTET);
      expect(res.statusCode, file).toBe(200);
      const [part] = readMultipart(res.headers['content-type'], res.rawPayload);
      expect(Buffer.from(part.body).equals(nativePixels()), file).toBe(true);
    }
  });

  it('answers 404 for a frame beyond Number of Frames, 400 for a malformed list, 406 for an impossible type', async () => {
    const beyond = await inject('MR_small.dcm', '/frames/2', OCTET);
    expect(beyond.statusCode).toBe(404);
    expect(beyond.json().code).toBe('VOXA_HTTP_FRAME_NOT_FOUND');
    for (const list of ['0', '1,,2', 'x', '-1']) {
      const res = await inject('MR_small.dcm', `/frames/${list}`, OCTET);
      expect(res.statusCode, list).toBe(400);
    }
    const jpeg = await inject('MR_small.dcm', '/frames/1', 'multipart/related; type="image/jpeg"');
    expect(jpeg.statusCode).toBe(406);
  });
});
