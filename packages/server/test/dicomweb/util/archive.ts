import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastify, { type FastifyInstance } from 'fastify';
import { dicomWebPlugin, type DicomWebPluginOptions } from '../../../src/dicomweb/dicomWebPlugin.ts';
import type { InstanceStore } from '../../../src/store/InstanceStore.ts';
import { openSqliteFileStore } from '../../../src/store/openSqliteFileStore.ts';

/** A Fastify app with the DICOMweb plugin under /dicom-web over a fresh SqliteFileStore in a temp folder. */
export interface TestArchive {
  app: FastifyInstance;
  store: InstanceStore;
  close(): Promise<void>;
}

export async function startArchive(options: Omit<DicomWebPluginOptions, 'store'> = {}, wrap?: (store: InstanceStore) => InstanceStore): Promise<TestArchive> {
  const dir = mkdtempSync(join(tmpdir(), 'voxa-dicomweb-'));
  const opened = await openSqliteFileStore(dir);
  const store = wrap ? wrap(opened) : opened;
  const app = fastify({ logger: false });
  await app.register(dicomWebPlugin, { prefix: '/dicom-web', store, ...options });
  await app.ready();
  return {
    app,
    store,
    async close() {
      await app.close();
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
