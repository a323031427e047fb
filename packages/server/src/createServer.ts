import Fastify, { type FastifyInstance } from 'fastify';
import { appPlugin } from './app/appPlugin.ts';
import { assessmentsPlugin } from './assessments/assessmentsPlugin.ts';
import { dicomWebPlugin } from './dicomweb/dicomWebPlugin.ts';
import { exportPlugin } from './export/exportPlugin.ts';
import { fhirPlugin } from './fhir/fhirPlugin.ts';
import type { MeasurementStore } from './measurements/MeasurementStore.ts';
import { measurementStoreFor } from './measurements/measurementStoreFor.ts';
import { measurementsPlugin } from './measurements/measurementsPlugin.ts';
import { modelsPlugin } from './models/modelsPlugin.ts';
import { registrationPlugin } from './registration/registrationPlugin.ts';
import type { InstanceStore } from './store/InstanceStore.ts';

/** Options of {@link createServer}. */
export interface ServerOptions {
  store: InstanceStore;
  /** Largest STOW-RS request body, bytes (default 2 GiB). */
  maxUploadBytes?: number;
  logger?: boolean;
  /** Site secret of de-identified exports (/voxa/export/…?deid=true); without it they are refused (501). */
  deidSecret?: Uint8Array | string;
  /** Where the measurements saved with studies are kept; default: in a SqliteFileStore's own database, none for other stores. */
  measurements?: MeasurementStore;
  /** The built web app to serve at / (packages/app/dist); none: the server serves only its APIs. */
  appDir?: string;
  /** The folder of segmentation model manifests served at /api/models (the repository's models/); none: no models. */
  modelsDir?: string;
}

/**
 * The Voxa server: DICOMweb under /dicom-web over the given store, study export (ZIP, optionally
 * de-identified) under /voxa/export, the measurements saved with studies under
 * /voxa/studies/:study/measurements (when the store has them), FHIR under /fhir, the segmentation
 * models of `modelsDir` under /api/models, /health, and the web app at / (when `appDir` is given).
 * Each feature is a Fastify plugin; the caller owns the store (and closes it after `app.close()`).
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
  const measurements = o.measurements ?? measurementStoreFor(o.store);
  if (measurements) await app.register(measurementsPlugin, { prefix: '/voxa/studies', measurements });
  await app.register(assessmentsPlugin, { prefix: '/voxa/assessments', store: o.store, measurements });
  await app.register(registrationPlugin, { prefix: '/voxa/registrations', store: o.store });
  // Always registered: without it the app's catch-all would answer /api/models with index.html.
  await app.register(modelsPlugin, { prefix: '/api/models', dir: o.modelsDir });
  if (o.appDir) await app.register(appPlugin, { dir: o.appDir });
  return app;
}
