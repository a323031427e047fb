import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '@voxa/core';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import { voiFunction } from '../../src/dicomweb/renderFrame.ts';
import { startArchive, type TestArchive } from './util/archive.ts';
import { decodePng } from './util/decodePng.ts';
import { philipsCtImages, pydicomFile, stow, value } from './util/fixtures.ts';

describe.runIf(HAS_SHARED)('rendered and thumbnail resources (PS3.18 §10.4.1.1.3–4) as PNG', () => {
  let archive: TestArchive;
  let mrUrl = '';
  let ctUrl = '';
  beforeAll(async () => {
    archive = await startArchive();
    const res = await stow(archive.app, [pydicomFile('MR_small.dcm'), philipsCtImages()[0].bytes]);
    expect(res.statusCode).toBe(200);
    [mrUrl, ctUrl] = (res.json()['00081199'].Value as Array<Record<string, { Value?: unknown[] }>>).map((item) => new URL(String(value(item, '00081190'))).pathname);
  });
  afterAll(() => archive?.close());

  /** MR_small's stored values (rescale 1/0 absent → identity). */
  function mrValues(): Int16Array {
    const { dataSet } = parseDicom(pydicomFile('MR_small.dcm'));
    const el = dataSet.elements.x7fe00010;
    return new Int16Array(Uint8Array.from(dataSet.byteArray.subarray(el.dataOffset, el.dataOffset + el.length)).buffer);
  }

  it('renders MR_small with its own window (center 600, width 1600 in the file) as a 64×64 grey PNG', async () => {
    const res = await archive.app.inject({ url: `${mrUrl}/rendered`, headers: { accept: 'image/png' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = decodePng(res.rawPayload);
    expect([png.width, png.height, png.channels]).toEqual([64, 64, 1]);
    const f = voiFunction({ center: 600, width: 1600, fn: 'LINEAR' });
    const expected = Array.from(mrValues(), f);
    expect(Array.from(png.pixels)).toEqual(expected);
  });

  it('applies window=center,width,function from the query instead of the file', async () => {
    const res = await archive.app.inject({ url: `${mrUrl}/frames/1/rendered?window=1000,500,linear-exact` });
    expect(res.statusCode).toBe(200);
    const f = voiFunction({ center: 1000, width: 500, fn: 'LINEAR_EXACT' });
    expect(Array.from(decodePng(res.rawPayload).pixels)).toEqual(Array.from(mrValues(), f));
  });

  it('renders a 512×512 CT slice, and its thumbnail at 128×128', async () => {
    const full = await archive.app.inject({ url: `${ctUrl}/rendered?window=40,400` });
    expect(decodePng(full.rawPayload).width).toBe(512);
    const thumb = await archive.app.inject({ url: `${ctUrl}/thumbnail` });
    expect(thumb.statusCode).toBe(200);
    const png = decodePng(thumb.rawPayload);
    expect([png.width, png.height]).toEqual([128, 128]);
    const viewport = await archive.app.inject({ url: `${ctUrl}/rendered?viewport=100,50` });
    expect(decodePng(viewport.rawPayload).height).toBe(50);
  });

  it('answers 400 for a bad window, 406 when PNG is not acceptable', async () => {
    for (const window of ['abc', '40', '40,0', '40,400,cubic']) {
      const res = await archive.app.inject({ url: `${mrUrl}/rendered?window=${window}` });
      expect(res.statusCode, window).toBe(400);
      expect(res.json().code).toBe('VOXA_HTTP_BAD_WINDOW');
    }
    const jpeg = await archive.app.inject({ url: `${mrUrl}/rendered`, headers: { accept: 'image/jpeg' } });
    expect(jpeg.statusCode).toBe(406);
  });
});
