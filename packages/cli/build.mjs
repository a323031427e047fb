// Bundle the CLI and the @voxa packages it uses into one ESM file (dist/voxa.mjs): Node then
// loads one plain JS file instead of transpiling dozens of .ts modules at every start.
// Third-party packages stay external so that wasm codecs find their files next to them.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = (p) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const deps = [pkg('./package.json'), pkg('../core/package.json'), pkg('../server/package.json')].flatMap((p) => Object.keys(p.dependencies ?? {}));
const external = [...new Set(deps)].filter((d) => !d.startsWith('@voxa/'));

await build({
  // The server's registration worker is a second entry (dist/registrationWorker.mjs, beside
  // voxa.mjs): a worker_threads file of its own, found by startRegistrationWorker.ts.
  entryPoints: {
    voxa: new URL('./src/cli.ts', import.meta.url).pathname,
    registrationWorker: new URL('../server/src/registration/registrationWorker.ts', import.meta.url).pathname,
  },
  outdir: new URL('./dist', import.meta.url).pathname,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  splitting: true, // one chunk per command: `voxa convert` never loads the phantom writer
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...external, ...external.map((d) => `${d}/*`)],
  sourcemap: 'linked',
  logLevel: 'warning',
});

// The page `voxa render` opens in headless chromium (dist/renderPage.js, one IIFE): the renderer's
// page API plus the CLI's page side (src/render/renderPage.ts). The renderer's modules are
// imported here rather than from that file because they need the DOM libs to type-check and the
// CLI is type-checked without them.
await build({
  stdin: {
    contents: [
      "import { installRenderApi } from '../render/src/headless/renderApi.ts';",
      "import { CINEMATIC_DEFAULTS } from '../render/src/vr/PathTracer.ts';",
      "import { installRenderPage } from './src/render/renderPage.ts';",
      'installRenderPage(installRenderApi, CINEMATIC_DEFAULTS);',
    ].join('\n'),
    resolveDir: new URL('.', import.meta.url).pathname, sourcefile: 'renderPageEntry.ts', loader: 'ts',
  },
  outfile: new URL('./dist/renderPage.js', import.meta.url).pathname,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  // The codecs' Emscripten glue (reached through @voxa/core) names Node modules on paths a page never takes.
  external: ['fs', 'path', 'crypto', 'module', 'url', 'worker_threads', 'node:*'],
  logLevel: 'warning',
});
