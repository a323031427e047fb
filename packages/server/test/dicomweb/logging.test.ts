import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { HAS_SHARED } from '../../../core/test/util/shared.ts';
import { dicomWebPlugin } from '../../src/dicomweb/dicomWebPlugin.ts';
import { openSqliteFileStore } from '../../src/store/openSqliteFileStore.ts';
import { pydicomFile, stow } from './util/fixtures.ts';

describe.runIf(HAS_SHARED)('logging', () => {
  it('writes no patient name or ID to the log, even at info level and when storing fails', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'voxa-dicomweb-log-'));
    const store = await openSqliteFileStore(dir);
    const failing = Object.assign(Object.create(store), { put: () => Promise.reject(new Error('cannot store CompressedSamples^MR1')) });
    const app = fastify({ logger: { level: 'info', stream } });
    await app.register(dicomWebPlugin, { prefix: '/dicom-web', store: failing });
    try {
      // MR_small.dcm: Patient's Name CompressedSamples^MR1, Patient ID 4MR1.
      expect((await stow(app, [pydicomFile('MR_small.dcm')])).statusCode).toBe(409);
      expect((await app.inject({ url: '/dicom-web/studies?PatientName=CompressedSamples*&PatientID=4MR1' })).statusCode).toBe(204);
      expect((await app.inject({ url: '/dicom-web/series?PatientID=4MR1&limit=-5' })).statusCode).toBe(400);
      const log = lines.join('');
      expect(log).toContain('STOW-RS: store.put failed'); // the failure is logged…
      expect(log).not.toMatch(/CompressedSamples|4MR1/); // …without patient data
    } finally {
      await app.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
