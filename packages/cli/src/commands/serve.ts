import { encodePhantomSlice, generatePhantomTimePoint, PHANTOM_MAX_TIME_POINTS, phantomCtSeriesInfo } from '@voxa/core';
import { createServer, openSqliteFileStore, type InstanceStore } from '@voxa/server';
import { numberArg, parse } from '../args.ts';

export const SERVE_HELP = `voxa serve [--port N] [--host ADDR] [--data DIR] [--no-demo] [--demo-size small|full]
  The Voxa server: DICOMweb at http://ADDR:N/dicom-web over the archive in DIR (default
  .voxa-data, port 8042, host 127.0.0.1). On first run (empty archive) it seeds the demo phantom
  studies (three time points of one patient) unless --no-demo.`;

/** `voxa serve`: run the server until SIGINT/SIGTERM. */
export async function serve(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string', default: '8042' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.voxa-data' },
    'no-demo': { type: 'boolean' },
    'demo-size': { type: 'string', default: 'full' },
  });
  const port = numberArg('--port', values.port);
  const store = await openSqliteFileStore(values.data);
  const app = await createServer({ store });
  const address = await app.listen({ port, host: values.host });
  console.log(`Voxa DICOMweb at ${address}/dicom-web (archive ${values.data})`);
  if (!values['no-demo'] && store.search('study', { match: {}, limit: 1 }).length === 0) {
    await seedDemo(store, values['demo-size'] as 'small' | 'full');
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  store.close();
  return 0;
}

/** Store the phantom's studies, generated in memory (no temporary files). */
async function seedDemo(store: InstanceStore, size: 'small' | 'full'): Promise<void> {
  const started = Date.now();
  let stored = 0;
  for (let t = 0; t < PHANTOM_MAX_TIME_POINTS; t++) {
    const tp = generatePhantomTimePoint(t, { size });
    const info = phantomCtSeriesInfo(tp);
    for (let k = 0; k < tp.ct.dimensions[2]; k++) {
      const r = await store.put(encodePhantomSlice(tp, k, info), `phantom tp${t} slice ${k}`);
      if (r.status === 'stored') stored++;
    }
    console.log(`seeded demo study ${t + 1}/${PHANTOM_MAX_TIME_POINTS} (${tp.kind})`);
  }
  console.log(`demo phantom seeded: ${stored} instances in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
