// dcmtk's dsrdump, the SR peer of the Measurement Report tests (dciodvfy comes from segPeers.ts).
// CI installs dcmtk (.ci/run); in a user's clone the tests that need it are skipped loudly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DSRDUMP = '/usr/bin/dsrdump';

/** True when dsrdump is installed; under CI its absence fails the run. */
export function hasDsrdump(): boolean {
  if (existsSync(DSRDUMP)) return true;
  const message = 'dsrdump not installed (apt-get install dcmtk)';
  if (process.env.CI) throw new Error(`${message}; CI must run the SR interoperability tests`);
  console.warn(`\n!!! ${message}: these tests are SKIPPED !!!\n`);
  return false;
}

/** dsrdump's rendering of an SR file (+Pt: with template identification), its warnings and exit status. */
export function dsrdump(path: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(DSRDUMP, ['+Pt', path], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
