// Benchmark dispatcher: `npm run bench -- <name> [args…]` runs bench/<name>.bench.ts, whose
// exported `main(args)` does the work. With no name (or an unknown one) it lists the benchmarks.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  if (name) console.error(`unknown benchmark "${name}"`);
  console.log(`usage: npm run bench -- <name> [args]\nbenchmarks: ${names.join(', ')}`);
  process.exit(name ? 2 : 0);
}

const mod = (await import(pathToFileURL(`${here}/${name}.bench.ts`).href)) as {
  main?: (args: string[]) => Promise<number | void>;
};
if (typeof mod.main !== 'function') throw new Error(`bench/${name}.bench.ts exports no main(args)`);
process.exitCode = (await mod.main(args)) ?? 0;
