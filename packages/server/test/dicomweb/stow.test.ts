import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDicom } from '@voxa/core';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import { FAILURE_REASON } from '../../src/dicomweb/stowRoutes.ts';
import { startArchive, type TestArchive } from './util/archive.ts';
import { PHILIPS_CT_DIR, philipsCtImages, pydicomFile, stow, value } from './util/fixtures.ts';

type Item = Record<string, { vr: string; Value?: unknown[] }>;
const STUDY = '1.3.46.670589.33.1.27492712521914879309.27169771283235650014';

describe.runIf(HAS_SHARED)('STOW-RS (PS3.18 §10.5) on real files', () => {
  let archive: TestArchive;
  beforeAll(async () => {
    archive = await startArchive();
  });
  afterAll(() => archive?.close());

  it('stores the 28 Philips CT images of one request: 200 and 28 Referenced SOP items with Retrieve URLs', async () => {
    const files = philipsCtImages();
    expect(files).toHaveLength(28);
    const res = await stow(archive.app, files.map((f) => f.bytes));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/dicom\+json/);
    const body = res.json() as Record<string, { vr: string; Value?: Item[] }>;
    const referenced = body['00081199'].Value!;
    expect(referenced).toHaveLength(28);
    expect(body['00081198']).toBeUndefined();
    expect(value(body, '00081190')).toBe(`http://localhost:80/dicom-web/studies/${STUDY}`);
    for (const item of referenced) {
      expect(value(item, '00081150')).toBe('1.2.840.10008.5.1.4.1.1.2'); // CT Image Storage
      expect(String(value(item, '00081190'))).toMatch(new RegExp(`/dicom-web/studies/${STUDY}/series/[0-9.]+/instances/${value(item, '00081155')}$`));
    }
  });

  it('answers a repeated upload of identical files with 200 (duplicates are referenced, not failed)', async () => {
    const res = await stow(archive.app, philipsCtImages().slice(0, 2).map((f) => f.bytes));
    expect(res.statusCode).toBe(200);
    expect(res.json()['00081199'].Value).toHaveLength(2);
  });

  it('fails a DICOMDIR with 0122H "SOP Class not supported": 409 when nothing is stored', async () => {
    const res = await stow(archive.app, [readFileSync(`${PHILIPS_CT_DIR}/DIRFILE`)]);
    expect(res.statusCode).toBe(409);
    const failed = res.json()['00081198'].Value as Item[];
    expect(failed).toHaveLength(1);
    expect(value(failed[0], '00081197')).toBe(FAILURE_REASON.sopClassNotSupported);
    expect(value(failed[0], '00081197')).toBe(290);
  });

  it('fails an instance of another study on POST /studies/{study} (A901H, A9xx range), 409', async () => {
    const res = await stow(archive.app, [pydicomFile('MR_small.dcm')], STUDY);
    expect(res.statusCode).toBe(409);
    const failed = res.json()['00081198'].Value as Item[];
    expect(value(failed[0], '00081197')).toBe(0xa901);
    expect(value(failed[0], '00081155')).toBe('1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457');
  });

  it('gives 202 with both sequences when some parts are stored and some fail (not DICOM → C000H)', async () => {
    const res = await stow(archive.app, [pydicomFile('MR_small.dcm'), Buffer.from('this is not a DICOM file at all')]);
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body['00081199'].Value).toHaveLength(1);
    expect(value(body['00081198'].Value[0], '00081197')).toBe(FAILURE_REASON.cannotUnderstand);
  });

  it('fails the same SOP Instance UID with other bytes (a conflict) with 0110H, keeping the stored one', async () => {
    const res = await stow(archive.app, [pydicomFile('MR_small_jp2klossless.dcm')]);
    expect(res.statusCode).toBe(409);
    expect(value(res.json()['00081198'].Value[0], '00081197')).toBe(FAILURE_REASON.processingFailure);
  });

  it('accepts POST /studies/{study} for instances of that study', async () => {
    const res = await stow(archive.app, [philipsCtImages()[0].bytes], STUDY);
    expect(res.statusCode).toBe(200);
    expect(value(res.json(), '00081190')).toMatch(new RegExp(`/studies/${STUDY}$`));
  });

  it('answers a request mixing a duplicate, a conflict, a non-DICOM part and new instances part by part (202)', async () => {
    const philips = philipsCtImages()[0].bytes; // stored by the first test: a duplicate now
    const ct = pydicomFile('CT_small.dcm');
    const res = await stow(archive.app, [philips, pydicomFile('MR_small_jp2klossless.dcm'), Buffer.from('not DICOM'), ct, ct]);
    expect(res.statusCode).toBe(202);
    const body = res.json() as Record<string, { Value: Item[] }>;
    // Referenced and failed items keep the order of the parts.
    const CT_SOP = '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322';
    const philipsSop = parseDicom(philips, 'I10', { untilTag: 'x7fe00010' }).dataSet.string('x00080018');
    expect(body['00081199'].Value.map((item) => value(item, '00081155'))).toEqual([philipsSop, CT_SOP, CT_SOP]);
    expect(String(value(body['00081199'].Value[1], '00081190'))).toMatch(new RegExp(`/instances/${CT_SOP}$`));
    expect(body['00081198'].Value.map((item) => value(item, '00081197'))).toEqual([FAILURE_REASON.processingFailure, FAILURE_REASON.cannotUnderstand]);
    expect(value(body['00081198'].Value[0], '00081155')).toBe('1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457');
    // The new instance is stored once, the duplicate parts did not add a second copy.
    const found = await archive.app.inject({ url: `/dicom-web/instances?SOPInstanceUID=${CT_SOP}` });
    expect(found.json()).toHaveLength(1);
  });

  it('maps a store that throws to 0110H "processing failure" without taking the server down', async () => {
    const broken = await startArchive({}, (store) => Object.assign(Object.create(store), { put: () => Promise.reject(new Error('disk on fire')) }));
    try {
      const res = await stow(broken.app, [pydicomFile('MR_small.dcm')]);
      expect(res.statusCode).toBe(409);
      expect(value(res.json()['00081198'].Value[0], '00081197')).toBe(272);
    } finally {
      await broken.close();
    }
  });
});
