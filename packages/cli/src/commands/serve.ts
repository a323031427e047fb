import { encodePhantomSlice, generatePhantomTimePoint, PHANTOM_MAX_TIME_POINTS, phantomCtSeriesInfo } from '@voxa/core';
import { createServer, isAeTitle, openSqliteFileStore, parseDimsePeer, startDimseServer, type DimseServer, type InstanceStore } from '@voxa/server';
import { dirname, join, resolve } from 'node:path';
import { numberArg, parse, UsageError } from '../args.ts';
import { loadDeidSecret } from '../deidSecret.ts';

export const SERVE_HELP = `voxa serve [--port N] [--host ADDR] [--data DIR] [--dimse-port N] [--ae-title AE] [--peer AE@HOST:PORT]...
           [--no-dimse] [--deid-secret-file FILE] [--no-demo] [--demo-size small|full] [--app-dir DIR]
           [--models DIR]
  The Voxa server over the archive in DIR (default .voxa-data), on ADDR (default 127.0.0.1):
  - the browser workstation at http://ADDR:N/ (the built packages/app/dist, or --app-dir);
  - DICOMweb at http://ADDR:N/dicom-web (port 8042), FHIR R4 ImagingStudy at /fhir, study
    export as ZIP at /voxa/export/studies/<UID>[/series/<UID>];
  - DIMSE (C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET SCP) as AE title AE (default VOXA) on
    --dimse-port (default 11112; if that default is taken the server runs without DIMSE);
    --peer names a remote AE C-MOVE may send to (repeat for several); --no-dimse turns it off.
  - the segmentation models whose manifests are in --models DIR (default: the repository's
    models/) at /api/models, run in the browser;
  - ?deid=true on an export de-identifies it (as \`voxa deid\`) with the site secret from
    --deid-secret-file FILE or VOXA_DEID_SECRET; without either it is refused.
  On first run (empty archive) it seeds the demo phantom studies (three time points of one
  patient) unless --no-demo.`;

const DEFAULT_DIMSE_PORT = 11112;

/** `voxa serve`: run the server until SIGINT/SIGTERM. */
export async function serve(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string', default: '8042' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.voxa-data' },
    'dimse-port': { type: 'string' },
    'ae-title': { type: 'string', default: 'VOXA' },
    peer: { type: 'string', multiple: true, default: [] },
    'no-dimse': { type: 'boolean' },
    'deid-secret-file': { type: 'string' },
    'no-demo': { type: 'boolean' },
    'demo-size': { type: 'string', default: 'full' },
    'app-dir': { type: 'string' },
    models: { type: 'string' },
  });
  const port = numberArg('--port', values.port);
  const dimsePort = values['dimse-port'] === undefined ? undefined : numberArg('--dimse-port', values['dimse-port']);
  const aeTitle = values['ae-title'];
  if (!isAeTitle(aeTitle)) throw new UsageError(`--ae-title ${JSON.stringify(aeTitle)}: expected 1-16 printable characters without a backslash`);
  const peers = values.peer.map((text) => {
    try {
      return parseDimsePeer(text);
    } catch (e) {
      throw new UsageError(`--peer: ${(e as Error).message}`);
    }
  });
  const deidSecret = await loadDeidSecret(values['deid-secret-file']);

  const store = await openSqliteFileStore(values.data);
  // The built app sits beside the CLI in the repository: packages/cli/{dist,src} → packages/app/dist.
  const appDir = resolve(values['app-dir'] ?? join(dirname(process.argv[1]), '..', '..', 'app', 'dist'));
  // The model manifests likewise: packages/cli/{dist,src} → models/ at the repository root.
  const modelsDir = resolve(values.models ?? join(dirname(process.argv[1]), '..', '..', '..', 'models'));
  const app = await createServer({ store, deidSecret, appDir, modelsDir });
  const address = await app.listen({ port, host: values.host });
  console.log(`Voxa workstation at ${address}/`);
  console.log(`Voxa DICOMweb at ${address}/dicom-web (archive ${values.data})`);
  console.log(`FHIR R4 at ${address}/fhir; study export at ${address}/voxa/export/studies/<UID>${deidSecret ? ' (?deid=true available)' : ' (de-identified export off: no --deid-secret-file or VOXA_DEID_SECRET)'}`);
  console.log(`Segmentation models at ${address}/api/models (manifests in ${modelsDir})`);
  const dimse = values['no-dimse'] ? undefined : await startDimse(store, values.host, dimsePort, aeTitle, peers);
  if (!values['no-demo'] && store.search('study', { match: {}, limit: 1 }).length === 0) {
    await seedDemo(store, values['demo-size'] as 'small' | 'full');
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await dimse?.close();
  await app.close();
  store.close();
  return 0;
}

/** Start DIMSE; a taken default port only warns (`npm start` must come up), an explicit one is an error. */
async function startDimse(store: InstanceStore, host: string, port: number | undefined, aeTitle: string, peers: ReturnType<typeof parseDimsePeer>[]): Promise<DimseServer | undefined> {
  const log = (line: string) => console.error(line);
  try {
    const dimse = await startDimseServer({ store, host, port: port ?? DEFAULT_DIMSE_PORT, aeTitle, peers, log });
    const known = peers.length ? `; C-MOVE destinations ${peers.map((p) => `${p.aeTitle}@${p.host}:${p.port}`).join(', ')}` : '';
    console.log(`Voxa DIMSE as ${aeTitle} at ${host}:${dimse.port}${known}`);
    return dimse;
  } catch (e) {
    if (port !== undefined || (e as { code?: string }).code !== 'EADDRINUSE') throw e;
    console.warn(`voxa serve: port ${DEFAULT_DIMSE_PORT} is taken, running without DIMSE (give --dimse-port N)`);
    return undefined;
  }
}

/** Demo slices stored per `putMany`. */
const DEMO_BATCH = 16;

/** Store the phantom's studies, generated in memory (no temporary files). */
async function seedDemo(store: InstanceStore, size: 'small' | 'full'): Promise<void> {
  const started = Date.now();
  let stored = 0;
  for (let t = 0; t < PHANTOM_MAX_TIME_POINTS; t++) {
    const tp = generatePhantomTimePoint(t, { size });
    const info = phantomCtSeriesInfo(tp);
    // Slices go in batches: their writes overlap and share the index commits.
    for (let k = 0; k < tp.ct.dimensions[2]; k += DEMO_BATCH) {
      const slices = Array.from({ length: Math.min(DEMO_BATCH, tp.ct.dimensions[2] - k) }, (_, j) => k + j);
      for (const r of await store.putMany(slices.map((s) => ({ bytes: encodePhantomSlice(tp, s, info), origin: `phantom tp${t} slice ${s}` })))) {
        if (r.status === 'rejected') throw r.reason;
        if (r.value.status === 'stored') stored++;
      }
    }
    console.log(`seeded demo study ${t + 1}/${PHANTOM_MAX_TIME_POINTS} (${tp.kind})`);
  }
  console.log(`demo phantom seeded: ${stored} instances in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
