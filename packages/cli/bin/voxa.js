#!/usr/bin/env node
// The `voxa` command: the bundled CLI (npm run build) when present, else the TypeScript sources
// through tsx, so a fresh checkout works before any build.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/voxa.mjs', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
