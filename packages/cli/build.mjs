// Bundle the CLI and the @voxa packages it uses into one ESM file (dist/voxa.mjs): Node then
// loads one plain JS file instead of transpiling dozens of .ts modules at every start.
// Third-party packages stay external so that wasm codecs find their files next to them.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = (p) => JSON.parse(readFileSync(new URL(p, import.meta.url), 'utf8'));
const deps = [pkg('./package.json'), pkg('../core/package.json'), pkg('../server/package.json')].flatMap((p) => Object.keys(p.dependencies ?? {}));
const external = [...new Set(deps)].filter((d) => !d.startsWith('@voxa/'));

await build({
  entryPoints: [new URL('./src/cli.ts', import.meta.url).pathname],
  outdir: new URL('./dist', import.meta.url).pathname,
  entryNames: 'voxa',
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
