import Fastify, { type FastifyInstance } from 'fastify';
import { dicomWebPlugin } from './dicomweb/dicomWebPlugin.ts';
import { exportPlugin } from './export/exportPlugin.ts';
import { fhirPlugin } from './fhir/fhirPlugin.ts';
import type { InstanceStore } from './store/InstanceStore.ts';

/** Options of {@link createServer}. */
export interface ServerOptions {
  store: InstanceStore;
  /** Largest STOW-RS request body, bytes (default 2 GiB). */
  maxUploadBytes?: number;
  logger?: boolean;
  /** Site secret of de-identified exports (/voxa/export/…?deid=true); without it they are refused (501). */
  deidSecret?: Uint8Array | string;
}

/**
 * The Voxa server: DICOMweb under /dicom-web over the given store, study export (ZIP, optionally
 * de-identified) under /voxa/export, and /health. Each feature is a Fastify plugin; the caller owns
 * the store (and closes it after `app.close()`).
 *
 * @example
 * const store = await openSqliteFileStore('.voxa-data');
 * const app = await createServer({ store });
 * await app.listen({ port: 8042, host: '127.0.0.1' });
 */
export async function createServer(o: ServerOptions): Promise<FastifyInstance> {
  const maxUploadBytes = o.maxUploadBytes ?? 2 ** 31;
  const app = Fastify({ logger: o.logger ?? false, bodyLimit: maxUploadBytes });
  app.get('/health', { schema: { response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } } }, async () => ({ status: 'ok' }));
  await app.register(dicomWebPlugin, { prefix: '/dicom-web', store: o.store, maxUploadBytes });
  await app.register(exportPlugin, { prefix: '/voxa/export', store: o.store, deidSecret: o.deidSecret });
  await app.register(fhirPlugin, { prefix: '/fhir', store: o.store });
  return app;
}
