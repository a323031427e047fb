import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Start the registration worker thread (registrationWorker.ts), from wherever this module runs:
 * - from the TypeScript sources (vitest, `node --import tsx`, bin/voxa.js without a build):
 *   registrationWorker.ts beside this file, in a worker that first registers tsx's ESM hooks.
 *   On Node 20 a worker does not get the parent's hooks, and `execArgv: ['--import', 'tsx']`
 *   leaves .ts unknown to it, so a two-line bootstrap (eval) calls `tsx/esm/api` register()
 *   and then imports the entry;
 * - from the CLI bundle (packages/cli/build.mjs): the bundled entry dist/registrationWorker.mjs,
 *   beside voxa.mjs: one folder up from this code's chunk (dist/chunks/…), or beside it should
 *   esbuild ever put this code in voxa.mjs itself.
 */
export function startRegistrationWorker(): Worker {
  const here = import.meta.url;
  const name = 'voxa-registration';
  if (here.endsWith('.ts')) {
    const entry = new URL('./registrationWorker.ts', here).href;
    const bootstrap = `import(${JSON.stringify(tsxEsmApiUrl(here))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(bootstrap, { eval: true, name });
  }
  const candidates = [new URL('../registrationWorker.mjs', here), new URL('./registrationWorker.mjs', here)];
  const entry = candidates.find((u) => existsSync(u));
  if (!entry) throw new Error(`registration worker entry not found: looked for ${candidates.map((u) => u.pathname).join(', ')} (bundle built without it?)`);
  return new Worker(entry, { name });
}

/** The ESM file of tsx's `tsx/esm/api` export, resolved from `from` (require.resolve would give its CommonJS build). */
function tsxEsmApiUrl(from: string): string {
  const packageJson = createRequire(from).resolve('tsx/package.json');
  const exports = JSON.parse(readFileSync(packageJson, 'utf8')).exports as Record<string, { import?: { default?: string } }>;
  const file = exports['./esm/api']?.import?.default;
  if (!file) throw new Error(`tsx at ${dirname(packageJson)} has no ESM export "tsx/esm/api"`);
  return pathToFileURL(join(dirname(packageJson), file)).href;
}
