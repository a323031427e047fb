import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (three levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** ../shared beside the repo root: real test data (read-only). Absent in a user's clone. */
export const SHARED_DIR = resolve(REPO_ROOT, '../shared');
export const SHARED_DATA = join(SHARED_DIR, 'data');
export const HAS_SHARED = existsSync(join(SHARED_DATA, 'MANIFEST.md'));

if (!HAS_SHARED) {
  // CI always has ../shared: there its absence is a failure, not a skip.
  if (process.env.CI) throw new Error(`../shared/data is missing at ${SHARED_DATA}; CI must run the real-data tests`);
  console.warn(`\n!!! ../shared/data not found at ${SHARED_DATA}: tests on real data are SKIPPED !!!\n`);
}

/** Absolute path of a file under ../shared/data. */
export function sharedData(...parts: string[]): string {
  return join(SHARED_DATA, ...parts);
}

/** Absolute path of a file under ../shared/models (real pre-trained models; see its MANIFEST.md). */
export function sharedModel(...parts: string[]): string {
  return join(SHARED_DIR, 'models', ...parts);
}
